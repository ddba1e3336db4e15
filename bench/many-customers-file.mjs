// The file with many customers and few lines each that bench/many-customers.mjs and
// bench/validation-browser.mjs analyse (issue 15 describes a 69,659-line file of 23,502
// customers). Built from the UCI file: each customer's purchases are split into one customer per
// week (`17850-w52`), and only the first three lines of each invoice are kept, so there are tens
// of thousands of small customers with real dates, amounts and repeat purchases.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** The file's path, written first if it is not there yet. */
export function manyCustomersFile() {
  const path = join(tmpdir(), 'segment-bench-many-customers.csv');
  if (!existsSync(path)) process.stderr.write(`writing ${path}: ${makeFile(path)} lines\n`);
  return path;
}
