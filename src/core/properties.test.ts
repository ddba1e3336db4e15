/**
 * Properties of the engine on random transactions (fast-check), beyond the reader's own round trip
 * (ingest/read.test.ts: parsing what we write gives back the same table):
 * - cleaning accounts for every row: kept + dropped by each rule = rows in, each rule's count as
 *   SPEC's rules in order say, on transactions that include every kind of bad row;
 * - customer features do not depend on the order of the rows;
 * - scaling and then inverting gives back the features, for both transforms and both scalings, to
 *   1e-9 relative (without log1p: relative to the feature's largest value, see below).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NON_PRODUCT_CODES } from './clean/clean.ts';
import { isAnalysisError } from './errors.ts';
import type { CustomerTable } from './features/customers.ts';
import { fitScaler, scaleCustomers, scalePoint, unscalePoint } from './features/scale.ts';
import { prepareText, UCI_HEADER, UCI_MAPPING } from './testing/fixtures.ts';
import { FEATURE_NAMES, type FeatureName, type Scaling, type Transform } from './types.ts';
import { customerTableOf } from './testing/customer-table.ts';

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

interface Line {
  invoice: string;
  stock: string;
  quantity: string;
  date: string;
  price: string;
  customer: string;
}

const toCsv = (rows: readonly Line[]) =>
  [
    UCI_HEADER,
    ...rows.map((r) =>
      [r.invoice, r.stock, 'item', r.quantity, r.date, r.price, r.customer, 'UK']
        .map(csvCell)
        .join(','),
    ),
  ].join('\n') + '\n';

/** A valid ISO timestamp `day` days and `minute` minutes into 2011. */
const isoDate = (day: number, minute: number) =>
  new Date(Date.UTC(2011, 0, 1 + day, 0, minute)).toISOString().slice(0, 19).replace('T', ' ');

const BAD_DATES = ['2011-02-30 10:00:00', 'soon', '2011-13-01 10:00:00', ''];
const goodDate = fc
  .record({ day: fc.nat(364), minute: fc.nat(1439) })
  .map(({ day, minute }) => isoDate(day, minute));

/** Text of a number and whether the money rule accepts it (> 0). */
const QUANTITIES: [string, boolean][] = [
  ['1', true],
  ['3', true],
  ['12', true],
  ['2.5', true],
  ['0', false],
  ['-2', false],
  ['', false],
  ['abc', false],
];
const PRICES: [string, boolean][] = [
  ['1.25', true],
  ['0.85', true],
  ['10', true],
  ['2.1', true],
  ['0', false],
  ['-1.5', false],
  ['', false],
  ['x', false],
];

const anyLine: fc.Arbitrary<Line> = fc.record({
  invoice: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 500_000, max: 500_020 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('C500001', 'c500002', ' C500003') },
  ),
  stock: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('85123A', '22633', '71053', 'DOTCOM') },
    { weight: 1, arbitrary: fc.constantFrom(...DEFAULT_NON_PRODUCT_CODES, ' POST ') },
  ),
  quantity: fc.constantFrom(...QUANTITIES.map(([q]) => q)),
  date: fc.oneof(
    { weight: 5, arbitrary: goodDate },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
  ),
  price: fc.constantFrom(...PRICES.map(([p]) => p)),
  customer: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('12346', '12347', '00012', 'Smith, J', 'a"b') },
    { weight: 1, arbitrary: fc.constantFrom('', '   ') },
  ),
});

/** SPEC "Cleaning", rule by rule in order, written independently of clean.ts. */
function expectedCounts(rows: readonly Line[]) {
  const accepted = (table: [string, boolean][], text: string) =>
    table.find(([t]) => t === text)?.[1] ?? false;
  const counts = {
    cancelled: 0,
    missing_customer: 0,
    nonpositive_quantity_or_price: 0,
    non_product_codes: 0,
    bad_date: 0,
    rows_kept: 0,
  };
  // An empty customer or date takes the one value the other lines of its invoice carry.
  const fromInvoice = (field: 'customer' | 'date') => {
    const values = new Map<string, Set<string>>();
    for (const r of rows) {
      const value = r[field].trim();
      if (value === '') continue;
      const key = r.invoice.trim();
      values.set(key, (values.get(key) ?? new Set()).add(value));
    }
    return (r: Line) => {
      const own = r[field].trim();
      const others = values.get(r.invoice.trim());
      return own === '' && others?.size === 1 ? [...others][0]! : own;
    };
  };
  const customerOf = fromInvoice('customer');
  const dateOf = fromInvoice('date');
  for (const r of rows) {
    if (r.invoice.trim().toUpperCase().startsWith('C')) counts.cancelled++;
    else if (customerOf(r) === '') counts.missing_customer++;
    else if (!accepted(QUANTITIES, r.quantity) || !accepted(PRICES, r.price))
      counts.nonpositive_quantity_or_price++;
    else if (DEFAULT_NON_PRODUCT_CODES.includes(r.stock.trim())) counts.non_product_codes++;
    else if (BAD_DATES.includes(dateOf(r))) counts.bad_date++;
    else counts.rows_kept++;
  }
  return counts;
}

