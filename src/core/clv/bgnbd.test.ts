/**
 * BG/NBD formulas on hand cases: closed forms where the formula reduces to one, otherwise mpmath
 * at 30 digits evaluating lifetimes' expressions (loggamma, hyp2f1) with r = 0.25, alpha = 4,
 * a = 0.8, b = 2.5.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  type BgNbdParams,
  daysToLikelyNextOrder,
  expectedPurchases,
  fitBgNbd,
  isOnBoundary,
  probabilityAlive,
  probabilityNoPurchase,
} from './bgnbd.ts';

const P: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
});

describe('BG/NBD log-likelihood', () => {
  it('a one-time buyer: r ln(alpha / (alpha + T))', () => {
    expect(bgNbdLogLikelihood(P, one(0, 0, 10))).toBeCloseTo(0.25 * Math.log(4 / 14), 14);
  });

  it.each([
    [3, 6, 10, -8.804015695471474],
    [1, 2, 8, -3.85755143412867],
  ])('x = %i, t_x = %i, T = %i matches mpmath', (x, tx, T, expected) =>
    expect(bgNbdLogLikelihood(P, one(x, tx, T))).toBeCloseTo(expected, 13),
  );

  it('sums over customers', () => {
    const data = {
      x: Float64Array.of(0, 3, 1),
      tx: Float64Array.of(0, 6, 2),
      T: Float64Array.of(10, 10, 8),
    };
    const expected = 0.25 * Math.log(4 / 14) - 8.804015695471474 - 3.85755143412867;
    expect(bgNbdLogLikelihood(P, data)).toBeCloseTo(expected, 12);
  });

  it('rescaling time by s (alpha with it) shifts it by -sum(x) ln s', () => {
    const data = {
      x: Float64Array.of(0, 3, 1),
      tx: Float64Array.of(0, 6, 2),
      T: Float64Array.of(10, 10, 8),
    };
    const s = 0.1;
    const scaled = bgNbdLogLikelihood({ ...P, alpha: P.alpha * s }, data, s);
    expect(scaled).toBeCloseTo(bgNbdLogLikelihood(P, data) - 4 * Math.log(s), 12);
  });

  it('its gradient in ln-parameters equals central differences', () => {
    const data = {
      x: Float64Array.of(0, 3, 1, 7),
      tx: Float64Array.of(0, 6, 2, 9),
      T: Float64Array.of(10, 10, 8, 12),
    };
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(P, data, 0.5, gradient);
    const names = ['r', 'alpha', 'a', 'b'] as const;
    names.forEach((name, k) => {
      const h = 1e-6;
      const at = (d: number) =>
        bgNbdLogLikelihood({ ...P, [name]: P[name] * Math.exp(d) }, data, 0.5);
      expect(gradient[k]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 7);
    });
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)), 1 when x = 0', () => {
    expect(probabilityAlive(P, 3, 6, 10)).toBeCloseTo(
      1 / (1 + (0.8 / 4.5) * (14 / 10) ** 3.25),
      15,
    );
    expect(probabilityAlive(P, 3, 6, 10)).toBeCloseTo(0.653324821601366, 14);
    expect(probabilityAlive(P, 0, 0, 300)).toBe(1);
  });

  it.each([
    [5, 3, 6, 10, 0.6947505270636298],
    [20, 0, 0, 10, 0.30195408057119805],
    [5, 1, 2, 8, 0.2732707638524181],
  ])('E[N(%i) | x = %i, t_x = %i, T = %i] matches mpmath', (t, x, tx, T, expected) =>
    expect(expectedPurchases(P, t, x, tx, T)).toBeCloseTo(expected, 13),
  );

  it('E[N(t)] where a + b < 1 makes 2F1 negative (lifetimes gives NaN there) matches mpmath', () => {
    const p = { r: 0.25, alpha: 2, a: 0.25, b: 0.1 };
    expect(expectedPurchases(p, 50, 0, 0, 0)).toBeCloseTo(1.4774838499108547, 13);
  });

  it('E[N(0)] = 0, and a new customer first buys at the prior mean rate r / alpha', () => {
    expect(expectedPurchases(P, 0, 3, 6, 10)).toBe(0);
    // At T = 0 nobody can have dropped out yet (dropout follows a purchase): E[N(t)] ~ E[λ] t.
    const slope = expectedPurchases(P, 1e-6, 0, 0, 0) / 1e-6;
    expect(slope).toBeCloseTo(P.r / P.alpha, 6);
  });

  it('P(no purchase in t days): ((alpha + T) / (alpha + T + t))^r for a one-time buyer', () => {
    expect(probabilityNoPurchase(P, 90, 0, 0, 10)).toBeCloseTo((14 / 104) ** 0.25, 15);
    const alive = 0.653324821601366;
    expect(probabilityNoPurchase(P, 90, 3, 6, 10)).toBeCloseTo(
      1 - alive + alive * (14 / 104) ** 3.25,
      14,
    );
  });

  it('the likely next order is when P(no purchase) reaches 1/2; none when P(alive) <= 1/2', () => {
    for (const [x, tx, T] of [
      [0, 0, 10],
      [3, 6, 10],
      [12, 300, 310],
    ] as const) {
      const days = daysToLikelyNextOrder(P, x, tx, T);
      expect(Number.isFinite(days)).toBe(true);
      expect(probabilityNoPurchase(P, days, x, tx, T)).toBeCloseTo(0.5, 12);
    }
    expect(probabilityAlive(P, 1, 1, 200)).toBeCloseTo(0.029414312404088788, 14);
    expect(daysToLikelyNextOrder(P, 1, 1, 200)).toBe(Infinity);
  });
});

describe('isOnBoundary (SPEC)', () => {
  it.each([
    [{ a: 0.79, b: 2.4 }, false],
    [{ a: 0.0031, b: 7.25 }, true], // a / (a + b) = 0.00043
    [{ a: 0.01, b: 9.99 }, false], // exactly 0.001 is not below it
    [{ a: 2e4, b: 3e6 }, true],
    [{ a: 12000, b: 3 }, true],
    [{ a: 0.5, b: 10001 }, true],
  ])('%o -> %s', (ab, expected) => expect(isOnBoundary({ r: 1, alpha: 1, ...ab })).toBe(expected));
});

describe('fitBgNbd', () => {
  it('ends where the gradient vanishes and no neighbour is more likely', () => {
    const x = [0, 0, 0, 1, 1, 2, 3, 5, 0, 2, 8, 1, 0, 4, 0];
    const tx = [0, 0, 0, 20, 3, 30, 41, 50, 0, 12, 55, 40, 0, 33, 0];
    const T = [60, 45, 20, 58, 52, 60, 44, 60, 15, 59, 60, 41, 33, 50, 5];
    const data = { x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) };
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit.params, data), 12);
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(fit.params, data, 1, gradient);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-5);
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      for (const f of [0.99, 1.01])
        expect(
          bgNbdLogLikelihood({ ...fit.params, [name]: fit.params[name] * f }, data),
        ).toBeLessThan(fit.logLikelihood);
  });
});
