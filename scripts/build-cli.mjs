// Bundles the CLI for Node (src/cli/main.ts and the engine), so `npm run analyze` starts in
// milliseconds instead of transpiling TypeScript on every run, and makes the analysis bundle's V8
// code cache (src/node/code-cache.ts) by running it once on a small made-up file.
//   node scripts/build-cli.mjs [--force] [--readable] [--out DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CLI_NODE_FLAGS, cliIsUpToDate, codeCacheOf } from './cli-node.mjs';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : 'dist-cli';
// `npm run bench` calls this every time: skip the bundling when the bundle is newer than its
// sources (`cliIsUpToDate`; pass --force to rebuild anyway; --readable to bundle unminified).
const readable = args.includes('--readable');
const cache = codeCacheOf(out);
if (!args.includes('--force') && !readable && cliIsUpToDate(out)) process.exit(0);

rmSync(out, { recursive: true, force: true });

await build({
  // analyze.cjs starts the k-means thread (kmeans-thread.cjs) and loads the analysis
  // (engine/analyze.cjs) from its code cache: CommonJS, as V8's code cache is only for scripts in
  // Node 20; the lazily loaded workbook reader is in the engine bundle too, outside the cache.
  entryPoints: {
    analyze: 'src/cli/main.ts',
    'engine/analyze': 'src/cli/analyze.ts',
    'kmeans-thread': 'src/node/kmeans-thread.ts',
  },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // For a stack with src/ lines: node --enable-source-maps dist-cli/analyze.cjs (the engine is
  // then required without its cache). `npm run analyze` runs without it, which starts about 45 ms
  // sooner (0.18 against 0.22 s to an early exit).
  sourcemap: true,
  // Without comments and spaces, names kept: V8 parses what it loads, on both threads (the
  // analysis 273 kB instead of 380; the whole analysis 2.21 against 2.26 s and 2.33 against
  // 2.38 s in two runs of 13 and 15, the same output). `--readable` keeps the layout, for CPU
  // profiles read line by line.
  minifyWhitespace: !readable,
  minifySyntax: !readable,
  logLevel: 'warning',
});

// The code cache: one run of the CLI, with the flags `npm run analyze` gives it on this machine
// (V8 takes a cache only under the flags it was made with), on a file with the usual columns: the
// functions that run compiled are the ones every analysis runs.
const work = mkdtempSync(join(tmpdir(), 'segment-cache-'));
try {
  const sample = join(work, 'sales.csv');
  writeFileSync(sample, sampleSales());
  const run = spawnSync(
    process.execPath,
    [...CLI_NODE_FLAGS, join(out, 'analyze.cjs'), sample, '--quiet', '--out', join(work, 'out')],
    { encoding: 'utf8', env: { ...process.env, SEGMENT_WRITE_CODE_CACHE: '1' } },
  );
  // Without its cache the CLI only starts a little later: say so, and leave the bundle as it is.
  if (run.status !== 0 || !existsSync(cache))
    process.stderr.write(
      `build-cli: the run that makes the code cache failed; the CLI will compile as it starts:\n${run.stderr}`,
    );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * A year of order lines of 300 made-up customers (a seeded generator): enough for every stage,
 * the k sweep, the lifetime value and the validation to run.
 */
function sampleSales() {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const lines = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  ];
  let invoice = 500000;
  for (let customer = 0; customer < 300; customer++) {
    const orders = 1 + Math.floor(random() * random() * 12);
    for (let o = 0; o < orders; o++) {
      invoice++;
      const day = new Date(Date.UTC(2023, 0, 1 + Math.floor(random() * 360)));
      const date = `${day.toISOString().slice(0, 10)} ${String(8 + (o % 10)).padStart(2, '0')}:30:00`;
      for (let line = 0; line < 1 + Math.floor(random() * 4); line++) {
        const product = 10000 + Math.floor(random() * 200);
        const price = (0.5 + Math.floor(random() * 2000) / 100).toFixed(2);
        const quantity = 1 + Math.floor(random() * 12);
        lines.push(
          `${invoice},${product},ITEM ${product},${quantity},${date},${price},${12000 + customer},${customer % 7 === 0 ? 'France' : 'United Kingdom'}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
