/**
 * analyze (session/analyze.ts), the whole analysis as the CLI runs it: the k asked when the sweep
 * has it, else the suggested k with a warning; one segment with a warning when no k is possible;
 * a saved model's segments without a sweep.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, fixtureSource, lines } from '../testing/fixtures.ts';
import { analyze } from './analyze.ts';
import { smallFile } from './small.testing.ts';

const small = { kMax: 4, restarts: 2 };

describe('analyze', () => {
  it('uses the k asked when the sweep has it, and the clustering options given', async () => {
    const result = await analyzeText(smallFile(), { ...small, k: 4, seed: 9 });
    expect(result.k).toBe(4);
    expect(result.segmentation.k).toBe(4);
    expect(result.clustering.options).toMatchObject({ kMax: 4, restarts: 2, seed: 9 });
    expect(result.clustering.sweep.points.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(result.warnings.filter((w) => w.code === 'few-customers')).toEqual([]);
    expect(result.data.timings.sweep).toBeGreaterThanOrEqual(0);
    expect(result.data.timings.segments).toBeGreaterThanOrEqual(0);
  });

  it('without k, or with one the sweep lacks, the suggested k (and a warning for the latter)', async () => {
    const plain = await analyzeText(smallFile(), small);
    expect(plain.k).toBe(plain.clustering.sweep.suggestedK);
    expect(plain.warnings.filter((w) => w.code === 'few-customers')).toEqual([]);
    const far = await analyzeText(smallFile(), { ...small, k: 9 });
    expect(far.k).toBe(far.clustering.sweep.suggestedK);
    expect(far.warnings.at(-1)).toEqual({
      code: 'few-customers',
      message: `k = 9 is not possible with this data; using k = ${far.k}.`,
    });
  });

  it('two customers: no k is possible, everyone in one segment, said once', async () => {
    const two = lines(
      'InvoiceNo,InvoiceDate,UnitPrice,Quantity,CustomerID',
      '1,2011-01-01 10:00,5,1,A',
      '2,2011-01-02 10:00,7,1,B',
    );
    const result = await analyzeText(two, { k: 3 });
    expect(result.k).toBe(1);
    expect(result.segmentation.k).toBe(1);
    const few = result.warnings.filter((w) => w.code === 'few-customers');
    expect(few).toHaveLength(1);
    expect(few[0]!.message).toMatch(/^Only 2 customers/);
  });

  it("scores with a saved model: the model's k and segments, no sweep", async () => {
    const fitted = await analyzeText(smallFile(), { ...small, k: 3 });
    const { model } = fitted.session.saveModel(
      { k: 3 },
      { createdAt: new Date(0), appVersion: 'test', nonProductCodes: [] },
    );
    const scored = await analyze(fixtureSource(smallFile()), { model });
    expect(scored.k).toBe(3);
    expect(Array.from(scored.segmentation.labels)).toEqual(Array.from(fitted.segmentation.labels));
    expect(scored.clustering.sweep.points).toEqual([]);
    expect(scored.session.scoredWith).toBe(model);
  });
});
