/**
 * The CLI as users run it: scripts/build-cli.mjs bundles it and makes its code cache, and the
 * bundle, run with package.json's Node flags, takes the cache and writes what `main` writes when
 * run from the sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS } from '../../bench/cli.mjs';
import { sharedPath } from '../core/testing/reference.ts';
import { main } from './analyze.ts';

const dir = mkdtempSync(join(tmpdir(), 'segment-bundle-'));
const bundle = join(dir, 'cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--force', '--out', bundle], {
    encoding: 'utf8',
  });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
}, 60_000);

/** The first `lines` lines of the UCI file. */
function head(lines: number): string {
  const path = join(dir, `head-${lines}.csv`);
  const text = readFileSync(sharedPath('data', 'online_retail.csv'), 'utf8');
  let end = 0;
  for (let i = 0; i < lines; i++) end = text.indexOf('\n', end) + 1;
  writeFileSync(path, text.slice(0, end));
  return path;
}

describe('the bundled CLI', () => {
  it('is built with its code cache beside the analysis', () => {
    for (const file of ['analyze.cjs', 'kmeans-thread.cjs', 'engine/analyze.cjs'])
      expect(existsSync(join(bundle, file))).toBe(true);
    expect(existsSync(join(bundle, 'engine/analyze.cjs.cache'))).toBe(true);
  });

  it('runs from its code cache and writes what the sources write', async () => {
    const file = head(20_000);
    const run = spawnSync(
      process.execPath,
      [
        ...CLI_NODE_FLAGS,
        join(bundle, 'analyze.cjs'),
        file,
        '--quiet',
        '--timings',
        '--out',
        join(dir, 'bundled'),
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim()).codeCache).toBe('used');
    const write = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await main([file, '--quiet', '--out', join(dir, 'sources')])).toBe(0);
    } finally {
      process.stderr.write = write;
    }
    for (const output of ['customers.csv', 'summary.json'])
      expect(readFileSync(join(dir, 'bundled', output), 'utf8')).toBe(
        readFileSync(join(dir, 'sources', output), 'utf8'),
      );
  });
});
