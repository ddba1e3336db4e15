// The input of the HDBSCAN benchmarks (bench/hdbscan.mjs in Node, bench/hdbscan-browser.mjs in the
// browser worker): about 20,000 customers on the five features of SPEC's `ext_standard` variant
// (Recency, Frequency, Monetary, TotalQuantity, UniqueProducts; standard-scaled, population std).
// The customers are the UCI file's 4,334 (../shared/reference/online_retail.customers.csv) drawn
// with replacement and made a little different from each other, so the set keeps the real shape
// (most customers one-time small buyers, a long tail of wholesalers) without the exact copies a
// file repeated with shifted ids would have: recency moves by up to 3 days, spend and quantity by
// about 5% (log-normal); frequency and product counts stay whole numbers, as in real data, so
// equal values (and ties in mutual reachability) remain common. Seeded: the same points every run.
import { readFileSync } from 'node:fs';

const REFERENCE = new URL('../../shared/reference/online_retail.customers.csv', import.meta.url);
export const FEATURES = ['Recency', 'Frequency', 'Monetary', 'TotalQuantity', 'UniqueProducts'];

/** mulberry32: a small seeded generator, enough for resampling. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `{ values: Float64Array (n x 5, row-major), n, d }`, standard-scaled. */
export function benchPoints(n = 20_000, seed = 42) {
  const [header, ...lines] = readFileSync(REFERENCE, 'utf8').trim().split('\n');
  const names = header.split(',');
  const at = FEATURES.map((f) => names.indexOf(f));
  const customers = lines.map((line) => {
    const cells = line.split(',');
    return at.map((i) => Number(cells[i]));
  });
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const d = FEATURES.length;
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const [recency, frequency, monetary, quantity, products] =
      customers[Math.floor(next() * customers.length)];
    values.set(
      [
        Math.max(0, recency + Math.floor(next() * 7) - 3),
        frequency,
        monetary * Math.exp(0.05 * normal()),
        quantity * Math.exp(0.05 * normal()),
        products,
      ],
      i * d,
    );
  }
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + j];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (values[i * d + j] - mean) ** 2;
    const sd = Math.sqrt(variance / n);
    for (let i = 0; i < n; i++) values[i * d + j] = (values[i * d + j] - mean) / sd;
  }
  return { values, n, d };
}
