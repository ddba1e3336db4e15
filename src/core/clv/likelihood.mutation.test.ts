/**
 * Edges of the special functions and the likelihoods that the hand cases of special, bgnbd and
 * gamma-gamma tests leave open (README, Mutation testing): digamma's domain, which series of 2F1
 * is summed, the boundary thresholds, b = 1, and the currency unit of spends.
 */
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, isOnBoundary } from './bgnbd.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { digamma, hyp2f1 } from './special.ts';

describe('special functions at their edges', () => {
  it('digamma is NaN outside x > 0', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-1.5)).toBeNaN();
    expect(digamma(-0)).toBeNaN();
  });

  it('2F1 takes the direct series where only it converges (mpmath)', () => {
    // Euler's form 2F1(1499.5, 1499.5; 1500; 0.99) overflows; the direct series is nearly 1.
    const { sign, log } = hyp2f1(0.5, 0.5, 1500, 0.99);
    expect(sign).toBe(1);
    expect(log).toBeCloseTo(0.0001651089681018765, 15);
  });

  it('2F1 is NaN where neither series can be summed in double precision', () => {
    // mpmath: 9.88e6895; both the direct and the transformed series overflow.
    const { sign, log } = hyp2f1(1500.5, 1500.5, 1.3, 0.99);
    expect(sign).toBeNaN();
    expect(log).toBeNaN();
  });
});

describe('BG/NBD edges', () => {
  it.each([
    [{ a: 20, b: 10001 }, true], // only b is above 10^4 (a / (a + b) = 0.002)
    [{ a: 1e4, b: 1e4 }, false], // exactly 10^4 is not above it
    [{ a: 10001, b: 1e4 }, true],
  ])('isOnBoundary(%o) = %s', (ab, expected) =>
    expect(isOnBoundary({ r: 1, alpha: 1, ...ab })).toBe(expected),
  );

  it('at b = 1 a one-time buyer still has a finite gradient, equal to central differences', () => {
    const P = { r: 0.25, alpha: 4, a: 0.8, b: 1 };
    const data = { x: Float64Array.of(0, 2), tx: Float64Array.of(0, 5), T: Float64Array.of(10, 9) };
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(P, data, 1, gradient);
    (['r', 'alpha', 'a', 'b'] as const).forEach((name, k) => {
      const h = 1e-6;
      const at = (d: number) => bgNbdLogLikelihood({ ...P, [name]: P[name] * Math.exp(d) }, data);
      expect(gradient[k]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 7);
    });
  });
});

describe('Gamma-Gamma and the currency unit', () => {
  it('spends in another unit scale v alone (p and q do not depend on the unit)', () => {
    const x = Float64Array.from([1, 2, 2, 7, 3, 1, 4, 1, 2, 9, 1, 3]);
    const m = Float64Array.from([10, 30, 45, 12.5, 80, 22, 35, 18, 27, 31, 60, 14]);
    const base = fitGammaGamma({ x, m });
    for (const unit of [1e3, 1e6]) {
      const fit = fitGammaGamma({ x, m: m.map((v) => v * unit) });
      expect(fit.converged).toBe(true);
      expect(fit.params.p / base.params.p).toBeCloseTo(1, 5);
      expect(fit.params.q / base.params.q).toBeCloseTo(1, 5);
      expect(fit.params.v / (base.params.v * unit)).toBeCloseTo(1, 5);
      // The log-likelihood of densities shifts by -sum(ln unit) over the customers.
      expect(fit.logLikelihood).toBeCloseTo(base.logLikelihood - 12 * Math.log(unit), 6);
    }
  });
});