describe('cleaning accounts for every row (property)', () => {
  it('rows kept + rows dropped by each rule = rows in, each count as SPEC says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 60 }), async (rows) => {
        // Dates must be mostly readable, or the column is refused as a whole (tested elsewhere).
        const distinct = new Set(rows.map((r) => r.date).filter((d) => d !== ''));
        const bad = [...distinct].filter((d) => BAD_DATES.includes(d)).length;
        fc.pre(bad * 2 < distinct.size);

        const expected = expectedCounts(rows);
        let report;
        try {
          report = (await prepareText(toCsv(rows), { mapping: UCI_MAPPING })).cleaned.report;
        } catch (error) {
          // Everything removed: the error carries the same report.
          if (!isAnalysisError(error) || error.code !== 'all-rows-removed') throw error;
          report = JSON.parse(error.detail!);
        }
        expect(report).toMatchObject({ rows_in: rows.length, ...expected });
        const dropped =
          report.cancelled +
          report.missing_customer +
          report.nonpositive_quantity_or_price +
          report.non_product_codes +
          report.bad_date;
        expect(report.rows_kept + dropped).toBe(report.rows_in);
      }),
      { numRuns: 300 },
    );
  });
});

/** Clean transactions: customers from a small pool, so most have several rows. */
const goodLine: fc.Arbitrary<Line> = fc.record({
  invoice: fc.integer({ min: 1, max: 40 }).map((n) => String(536_000 + n)),
  stock: fc.constantFrom('A1', 'B2', 'C3', 'D4', 'E5'),
  quantity: fc.integer({ min: 1, max: 500 }).map(String),
  date: goodDate,
  price: fc.integer({ min: 1, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  customer: fc.constantFrom('1', '2', '3', '10', '007', 'x y'),
});

function featuresOf(table: CustomerTable) {
  return Object.fromEntries(FEATURE_NAMES.map((f) => [f, Array.from(table.features[f])]));
}

describe('features do not depend on row order (property)', () => {
  it('shuffled rows: the same customers, integer features exact, money to 1e-9 relative', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(goodLine, { minLength: 1, maxLength: 80 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
        async (rows, keys) => {
          const order = rows.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
          const shuffled = order.map((i) => rows[i]!);
          const a = (await prepareText(toCsv(rows), { mapping: UCI_MAPPING })).groups.table;
          const b = (await prepareText(toCsv(shuffled), { mapping: UCI_MAPPING })).groups.table;
          expect(b.ids).toEqual(a.ids);
          expect([b.snapshot, b.dateMin, b.dateMax]).toEqual([a.snapshot, a.dateMin, a.dateMax]);
          const fa = featuresOf(a);
          const fb = featuresOf(b);
          for (const f of ['Recency', 'Frequency', 'TotalQuantity', 'UniqueProducts', 'Tenure'])
            expect(fb[f], f).toEqual(fa[f]);
          // Sums in another order may differ in the last bits.
          for (const f of ['Monetary', 'AvgOrderValue'])
            fa[f]!.forEach((x, i) =>
              expect(Math.abs(fb[f]![i]! - x), `${f} of ${a.ids[i]}`).toBeLessThanOrEqual(
                1e-9 * Math.abs(x),
              ),
            );
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A customer table with only features (all that fitting a scaler reads). */
function tableOf(rows: readonly number[][]): CustomerTable {
  const features = Object.fromEntries(
    FEATURE_NAMES.map((f, j) => [f, Float64Array.from(rows, (r) => r[j % r.length]!)]),
  ) as Record<FeatureName, Float64Array>;
  return customerTableOf(
    features,
    rows.map((_, i) => String(i)),
  );
}

describe('scaling then inverting gives back the features (property)', () => {
  // Features are counts, days and money: non-negative, from 0 to a 1e9 spender.
  const value = fc.oneof(
    fc.integer({ min: 0, max: 400 }),
    fc.double({ min: 0, max: 1e9, noNaN: true }),
    fc.constantFrom(0, 1, 1e9),
  );
  const customers = fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), {
    minLength: 1,
    maxLength: 30,
  });
  const settings = fc.record({
    transform: fc.constantFrom<Transform>('none', 'log1p'),
    scaling: fc.constantFrom<Scaling>('standard', 'robust'),
    features: fc.constantFrom<FeatureName[]>(
      ['Recency', 'Frequency', 'Monetary'],
      ['Recency', 'Frequency', 'Monetary', 'TotalQuantity', 'UniqueProducts'],
    ),
  });

  it('unscalePoint(scalePoint(x)) = x to 1e-9 relative; scalePoint agrees with scaleCustomers', () => {
    fc.assert(
      fc.property(
        customers,
        settings,
        fc.array(value, { minLength: 5, maxLength: 5 }),
        (rows, options, probe) => {
          const table = tableOf(rows);
          const scaler = fitScaler(table, options);
          const points = scaleCustomers(table, scaler);
          const d = options.features.length;
          // Without log1p, x comes back as z x scale + center: rounding is relative to the feature's
          // spread, so a 1e-9 beside a 1e9 comes back only to about 1e-7 (still 1e-16 of the spread).
          const magnitude = options.features.map((f) =>
            options.transform === 'log1p' ? 1 : Math.max(1, ...table.features[f], ...probe),
          );
          const check = (raw: number[], scaled: ArrayLike<number>) => {
            Array.from(scaled).forEach((z) => expect(Number.isFinite(z)).toBe(true));
            const back = unscalePoint(scaled, scaler);
            raw.forEach((x, j) =>
              expect(
                Math.abs(back[j]! - x),
                `feature ${j}: ${x} -> ${back[j]}`,
              ).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(x), magnitude[j]!)),
            );
          };
          for (let i = 0; i < rows.length; i++) {
            const raw = options.features.map((f) => table.features[f][i]!);
            const scaled = scalePoint(raw, scaler);
            expect(Array.from(scaled)).toEqual(
              Array.from(points.values.subarray(i * d, (i + 1) * d)),
            );
            check(raw, scaled);
          }
          // A point that is not one of the customers (the what-if form) too.
          const raw = probe.slice(0, d);
          check(raw, scalePoint(raw, scaler));
        },
      ),
      { numRuns: 500 },
    );
  });
});
