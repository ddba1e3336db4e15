/**
 * The CLI as users run it: scripts/build-cli.mjs bundles it and makes its code cache, and the
 * bundle, run with the Node flags `npm run analyze` gives it (scripts/cli-node.mjs), takes the
 * cache and writes what `main` writes when run from the sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS, cliNodeFlags } from '../../scripts/cli-node.mjs';
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

  it('is what `npm run analyze` runs, with its exit status', () => {
    // scripts/analyze.mjs builds dist-cli first if it is missing or older than the sources.
    const help = spawnSync(process.execPath, ['scripts/analyze.mjs', '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--skip-validation/);
    const missing = spawnSync(process.execPath, ['scripts/analyze.mjs', join(dir, 'none.csv')], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*none\.csv/);
  }, 60_000);
});

describe("the CLI's Node flags", () => {
  it('optimize on the running thread only when the two threads have no core to spare', () => {
    const base = ['--max-semi-space-size=2', '--single-threaded-gc'];
    const inPlace = ['--no-concurrent-recompilation', '--no-concurrent-osr'];
    expect(cliNodeFlags(1)).toEqual([...base, ...inPlace]);
    expect(cliNodeFlags(2)).toEqual([...base, ...inPlace]);
    expect(cliNodeFlags(3)).toEqual(base);
    expect(cliNodeFlags(16)).toEqual(base);
  });
});
