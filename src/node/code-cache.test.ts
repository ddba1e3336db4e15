/**
 * Loading a CommonJS bundle with its V8 code cache (code-cache.ts): run as Node runs a module,
 * from no cache, from the cache it wrote, from a cache V8 rejects, and simply required under
 * --enable-source-maps.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFileOf, loadWithCodeCache } from './code-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'segment-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle that uses what a module has: exports, module, require, its file and directory. */
function bundle(name: string, answer = 42): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      "const { basename } = require('node:path');",
      `function answer() { return ${answer}; }`,
      'module.exports = { answer, file: basename(__filename), dir: __dirname, self: this === exports };',
    ].join('\n'),
  );
  return file;
}

describe('loadWithCodeCache', () => {
  it('runs a bundle as a module, makes its cache, and runs from it the next time', () => {
    const file = bundle('a.cjs');
    const first = loadWithCodeCache(file);
    expect(first.cache).toBe('none');
    expect(first.exports).toMatchObject({ file: 'a.cjs', dir, self: true });
    expect((first.exports as { answer(): number }).answer()).toBe(42);
    first.writeCache();
    expect(statSync(cacheFileOf(file)).size).toBeGreaterThan(0);
    const second = loadWithCodeCache(file);
    expect(second.cache).toBe('used');
    expect((second.exports as { answer(): number }).answer()).toBe(42);
  });

  it('compiles anew when V8 rejects the cache: another source, or not a cache at all', () => {
    const file = bundle('b.cjs');
    loadWithCodeCache(file).writeCache();
    // A longer source: V8 sees the length differ and ignores the cache.
    bundle('b.cjs', 4200);
    const rebuilt = loadWithCodeCache(file);
    expect(rebuilt.cache).toBe('rejected');
    expect((rebuilt.exports as { answer(): number }).answer()).toBe(4200);
    // A source this process has not compiled yet (V8 would find the last one in memory).
    bundle('b.cjs', 4201);
    writeFileSync(cacheFileOf(file), 'not bytecode');
    const garbled = loadWithCodeCache(file);
    expect(garbled.cache).toBe('rejected');
    expect((garbled.exports as { answer(): number }).answer()).toBe(4201);
  });

  it('requires the bundle under --enable-source-maps, so stacks name the sources', () => {
    const file = bundle('c.cjs');
    const was = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(true);
    try {
      const loaded = loadWithCodeCache(file);
      expect(loaded.cache).toBe('source maps');
      expect((loaded.exports as { answer(): number }).answer()).toBe(42);
    } finally {
      process.setSourceMapsEnabled(was);
    }
  });
});
