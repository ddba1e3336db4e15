/**
 * Test-only: how far a fitted logistic regression is from a reference answer (scikit-learn's, or
 * the exact optimum numpy found), for math/logistic.test.ts and validation/audit.test.ts.
 */
import { expect } from 'vitest';
import type { LogisticModel } from '../math/logistic.ts';

/** Coefficients (one row per class) and intercepts as scikit-learn reports them. */
export interface Optimum {
  coef: number[][];
  intercept: number[];
}

/** One fit of scripts/fixtures/audit_sklearn.py: sklearn's lbfgs answer and the exact optimum. */
export interface FitFixture extends Optimum {
  name: string;
  count: number;
  dims: number;
  k: number;
  points: number[];
  labels: number[];
  probability_stride: number;
  probabilities: number[][];
  predicted: number[];
  exact: Optimum;
  sklearn_gap: number;
}

/**
 * Max |ours - theirs| over coefficients and intercepts, relative to the largest of theirs.
 * sklearn keeps a single row for two classes (coef_ = w_1 = -w_0); intercepts are compared
 * centred, since only their differences matter.
 */
export function relativeGap(model: LogisticModel, theirs: Optimum): number {
  let coef = theirs.coef;
  let intercept = theirs.intercept;
  if (coef.length === 1 && model.k === 2) {
    coef = [coef[0]!.map((x) => -x), coef[0]!];
    intercept = [-intercept[0]!, intercept[0]!];
  }
  const shift = intercept.reduce((s, b) => s + b, 0) / intercept.length;
  const expected = [...coef.flat(), ...intercept.map((b) => b - shift)];
  const actual = [...model.coefficients, ...model.intercepts];
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  return Math.max(...actual.map((a, i) => Math.abs(a - expected[i]!))) / scale;
}
