/**
 * The independent audit of a segmentation: can a plain linear classifier, trained on 80% of the
 * customers, tell which segment each of the other 20% is in from their features alone?
 *
 * What a high score shows: the segments are consistent regions of feature space that a simple rule
 * reproduces on customers it has not seen. What it does not show: that the segments are natural,
 * stable or useful. k-means segments are the cells around their centres, which straight lines
 * separate by construction, so the audit scores high on any k-means result, even on featureless
 * data. A low score means the segments overlap in the features (labels from other features, noise).
 *
 * The classifier is the multinomial logistic regression of math/logistic.ts (scikit-learn's
 * LogisticRegression(multi_class="multinomial", C=1) at its exact optimum).
 */
import { throwIfAborted } from '../errors.ts';
import {
  checkClasses,
  fitLogistic,
  type LogisticModel,
  predictLogistic,
} from '../math/logistic.ts';
import { createRng, DEFAULT_SEED, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';

export const DEFAULT_TEST_SHARE = 0.2;

// ---------------------------------------------------------------------------------------------
// Split

/**
 * Seeded stratified split: each segment of size s >= 2 sends round(testShare x s) of its
 * customers, at least 1 and at most s - 1, to the test set; a segment of one customer stays in
 * training (it cannot be both learnt and tested). Both index lists are ascending. O(n).
 */
export function stratifiedSplit(
  labels: Int32Array,
  k: number,
  testShare = DEFAULT_TEST_SHARE,
  seed = DEFAULT_SEED,
): { train: Int32Array; test: Int32Array } {
  checkClasses(labels, k);
  if (!(testShare > 0 && testShare < 1))
    throw new RangeError(`testShare must be in (0, 1), got ${testShare}`);
  const n = labels.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => members[c]!.push(i));
  const rng = createRng(seed);
  const inTest = new Uint8Array(n);
  let testCount = 0;
  for (const segment of members) {
    const size = segment.length;
    if (size < 2) continue;
    const take = Math.min(size - 1, Math.max(1, Math.round(testShare * size)));
    for (const j of sampleWithoutReplacement(rng, size, take)) inTest[segment[j]!] = 1;
    testCount += take;
  }
  const train = new Int32Array(n - testCount);
  const test = new Int32Array(testCount);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (inTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

// ---------------------------------------------------------------------------------------------
// Report

/** Counts of true segment (row) against predicted segment (column), row-major k x k. O(n). */
export function confusionMatrix(truth: Int32Array, predicted: Int32Array, k: number): Int32Array {
  if (truth.length !== predicted.length)
    throw new RangeError(`${truth.length} true labels for ${predicted.length} predictions`);
  checkClasses(truth, k);
  checkClasses(predicted, k, 'prediction');
  const matrix = new Int32Array(k * k);
  for (let i = 0; i < truth.length; i++) matrix[truth[i]! * k + predicted[i]!]!++;
  return matrix;
}

export interface SegmentScores {
  /** Of the customers predicted in the segment, the share truly in it (0 if none predicted). */
  precision: number;
  /** Of the customers truly in the segment, the share predicted in it (0 if none). */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
  /** Customers truly in the segment (for the averages: all customers scored). */
  support: number;
}

export interface ClassificationReport {
  k: number;
  /** One row per segment 0..k-1. */
  segments: SegmentScores[];
  /** Share of customers predicted in their own segment. */
  accuracy: number;
  /** Unweighted mean over the averaged segments. */
  macro: SegmentScores;
  /** Mean weighted by support. */
  weighted: SegmentScores;
  /** Customers scored. */
  total: number;
  /**
   * Segments in the macro average: those with support or predictions (sklearn's default labels,
   * unique_labels(y_true, y_pred)); a segment absent from both has zero rows and no say.
   */
  averaged: number[];
}

/**
 * Precision, recall, F1 and support per segment, accuracy, and macro and weighted averages, as
 * sklearn.metrics.classification_report(output_dict=True) with zero_division=0 computes them.
 * With no customers, accuracy and the averages are NaN. O(n + k^2).
 */
export function classificationReport(
  truth: Int32Array,
  predicted: Int32Array,
  k: number,
): ClassificationReport {
  const matrix = confusionMatrix(truth, predicted, k);
  const total = truth.length;
  const segments: SegmentScores[] = [];
  const averaged: number[] = [];
  let correct = 0;
  for (let s = 0; s < k; s++) {
    const tp = matrix[s * k + s]!;
    let support = 0;
    let predictedCount = 0;
    for (let t = 0; t < k; t++) {
      support += matrix[s * k + t]!;
      predictedCount += matrix[t * k + s]!;
    }
    correct += tp;
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    segments.push({ precision, recall, f1, support });
    if (support > 0 || predictedCount > 0) averaged.push(s);
  }
  const average = (weight: (row: SegmentScores) => number): SegmentScores => {
    let sum = 0;
    const acc = { precision: 0, recall: 0, f1: 0 };
    for (const s of averaged) {
      const row = segments[s]!;
      const w = weight(row);
      sum += w;
      acc.precision += w * row.precision;
      acc.recall += w * row.recall;
      acc.f1 += w * row.f1;
    }
    return {
      precision: acc.precision / sum,
      recall: acc.recall / sum,
      f1: acc.f1 / sum,
      support: total,
    };
  };
  return {
    k,
    segments,
    accuracy: correct / total,
    macro: average(() => 1),
    weighted: average((row) => row.support),
    total,
    averaged,
  };
}

// ---------------------------------------------------------------------------------------------
// The audit

export interface AuditOptions {
  /** Seeds the split (default DEFAULT_SEED). */
  seed?: number;
  /** Share of each segment held out for testing (default 0.2). */
  testShare?: number;
  /** Inverse penalty strength of the classifier (default 1). */
  c?: number;
  signal?: AbortSignal | undefined;
}

/**
 * - audited: the classifier was trained and tested.
 * - one-segment: fewer than two segments have customers; there is nothing to tell apart.
 * - too-few-customers: no segment has two customers, so none could be held out for testing.
 * In the last two the test set is empty, and the report's accuracy and averages are NaN.
 */
export type AuditStatus = 'audited' | 'one-segment' | 'too-few-customers';

export interface AuditResult {
  status: AuditStatus;
  k: number;
  trainCount: number;
  testCount: number;
  /** The held-out customers (indices into the points, ascending). */
  test: Int32Array;
  /** The classifier's segment for each held-out customer, aligned with `test`. */
  predicted: Int32Array;
  /** Fitted on the training customers; null when nothing was audited. */
  model: LogisticModel | null;
  /** Of the held-out customers: true segment against predicted. */
  report: ClassificationReport;
  /** Row-major k x k, rows = true segment, columns = predicted. */
  confusion: Int32Array;
}

/**
 * Splits the customers by segment (stratifiedSplit), fits the multinomial logistic regression on
 * the training share, predicts the held-out share and reports how often it finds their segment.
 * Throws RangeError on k < 1 or labels out of range; see AuditStatus for the cases with nothing
 * to audit. O(fit) = O(iterations x n k d) plus the Hessian passes (file header).
 */
export function auditSegments(
  points: Points,
  labels: Int32Array,
  k: number,
  options: AuditOptions = {},
): AuditResult {
  const n = points.count;
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  checkClasses(labels, k);
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c]!++;
  const occupied = sizes.reduce((s, size) => s + (size > 0 ? 1 : 0), 0);
  const { train, test } =
    occupied >= 2
      ? stratifiedSplit(labels, k, options.testShare, options.seed)
      : { train: Int32Array.from({ length: n }, (_, i) => i), test: new Int32Array(0) };
  const status: AuditStatus =
    occupied < 2 ? 'one-segment' : test.length === 0 ? 'too-few-customers' : 'audited';
  const empty = new Int32Array(0);
  if (status !== 'audited')
    return {
      status,
      k,
      trainCount: train.length,
      testCount: 0,
      test: empty,
      predicted: empty,
      model: null,
      report: classificationReport(empty, empty, k),
      confusion: new Int32Array(k * k),
    };

  throwIfAborted(options.signal);
  const subset = (rows: Int32Array): Points => {
    const d = points.dims;
    const values = new Float64Array(rows.length * d);
    rows.forEach((r, i) => values.set(points.values.subarray(r * d, r * d + d), i * d));
    return { count: rows.length, dims: d, values };
  };
  const model = fitLogistic(
    subset(train),
    Int32Array.from(train, (i) => labels[i]!),
    k,
    options.c === undefined ? { signal: options.signal } : { c: options.c, signal: options.signal },
  );
  throwIfAborted(options.signal);
  const truth = Int32Array.from(test, (i) => labels[i]!);
  const predicted = predictLogistic(model, subset(test));
  return {
    status,
    k,
    trainCount: train.length,
    testCount: test.length,
    test,
    predicted,
    model,
    report: classificationReport(truth, predicted, k),
    confusion: confusionMatrix(truth, predicted, k),
  };
}
