// Writes the monthly sales test file of src/core/testing/monthly-fixture.ts (issue 13: a
// distributor's sales by shop, product, year and month, no order id, no day), cut from the UCI
// Online Retail file, to open in the app by hand. The tests build the same file in memory.
// Deterministic.
//   node scripts/make-monthly-fixture.mjs [--out DIR] [--customers N] [--period] [UCI_FILE]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values, positionals } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/monthly-fixture' },
    customers: { type: 'string' },
    period: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const input = positionals[0] ?? '../shared/data/online_retail.csv';

// The fixture is TypeScript: bundle it in memory and import the bundle as a data: URL.
const bundled = await build({
  entryPoints: ['src/core/testing/monthly-fixture.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { monthlySalesCsv } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
);

const text = monthlySalesCsv(readFileSync(input, 'utf8'), {
  ...(values.customers && { customers: Number(values.customers) }),
  layout: values.period ? 'period' : 'year-month',
});
mkdirSync(values.out, { recursive: true });
const file = join(values.out, values.period ? 'monthly-period.csv' : 'monthly-sales.csv');
writeFileSync(file, text);
console.log(`${file}: ${text.split('\n').length - 2} rows`);
