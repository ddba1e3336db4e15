/**
 * Gamma-Gamma formulas on hand cases (mpmath at 30 digits evaluating lifetimes' expression with
 * p = 6, q = 4, v = 15) and the fit's optimality.
 */
import { describe, expect, it } from 'vitest';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gamma-gamma.ts';

const P: GammaGammaParams = { p: 6, q: 4, v: 15 };
const data = (x: number[], m: number[]) => ({ x: Float64Array.from(x), m: Float64Array.from(m) });

describe('Gamma-Gamma log-likelihood', () => {
  it.each([
    [2, 30, -3.9114675784301234],
    [2, 40, -4.52918523048822],
    [5, 12.5, -3.542312392659532],
  ])('x = %i, m = %f matches mpmath', (x, m, expected) =>
    expect(gammaGammaLogLikelihood(P, data([x], [m]))).toBeCloseTo(expected, 13),
  );

  it('sums over customers, repeated x values included', () => {
    const total = gammaGammaLogLikelihood(P, data([2, 5, 2], [30, 12.5, 40]));
    expect(total).toBeCloseTo(-3.9114675784301234 - 3.542312392659532 - 4.52918523048822, 12);
  });

  it('its gradient in ln-parameters equals central differences', () => {
    const d = data([1, 2, 2, 7, 3], [10, 30, 45, 12.5, 80]);
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(P, d, gradient);
    (['p', 'q', 'v'] as const).forEach((name, k) => {
      const h = 1e-6;
      const at = (e: number) => gammaGammaLogLikelihood({ ...P, [name]: P[name] * Math.exp(e) }, d);
      expect(gradient[k]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 7);
    });
  });
});

describe('expected spend per purchase', () => {
  it('weights the customer mean by w = p x / (p x + q - 1) against v p / (q - 1)', () => {
    // w = 12 / 15 = 0.8, population mean 15 * 6 / 3 = 30: 0.2 * 30 + 0.8 * 40 = 38.
    expect(expectedSpend(P, 2, 40)).toBeCloseTo(38, 13);
    // A one-time buyer (x = 0, m = 0) gets the population mean.
    expect(expectedSpend(P, 0, 0)).toBeCloseTo(30, 13);
  });
});

describe('fitGammaGamma', () => {
  it('ends where the gradient vanishes and no neighbour is more likely', () => {
    const d = data(
      [1, 2, 2, 7, 3, 1, 4, 1, 2, 9, 1, 3],
      [10, 30, 45, 12.5, 80, 22, 35, 18, 27, 31, 60, 14],
    );
    const fit = fitGammaGamma(d);
    expect(fit.converged).toBe(true);
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(fit.params, d, gradient);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-5);
    for (const name of ['p', 'q', 'v'] as const)
      for (const f of [0.99, 1.01])
        expect(
          gammaGammaLogLikelihood({ ...fit.params, [name]: fit.params[name] * f }, d),
        ).toBeLessThan(fit.logLikelihood);
  });
});
