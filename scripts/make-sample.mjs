// Cuts the demo sample shipped in public/sample/ from the full UCI Online Retail file in
// ../shared/data: every order line of one customer in eight (by CustomerID), plus one in eight of
// the lines without a customer (by invoice), so the sample keeps the whole date range, the
// cancellations and the missing customers that the cleaning report shows. Deterministic.
//   node scripts/make-sample.mjs [../shared/data/online_retail.csv]
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const input = process.argv[2] ?? '../shared/data/online_retail.csv';
const output = 'public/sample/online-retail-sample.csv';
const keep = (key) => {
  const digits = key.replace(/\D/g, '');
  return digits !== '' && Number(digits) % 8 === 5;
};

const lines = [];
let header = null;
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  if (header === null) {
    header = line;
    lines.push(line);
    continue;
  }
  // InvoiceNo is the first field and CustomerID the seventh; neither is ever quoted in this file,
  // but descriptions are, so take the customer from the end of the line (…,CustomerID,Country).
  const invoice = line.slice(0, line.indexOf(','));
  const tail = line.split(',');
  const customer = tail[tail.length - 2] ?? '';
  if (customer.trim() !== '' ? keep(customer) : keep(invoice)) lines.push(line);
}
mkdirSync('public/sample', { recursive: true });
writeFileSync(output, lines.join('\n') + '\n');
console.log(`${output}: ${lines.length - 1} rows`);
