/**
 * Test-only: random small sales files that every cleaning rule keeps, and the SPEC's customer
 * features and nearest-centre assignment computed from their lines by hand (plain loops over the
 * lines, none of the engine's code), to check saved-model scoring against. Node only.
 */
import fc from 'fast-check';
import type { SegmentationModel } from '../model/document.ts';
import type { AnalysisParts } from '../model/score.ts';
import type { analyzeText } from './fixtures.ts';
import type { FeatureName } from '../types.ts';
import { UCI_HEADER } from './fixtures.ts';

export interface SaleLine {
  customer: string;
  stock: string;
  quantity: number;
  price: number;
  /** UTC ms, whole minutes. */
  time: number;
}

export const DAY = 86_400_000;
const YEAR_START = Date.UTC(2011, 0, 1);

const iso = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

/** One order per customer and minute, so Frequency is the number of distinct purchase minutes. */
const invoiceOf = (line: SaleLine) =>
  `${line.customer.slice(1)}-${(line.time - YEAR_START) / 60_000}`;

export function salesCsv(sales: readonly SaleLine[], header = UCI_HEADER): string {
  const rows = sales.map((l) =>
    [invoiceOf(l), l.stock, 'item', l.quantity, iso(l.time), l.price, l.customer, 'UK'].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

/** A sale line of one of `customers` customers, in 2011, with whole-cent prices. */
export const saleLine = (customers: number) =>
  fc
    .record({
      customer: fc.integer({ min: 1, max: customers }),
      stock: fc.constantFrom('85123A', '71053', '22752', '21730', '84029G'),
      quantity: fc.integer({ min: 1, max: 24 }),
      cents: fc.constantFrom(85, 125, 210, 495, 1000, 1250),
      day: fc.nat(364),
      minute: fc.constantFrom(0, 1, 600, 1439),
    })
    .map((r): SaleLine => ({
      customer: `c${r.customer}`,
      stock: r.stock,
      quantity: r.quantity,
      price: r.cents / 100,
      time: YEAR_START + r.day * DAY + r.minute * 60_000,
    }));

/** SPEC "Customer features" of each customer id, straight from the lines. */
export function specFeatures(sales: readonly SaleLine[]): Map<string, Record<FeatureName, number>> {
  const snapshot = Math.max(...sales.map((l) => l.time)) + DAY;
  const byCustomer = new Map<string, SaleLine[]>();
  for (const l of sales) byCustomer.set(l.customer, [...(byCustomer.get(l.customer) ?? []), l]);
  const out = new Map<string, Record<FeatureName, number>>();
  for (const [id, own] of byCustomer) {
    const first = Math.min(...own.map((l) => l.time));
    const last = Math.max(...own.map((l) => l.time));
    let monetary = 0;
    for (const l of own) monetary += l.quantity * l.price;
    const frequency = new Set(own.map(invoiceOf)).size;
    out.set(id, {
      Recency: Math.floor((snapshot - last) / DAY),
      Frequency: frequency,
      Monetary: monetary,
      TotalQuantity: own.reduce((s, l) => s + l.quantity, 0),
      UniqueProducts: new Set(own.map((l) => l.stock)).size,
      Tenure: Math.floor((snapshot - first) / DAY),
      AvgOrderValue: monetary / frequency,
    });
  }
  return out;
}

/** The nearest centre of the model for one customer's features (first centre on a tie). */
export function nearestSegment(model: SegmentationModel, x: Record<FeatureName, number>): number {
  const z = model.features.map((f, j) => {
    // The reference models are of customer features only.
    const raw = x[f as FeatureName];
    const value = model.transform === 'log1p' ? Math.log1p(raw) : raw;
    const scaled = (value - model.scaler.center[j]!) / model.scaler.scale[j]!;
    const cap = model.caps?.[j];
    return cap ? Math.min(cap[1], Math.max(cap[0], scaled)) : scaled;
  });
  let best = 0;
  let bestDistance = Infinity;
  model.centroids.forEach((c, s) => {
    const distance = z.reduce((sum, v, j) => sum + (v - c[j]!) ** 2, 0);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = s;
    }
  });
  return best;
}

/** The parts a model is made from, out of an `analyzeText` result. */
export const parts = (analysis: Awaited<ReturnType<typeof analyzeText>>): AnalysisParts => ({
  table: analysis.data.groups.table,
  clustering: analysis.clustering,
  segmentation: analysis.segmentation,
});
