// `node bench/many-customers.mjs`: the validation on a file with many customers and few lines
// each (issue 15 describes a 69,659-line file of 23,502 customers). Built from the UCI file: each
// customer's purchases are split into one customer per week (`17850-w52`), and only the first
// three lines of each invoice are kept, so there are tens of thousands of small customers with
// real dates, amounts and repeat purchases. Then the CLI runs with and without its validation
// block, alternately, and the medians of both and their ratio are printed (CPU and wall time).
//   npm run build:cli && node bench/many-customers.mjs [--runs N] [--keep]
// Figures, not a pass/fail test.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, spread, timedSpawn } from './pandas.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const SOURCE = new URL('../../shared/data/online_retail.csv', import.meta.url);
const WEEK_MS = 7 * 86_400_000;

function makeFile(path) {
  const [header, ...body] = readFileSync(SOURCE, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const columns = header.split(',');
  const invoiceAt = columns.indexOf('InvoiceNo');
  const dateAt = columns.indexOf('InvoiceDate');
  const customerAt = columns.indexOf('CustomerID');
  const linesOf = new Map();
  const out = [header];
  for (const line of body) {
    // Quoted descriptions hold commas: the fields after them are counted from the end.
    const fields = line.split(',');
    const invoice = fields[invoiceAt];
    const fromEnd = (at) => fields.length - (columns.length - at);
    const customer = fields[fromEnd(customerAt)];
    const date = fields[fromEnd(dateAt)];
    const seen = linesOf.get(invoice) ?? 0;
    if (customer === '' || seen >= 3) continue;
    linesOf.set(invoice, seen + 1);
    const week = Math.floor(Date.parse(`${date.replace(' ', 'T')}Z`) / WEEK_MS);
    fields[fromEnd(customerAt)] = `${customer}-w${week}`;
    out.push(fields.join(','));
  }
  writeFileSync(path, out.join('\n') + '\n');
  return out.length - 1;
}

const path = join(tmpdir(), 'segment-bench-many-customers.csv');
if (!existsSync(path)) process.stderr.write(`writing ${path}: ${makeFile(path)} lines\n`);
const outDir = mkdtempSync(join(tmpdir(), 'segment-bench-many-'));

function runCli(validation) {
  const { run, wall, cpu } = timedSpawn(
    process.execPath,
    [
      'dist-cli/analyze.mjs',
      path,
      '--out',
      outDir,
      '--quiet',
      '--timings',
      ...(validation ? [] : ['--skip-validation']),
    ],
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
