/**
 * What `fitModels` gives its callers when a fit does not converge (README "Mutation testing": no
 * test showed it one). A real fit that stops early needs an unusual file; here the real fits of
 * 40 customers (fits.mutation.test.ts) are reported as stopped early instead, one model or both,
 * on or off the boundary, so only the caveats can differ from a converged fit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Bgnbd from './bgnbd.ts';
import type * as GammaGamma from './gamma-gamma.ts';
import { fitModels } from './models.ts';
import type { CustomerSummary } from './summary.ts';

/** Changes made to the next fits' results: which model stopped early, and the boundary. */
const stopped = vi.hoisted(() => ({
  bgnbd: false,
  gammaGamma: false,
  onBoundary: undefined as boolean | undefined,
}));

vi.mock('./bgnbd.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof Bgnbd>();
  return {
    ...actual,
    fitBgNbd: (...args: Parameters<typeof actual.fitBgNbd>): Bgnbd.BgNbdFit => {
      const fit = actual.fitBgNbd(...args);
      return {
        ...fit,
        converged: fit.converged && !stopped.bgnbd,
        onBoundary: stopped.onBoundary ?? fit.onBoundary,
      };
    },
  };
});

vi.mock('./gamma-gamma.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof GammaGamma>();
  return {
    ...actual,
    fitGammaGamma: (...args: Parameters<typeof actual.fitGammaGamma>): GammaGamma.GammaGammaFit => {
      const fit = actual.fitGammaGamma(...args);
      return { ...fit, converged: fit.converged && !stopped.gammaGamma };
    },
  };
});

afterEach(() => {
  stopped.bgnbd = false;
  stopped.gammaGamma = false;
  stopped.onBoundary = undefined;
});

// The 40 simulated customers of fits.mutation.test.ts, whose fits converge off the boundary.
const X = [1, 0, 2, 0, 5, 2, 0, 4, 3, 19, 0, 2, 4, 1, 8, 3, 0, 0, 2, 3, 7, 1, 3, 2, 32, 0, 0, 7, 1, 4, 2, 3, 0, 1, 2, 4, 3, 2, 2, 10]; // prettier-ignore
const TX = [138, 0, 111, 0, 269, 90, 0, 203, 86, 218, 0, 14, 345, 55, 152, 88, 0, 0, 87, 118, 105, 52, 200, 41, 334, 0, 0, 67, 129, 25, 6, 182, 0, 269, 16, 93, 161, 113, 201, 101]; // prettier-ignore
const T = [336, 307, 344, 311, 324, 233, 340, 222, 283, 225, 327, 223, 357, 285, 317, 209, 295, 199, 327, 251, 340, 188, 222, 352, 354, 322, 251, 250, 224, 269, 228, 309, 182, 269, 206, 323, 278, 235, 230, 225]; // prettier-ignore
const M = [157.01, 0, 65.88, 0, 105.21, 221.29, 0, 88.53, 109.73, 191.17, 0, 89.76, 76.24, 81.35, 48.66, 98.97, 0, 0, 41.23, 91.83, 92.4, 10.12, 21.13, 44.2, 45.13, 0, 0, 51.44, 80.09, 54.46, 30.17, 221.85, 0, 163.48, 89.62, 214.58, 66.36, 64.61, 80.49, 107.44]; // prettier-ignore

function summary(m = M): CustomerSummary {
  return {
    customer: Int32Array.from(X, (_, i) => i),
    x: Float64Array.from(X),
    tx: Float64Array.from(TX),
    T: Float64Array.from(T),
    m: Float64Array.from(m),
    endDay: 15_000,
    purchaseDays: 300,
    repeatCustomers: X.filter((v) => v > 0).length,
  };
}

/** The caveat codes of a fit of these customers; it must succeed. */
function caveats(m = M): string[] {
  const outcome = fitModels(summary(m));
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.models.warnings.map((w) => w.code);
}

describe('fitModels when a fit stops before it converges', () => {
  it('still returns both fits, with their numbers, and says they are approximate', () => {
    const converged = fitModels(summary());
    stopped.bgnbd = true;
    const early = fitModels(summary());
    if (!converged.ok || !early.ok) throw new Error('not fitted');
    expect(early.models.bgnbd.converged).toBe(false);
    expect(early.models.bgnbd.params).toEqual(converged.models.bgnbd.params);
    expect(early.models.gammaGamma.params).toEqual(converged.models.gammaGamma.params);
    expect(early.models.spendCustomers).toBe(31);
    expect(early.models.warnings).toEqual([
      {
        code: 'not-converged',
        message:
          'The model fit stopped before it fully settled; the numbers are approximate. This usually ' +
          'means the file has an unusual purchase pattern.',
      },
    ]);
  });

  it('the spend model stopping early is said the same way', () => {
    stopped.gammaGamma = true;
    expect(caveats()).toEqual(['not-converged']);
  });

  it('both stopping early is one caveat, not two', () => {
    stopped.bgnbd = true;
    stopped.gammaGamma = true;
    expect(caveats()).toEqual(['not-converged']);
  });

  it('on the boundary, the purchase model stopping early is no caveat of its own', () => {
    stopped.bgnbd = true;
    stopped.onBoundary = true;
    expect(caveats()).toEqual(['dropout-not-estimable']);
    // But the spend model stopping early still is.
    stopped.gammaGamma = true;
    expect(caveats()).toEqual(['dropout-not-estimable', 'not-converged']);
  });

  it('comes after the boundary and before customers left out of the spend model', () => {
    stopped.gammaGamma = true;
    stopped.onBoundary = true;
    // Two repeat customers (x = 2 and x = 5) with no positive spend: 29 are left, enough.
    const m = M.map((v, i) => (i === 2 || i === 4 ? 0 : v));
    expect(caveats(m)).toEqual(['dropout-not-estimable', 'not-converged', 'nonpositive-spend']);
  });
});
