// `npm run bench:big`: the CLI on a file of about 1.1 GB, to show that a file larger than memory
// would allow to hold whole is streamed with bounded memory. The file is the UCI Online Retail
// rows repeated, with invoice and customer ids offset on each repetition so that the customers
// multiply too (24 repetitions: 24 x the rows and 24 x the customers). It is written once to the
// OS temp folder and reused. Prints the wall time and the peak memory (max RSS) of the run.
//   npm run bench:big -- [--gb 1.1] [--keep] [--skip-validation]
// (--gb 0.47 gives ten times the UCI file: 5.4 million rows, 43,340 customers.)
// Figures, not a pass/fail test: far too slow for CI.
import { cliArgs } from '../scripts/cli-node.mjs';
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const targetBytes = Number(option('gb', '1.1')) * 1e9;
const keep = args.includes('--keep');
const passed = args.includes('--skip-validation') ? ['--skip-validation'] : [];
const SOURCE = new URL('../../shared/data/online_retail.csv', import.meta.url);

/** Splits one CSV line into its raw fields (quotes kept), so fields can be put back unchanged. */
function rawFields(line) {
  const fields = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(line.slice(start, i));
      start = i + 1;
    }
  }
  fields.push(line.slice(start));
  return fields;
}

async function makeFile() {
  const text = readFileSync(SOURCE, 'utf8');
  const [header, ...body] = text.split('\n').filter((l) => l !== '');
  const columns = header.split(',');
  const invoiceAt = columns.indexOf('InvoiceNo');
  const customerAt = columns.indexOf('CustomerID');
  const rows = body.map(rawFields);
  const times = Math.max(1, Math.round(targetBytes / Buffer.byteLength(text)));
  const path = join(tmpdir(), `segment-bench-online-retail-x${times}.csv`);
  if (existsSync(path) && statSync(path).size > targetBytes * 0.9) return { path, times };

  process.stderr.write(
    `writing ${path} (${times} x ${rows.length.toLocaleString('en')} rows)...\n`,
  );
  const out = createWriteStream(path);
  out.write(header + '\n');
  for (let r = 0; r < times; r++) {
    const lines = [];
    for (const fields of rows) {
      const copy = fields.slice();
      // 536365 -> 536365 + r x 1,000,000; C536379 stays a cancellation (C prefix kept).
      const invoice = copy[invoiceAt];
      const cancelled = invoice.startsWith('C');
      const number = Number(cancelled ? invoice.slice(1) : invoice);
      if (Number.isFinite(number))
        copy[invoiceAt] = `${cancelled ? 'C' : ''}${number + r * 1_000_000}`;
      // Customers 12346..18287 -> another 100,000 block per repetition; blank stays blank.
      const customer = copy[customerAt];
      if (customer !== '') copy[customerAt] = String(Number(customer) + r * 100_000);
      lines.push(copy.join(','));
    }
    if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, times };
}

const { path, times } = await makeFile();
const size = statSync(path).size;
const outDir = mkdtempSync(join(tmpdir(), 'segment-bench-big-'));
process.stderr.write(`analysing ${(size / 1e9).toFixed(2)} GB with the CLI...\n`);
const t0 = performance.now();
const run = spawnSync(
  process.execPath,
  cliArgs(path, '--out', outDir, '--quiet', '--timings', ...passed),
  { encoding: 'utf8', maxBuffer: 1 << 24 },
);
const wall = performance.now() - t0;
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(1);
}
const report = JSON.parse(run.stdout.trim().split('\n').pop());
const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
rmSync(outDir, { recursive: true, force: true });
if (!keep) rmSync(path, { force: true });

const ms = (x) => `${(x / 1000).toFixed(1)} s`;
console.log(`\n${path}: ${(size / 1e9).toFixed(2)} GB, ${times} x the UCI rows`);
console.log(
  `  rows in ${summary.cleaning.rows_in.toLocaleString('en')}, kept ${summary.cleaning.rows_kept.toLocaleString('en')}, customers ${summary.customers.toLocaleString('en')}, k = ${summary.k}`,
);
console.log(`  wall time ${ms(wall)} (${(size / 1e6 / (wall / 1000)).toFixed(0)} MB/s)`);
for (const [stage, t] of Object.entries(report.stages))
  console.log(`    ${stage.padEnd(10)} ${ms(t)}`);
console.log(`  peak memory (max RSS) ${report.peakRssMiB.toFixed(0)} MiB`);
if (keep) console.log(`  kept ${path}`);
