// `node bench/many-customers.mjs`: the validation on a file with many customers and few lines
// each (bench/many-customers-file.mjs). The CLI runs with and without its validation block,
// alternately, and the medians of both and their ratio are printed (CPU and wall time).
//   npm run build:cli && node bench/many-customers.mjs [--runs N] [--keep]
// Figures, not a pass/fail test.
import { cliArgs } from '../scripts/cli-node.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manyCustomersFile } from './many-customers-file.mjs';
import { median, spread, timedSpawn } from './pandas.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const path = manyCustomersFile();
const outDir = mkdtempSync(join(tmpdir(), 'segment-bench-many-'));

function runCli(validation) {
  const { run, wall, cpu } = timedSpawn(
    process.execPath,
    cliArgs(
      path,
      '--out',
      outDir,
      '--quiet',
      '--timings',
      ...(validation ? [] : ['--skip-validation']),
    ),
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  return { wall, cpu, ...JSON.parse(run.stdout.trim().split('\n').pop()) };
}

const without = [];
const withIt = [];
for (let i = 0; i < runs; i++) {
  for (const validation of i % 2 === 0 ? [false, true] : [true, false])
    (validation ? withIt : without).push(runCli(validation));
  const a = without[without.length - 1];
  const b = withIt[withIt.length - 1];
  process.stderr.write(
    `round ${i + 1}/${runs}: without validation CPU ${a.cpu.toFixed(0)} ms, wall ${a.wall.toFixed(0)} ms; with it CPU ${b.cpu.toFixed(0)} ms, wall ${b.wall.toFixed(0)} ms\n`,
  );
}
const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
rmSync(outDir, { recursive: true, force: true });
if (!args.includes('--keep')) rmSync(path, { force: true });

const lines = summary.cleaning.rows_in.toLocaleString('en');
console.log(
  `\n${path}: ${lines} lines, ${summary.customers.toLocaleString('en')} customers, k = ${summary.k}; ${runs} alternating runs`,
);
for (const [name, xs] of [
  ['without validation', without],
  ['with validation', withIt],
]) {
  const cpus = xs.map((r) => r.cpu);
  const walls = xs.map((r) => r.wall);
  console.log(
    `  ${name.padEnd(19)} CPU ${median(cpus).toFixed(0)} ms ${spread(cpus)}, wall ${median(walls).toFixed(0)} ms ${spread(walls)}, peak ${median(xs.map((r) => r.peakRssMiB)).toFixed(0)} MiB`,
  );
}
const ratio = (key) =>
  (median(withIt.map((r) => r[key])) / median(without.map((r) => r[key]))).toFixed(2);
console.log(`  with / without: CPU ${ratio('cpu')}, wall ${ratio('wall')}`);
