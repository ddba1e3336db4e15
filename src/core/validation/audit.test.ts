import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { fitLogistic } from '../math/logistic.ts';
import { type FitFixture, type Optimum, relativeGap } from '../testing/logistic-gap.ts';
import { auditSegments, classificationReport, confusionMatrix, stratifiedSplit } from './audit.ts';
import { referenceVariantPoints } from './reference-points.testing.ts';

/** scikit-learn's classification_report(output_dict=True). */
type SklearnReport = Record<
  string,
  { precision: number; recall: number; 'f1-score': number; support: number } | number
>;

interface Fixture {
  datasets: FitFixture[];
  audit: Optimum & {
    k: number;
    count: number;
    test: number[];
    predicted: number[];
    report: SklearnReport;
    confusion: number[][];
    exact: Optimum;
    sklearn_gap: number;
  };
  report_edge: { k: number; truth: number[]; predicted: number[]; report: SklearnReport };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/audit.sklearn.json', import.meta.url), 'utf8'),
) as Fixture;

const arr = (xs: ArrayLike<number>) => Array.from(xs);

/** Our report against sklearn's dict, to 12 digits (numpy sums the averages pairwise). */
function expectSameReport(truth: Int32Array, predicted: Int32Array, k: number, sk: SklearnReport) {
  const ours = classificationReport(truth, predicted, k);
  expect(ours.accuracy).toBeCloseTo(sk.accuracy as number, 12);
  const rows: [string, (typeof ours)['macro']][] = [
    ...ours.averaged.map((s) => [String(s), ours.segments[s]!] as [string, (typeof ours)['macro']]),
    ['macro avg', ours.macro],
    ['weighted avg', ours.weighted],
  ];
  // sklearn reports exactly the segments with support or predictions.
  expect(Object.keys(sk).filter((key) => /^\d+$/.test(key))).toEqual(ours.averaged.map(String));
  for (const [key, row] of rows) {
    const theirs = sk[key] as Exclude<SklearnReport[string], number>;
    expect(row.precision, key).toBeCloseTo(theirs.precision, 12);
    expect(row.recall, key).toBeCloseTo(theirs.recall, 12);
    expect(row.f1, key).toBeCloseTo(theirs['f1-score'], 12);
    expect(row.support, key).toBe(theirs.support);
  }
}

