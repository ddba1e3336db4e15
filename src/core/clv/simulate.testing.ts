/**
 * Test-only: order lines drawn from the BG/NBD and Gamma-Gamma processes themselves, seeded, so
 * fits can be checked against the parameters that made the data.
 */
import { createRng, type Rng } from '../random.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gamma-gamma.ts';
import { type ClvLines, DAY_MS } from './summary.ts';

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function gamma(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gamma(rng, shape + 1, rate) * (1 - rng()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface Simulation {
  customers: number;
  /** Customers' first purchases fall uniformly in the first `joinDays` days. */
  joinDays: number;
  /** Observation end, in days from the start (day 0 = 2011-01-01). */
  days: number;
  bg: BgNbdParams;
  gg: GammaGammaParams;
  seed: number;
}

export const START_DAY = Date.UTC(2011, 0, 1) / DAY_MS;

export function simulateLines(s: Simulation): ClvLines {
  const rng = createRng(s.seed);
  const customer: number[] = [];
  const timestamp: number[] = [];
  const total: number[] = [];
  for (let c = 0; c < s.customers; c++) {
    const rate = gamma(rng, s.bg.r, s.bg.alpha);
    const g1 = gamma(rng, s.bg.a, 1);
    const dropout = g1 / (g1 + gamma(rng, s.bg.b, 1));
    const spendRate = gamma(rng, s.gg.q, s.gg.v);
    let t = Math.floor(rng() * s.joinDays) + 0.5;
    for (let purchase = 0; ; purchase++) {
      customer.push(c);
      timestamp.push((START_DAY + t) * DAY_MS);
      total.push(gamma(rng, s.gg.p, spendRate));
      // BG/NBD: a customer may drop out after each repeat purchase, not after the first.
      if (purchase > 0 && rng() < dropout) break;
      t += -Math.log(1 - rng()) / rate;
      if (t >= s.days + 1) break;
    }
  }
  return {
    customer: Int32Array.from(customer),
    timestamp: Float64Array.from(timestamp),
    total: Float64Array.from(total),
    customerCount: s.customers,
  };
}
