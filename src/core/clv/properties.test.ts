/**
 * Properties of the predictions for any parameters and history (fast-check): P(alive) and
 * P(no purchase) are probabilities, expected purchases grow with the horizon, CLV grows with the
 * horizon and falls as the discount rate rises.
 *
 * The domain: a stays away from 1, where FHL's eq. (10) is 0/0 (a removable singularity the
 * formula, as lifetimes evaluates it, does not treat): |a - 1| >= 0.05; alpha is at least half a
 * day and horizons at most three years, so 2F1's argument t / (alpha + T + t) stays below 0.9995
 * where its series are summed (special.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BgNbdParams,
  expectedPurchases,
  probabilityAlive,
  probabilityNoPurchase,
} from './bgnbd.ts';
import { customerLifetimeValue } from './predict.ts';

const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const params: fc.Arbitrary<BgNbdParams> = fc.record({
  r: positive(0.01, 10),
  alpha: positive(0.5, 500),
  a: fc.oneof(positive(0.01, 0.95), positive(1.05, 20)),
  b: positive(0.01, 50),
});

/** A horizon in days, to the hour, up to three years. */
const horizon = fc.integer({ min: 0, max: 1095 * 24 }).map((hours) => hours / 24);

/** x, t_x <= T, T: a one-time buyer has t_x = 0. */
const history = fc
  .record({ x: fc.integer({ min: 0, max: 150 }), T: positive(0, 1000), share: positive(0, 1) })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : T * share }));

describe('prediction properties', () => {
  it('P(alive) and P(no purchase in t days) lie in [0, 1]', () => {
    fc.assert(
      fc.property(params, history, horizon, (p, h, t) => {
        const alive = probabilityAlive(p, h.x, h.tx, h.T);
        const none = probabilityNoPurchase(p, t, h.x, h.tx, h.T);
        return alive >= 0 && alive <= 1 && none >= 0 && none <= 1;
      }),
      { numRuns: 500 },
    );
  });

  it('expected purchases are non-negative and grow with the horizon', () => {
    fc.assert(
      fc.property(params, history, horizon, horizon, (p, h, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = expectedPurchases(p, short, h.x, h.tx, h.T);
        const b = expectedPurchases(p, long, h.x, h.tx, h.T);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-9));
      }),
      { numRuns: 500 },
    );
  });

  it('CLV grows with the horizon and falls as the discount rate rises', () => {
    fc.assert(
      fc.property(
        params,
        history,
        positive(0.01, 1000),
        fc.integer({ min: 0, max: 36 }),
        fc.integer({ min: 0, max: 36 }),
        positive(0, 0.2),
        positive(0, 0.2),
        (p, h, spend, h1, h2, d1, d2) => {
          const clv = (months: number, monthlyDiscount: number) =>
            customerLifetimeValue(p, spend, h.x, h.tx, h.T, { months, monthlyDiscount });
          const [shortH, longH] = h1 <= h2 ? [h1, h2] : [h2, h1];
          const [lowD, highD] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(clv(longH, d1)).toBeGreaterThanOrEqual(clv(shortH, d1) * (1 - 1e-9));
          expect(clv(longH, highD)).toBeLessThanOrEqual(clv(longH, lowD) * (1 + 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });
});
