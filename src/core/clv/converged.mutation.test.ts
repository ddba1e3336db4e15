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
import { M, summary, T, TX, X } from './small-fit.testing.ts';

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

/** The caveat codes of a fit of these customers; it must succeed. */
function caveats(m = M): string[] {
  const outcome = fitModels(summary(X, TX, T, m));
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