describe('classification report and confusion matrix by hand', () => {
  // k = 4. Truth 0 0 0 1 1 2 2, predicted 0 0 1 1 0 1 1; segment 2 is never predicted and
  // segment 3 is in neither.
  //   confusion (rows truth): [2 1 0 0], [1 1 0 0], [0 2 0 0], [0 0 0 0]
  //   segment 0: tp 2, predicted 3, support 3 -> precision 2/3, recall 2/3, F1 2/3
  //   segment 1: tp 1, predicted 4, support 2 -> precision 1/4, recall 1/2,
  //              F1 = 2 (1/4)(1/2) / (3/4) = 1/3
  //   segment 2: tp 0, predicted 0 (zero_division -> precision 0), support 2 -> 0, 0, 0
  //   segment 3: all 0, support 0, and left out of the macro average (sklearn's unique_labels)
  //   accuracy 3/7
  //   macro over 0..2: precision (2/3 + 1/4 + 0)/3 = 11/36, recall (2/3 + 1/2 + 0)/3 = 7/18,
  //                    F1 (2/3 + 1/3 + 0)/3 = 1/3
  //   weighted by support 3, 2, 2 (of 7): precision (2 + 1/2)/7 = 5/14, recall (2 + 1)/7 = 3/7,
  //                    F1 (2 + 2/3)/7 = 8/21
  const truth = Int32Array.of(0, 0, 0, 1, 1, 2, 2);
  const predicted = Int32Array.of(0, 0, 1, 1, 0, 1, 1);

  it('confusion matrix, rows = true segment', () => {
    expect(arr(confusionMatrix(truth, predicted, 4))).toEqual([
      2, 1, 0, 0, 1, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('precision, recall, F1, support, accuracy, macro and weighted averages', () => {
    const report = classificationReport(truth, predicted, 4);
    const close = (x: number) => expect.closeTo(x, 14);
    expect(report.segments).toEqual([
      { precision: close(2 / 3), recall: close(2 / 3), f1: close(2 / 3), support: 3 },
      { precision: close(1 / 4), recall: close(1 / 2), f1: close(1 / 3), support: 2 },
      { precision: 0, recall: 0, f1: 0, support: 2 },
      { precision: 0, recall: 0, f1: 0, support: 0 },
    ]);
    expect(report.accuracy).toBeCloseTo(3 / 7, 14);
    expect(report.averaged).toEqual([0, 1, 2]);
    expect(report.macro).toEqual({
      precision: close(11 / 36),
      recall: close(7 / 18),
      f1: close(1 / 3),
      support: 7,
    });
    expect(report.weighted).toEqual({
      precision: close(5 / 14),
      recall: close(3 / 7),
      f1: close(8 / 21),
      support: 7,
    });
    expect(report.total).toBe(7);
  });

  it('no customers: NaN accuracy and averages; bad input throws', () => {
    const empty = classificationReport(new Int32Array(0), new Int32Array(0), 2);
    expect(empty.accuracy).toBeNaN();
    expect(empty.macro.precision).toBeNaN();
    expect(() => confusionMatrix(truth, predicted.subarray(1), 4)).toThrow(RangeError);
    expect(() => confusionMatrix(truth, predicted, 2)).toThrow(RangeError);
  });

  it("sklearn's classification_report on a class never predicted, one never true, one absent", () => {
    const { k, truth: t, predicted: p, report } = fixture.report_edge;
    expectSameReport(Int32Array.from(t), Int32Array.from(p), k, report);
  });
});

describe('stratifiedSplit', () => {
  const { labels: referenceLabels } = referenceVariantPoints('rfm_log_standard');
  const labels = referenceLabels(4);

  it('each segment sends round(0.2 x size) to test; disjoint, complete, ascending', () => {
    const { train, test } = stratifiedSplit(labels, 4);
    const sizes = [0, 0, 0, 0];
    const testSizes = [0, 0, 0, 0];
    for (const c of labels) sizes[c]!++;
    for (const i of test) testSizes[labels[i]!]!++;
    expect(testSizes).toEqual(sizes.map((s) => Math.round(0.2 * s)));
    expect(train.length + test.length).toBe(labels.length);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: labels.length }, (_, i) => i));
    for (const xs of [train, test])
      for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = stratifiedSplit(labels, 4, 0.2, 7);
    const b = stratifiedSplit(labels, 4, 0.2, 7);
    const c = stratifiedSplit(labels, 4, 0.2, 8);
    expect(arr(a.test)).toEqual(arr(b.test));
    expect(arr(a.test)).not.toEqual(arr(c.test));
    expect(a.test.length).toBe(c.test.length);
  });

  it('small segments: 1 customer stays in training, 2 send 1, at least one customer trains', () => {
    // Sizes 1, 2, 3, 12: test takes 0, max(1, round(0.4)) = 1, round(0.6) = 1, round(2.4) = 2;
    // with testShare 0.9, size 3 sends round(2.7) = 3 capped at 2.
    const small = Int32Array.from([0, 1, 1, 2, 2, 2, ...new Array<number>(12).fill(3)]);
    const count = (test: Int32Array) =>
      [0, 1, 2, 3].map((c) => test.filter((i) => small[i] === c).length);
    expect(count(stratifiedSplit(small, 4).test)).toEqual([0, 1, 1, 2]);
    expect(count(stratifiedSplit(small, 4, 0.9).test)).toEqual([0, 1, 2, 11]);
    expect(() => stratifiedSplit(small, 4, 0)).toThrow(RangeError);
    expect(() => stratifiedSplit(small, 4, 1)).toThrow(RangeError);
    expect(() => stratifiedSplit(small, 3)).toThrow(RangeError);
  });
});

describe('auditSegments on the 4,334 reference customers (rfm_log_standard, k = 4)', () => {
  const { points, labels: referenceLabels } = referenceVariantPoints('rfm_log_standard');
  const labels = referenceLabels(4);
  const sk = fixture.audit;

  it("uses the fixture's split, and predicts every held-out customer as sklearn does", () => {
    expect(arr(stratifiedSplit(labels, 4, 0.2, 42).test)).toEqual(sk.test);
    const audit = auditSegments(points, labels, 4);
    expect(audit.status).toBe('audited');
    expect(arr(audit.test)).toEqual(sk.test);
    expect(audit.testCount).toBe(867);
    expect(audit.trainCount).toBe(4334 - 867);
    expect(audit.model!.converged).toBe(true);
    expect(relativeGap(audit.model!, sk.exact)).toBeLessThan(1e-10);
    expect(relativeGap(audit.model!, sk)).toBeLessThan(1.01 * sk.sklearn_gap + 1e-8);
    // No held-out customer sits close enough to a boundary for sklearn's 3e-5 to matter.
    expect(arr(audit.predicted)).toEqual(sk.predicted);
    expect(arr(audit.confusion)).toEqual(sk.confusion.flat());
    expectSameReport(
      Int32Array.from(sk.test, (i) => labels[i]!),
      audit.predicted,
      4,
      sk.report,
    );
    // k-means segments are convex cells, which straight lines separate: 855 of 867 right.
    expect(audit.report.accuracy).toBeCloseTo(855 / 867, 12);
    expect(audit.report.accuracy).toBeGreaterThan(0.95);
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const run = () => auditSegments(points, labels, 4, { signal: controller.signal });
    expect(run).toThrow(AnalysisError);
    expect(run).toThrow(/cancelled/);
    expect(() => fitLogistic(points, labels, 4, { signal: controller.signal })).toThrow(
      AnalysisError,
    );
  });
});

describe('auditSegments when there is little or nothing to audit', () => {
  const rng = createRng(5);
  const points: Points = {
    count: 6,
    dims: 2,
    values: Float64Array.from({ length: 12 }, () => rng()),
  };

  it('one segment (k = 1, or one occupied segment): status one-segment, nothing held out', () => {
    for (const [labels, k] of [
      [new Int32Array(6), 1],
      [new Int32Array(6).fill(2), 3],
    ] as const) {
      const audit = auditSegments(points, labels, k);
      expect(audit.status).toBe('one-segment');
      expect(audit.testCount).toBe(0);
      expect(audit.trainCount).toBe(6);
      expect(audit.model).toBeNull();
      expect(audit.report.accuracy).toBeNaN();
      expect(arr(audit.confusion)).toEqual(new Array<number>(k * k).fill(0));
    }
  });

  it('no segment with two customers: too-few-customers', () => {
    const three: Points = { count: 3, dims: 2, values: points.values.subarray(0, 6) };
    const audit = auditSegments(three, Int32Array.of(0, 1, 2), 3);
    expect(audit.status).toBe('too-few-customers');
    expect(audit.testCount).toBe(0);
    expect(audit.report.total).toBe(0);
  });

  it('a single-customer segment trains but is not tested; bad input throws', () => {
    const labels = Int32Array.of(0, 0, 0, 1, 1, 2);
    const audit = auditSegments(points, labels, 3);
    expect(audit.status).toBe('audited');
    expect(audit.testCount).toBe(2); // round(0.6) = 1 of segment 0, max(1, round(0.4)) of 1
    expect(arr(audit.test).every((i) => i !== 5)).toBe(true);
    expect(audit.report.segments[2]!.support).toBe(0);
    expect(() => auditSegments(points, labels.subarray(1), 3)).toThrow(RangeError);
    expect(() => auditSegments(points, labels, 2)).toThrow(RangeError);
  });
});

describe('auditSegments options', () => {
  // Two segments on a line, overlapping at 4 and 5: a fit the penalty can visibly shrink.
  const line: Points = {
    count: 20,
    dims: 1,
    values: Float64Array.from({ length: 20 }, (_, i) => (i < 10 ? i * 0.5 : 4 + (i - 10) * 0.5)),
  };
  const labels = Int32Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));

  it('passes C to the classifier: a smaller C shrinks the coefficients', () => {
    const usual = auditSegments(line, labels, 2);
    const tight = auditSegments(line, labels, 2, { c: 0.01 });
    expect(usual.status).toBe('audited');
    expect(Math.abs(tight.model!.coefficients[1]!)).toBeLessThan(
      Math.abs(usual.model!.coefficients[1]!) / 2,
    );
    expect(auditSegments(line, labels, 2, { c: 1 }).model).toEqual(usual.model);
  });
});
