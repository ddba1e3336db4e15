/**
 * Scoring with a saved model: the model's own file scores to its own segments (a property over
 * random files and every feature set, transform, scaling and outlier handling, through the real
 * pipeline, the JSON text and back), the labels equal a nearest-centre assignment recomputed here
 * from the model's numbers and the SPEC features of the lines, and files that cannot provide the
 * model's features are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NON_PRODUCT_CODES } from '../clean/clean.ts';
import { analyzeText, lines, prepareText, UCI_MAPPING } from '../testing/fixtures.ts';
import { nearestSegment, saleLine, salesCsv, specFeatures } from '../testing/model-files.ts';
import type { FeatureSetName, Scaling, Transform } from '../types.ts';
import { parseModel, serializeModel } from './document.ts';
import { modelFromAnalysis, scoreCustomers } from './score.ts';
import { parts } from '../testing/model-files.ts';

const meta = {
  createdAt: new Date('2026-12-01T10:00:00Z'),
  appVersion: '0.1.0',
  nonProductCodes: DEFAULT_NON_PRODUCT_CODES,
  kind: 'kmeans' as const,
};

const settings = fc.record({
  features: fc.constantFrom<FeatureSetName>('rfm', 'ext'),
  transform: fc.constantFrom<Transform>('none', 'log1p'),
  scaling: fc.constantFrom<Scaling>('standard', 'robust'),
  outliers: fc.constantFrom('keep' as const, 'cap' as const, 'exclude' as const),
});

describe('scoreCustomers', () => {
  it('scores the file a model was made from into exactly its segments, as the SPEC assigns them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(saleLine(14), { minLength: 1, maxLength: 60 }),
        settings,
        async (sales, options) => {
          const analysis = await analyzeText(salesCsv(sales), {
            mapping: UCI_MAPPING,
            ...options,
            kMin: 2,
            kMax: 5,
            restarts: 2,
          });
          const model = parseModel(serializeModel(modelFromAnalysis(parts(analysis), meta)));
          const { table } = analysis.data.groups;
          const scored = scoreCustomers(model, table);
          expect(Array.from(scored.labels)).toEqual(Array.from(analysis.segmentation.labels));
          // Capped at the model's fences exactly as the fit capped them.
          expect(Array.from(scored.points.values)).toEqual(
            Array.from(analysis.clustering.points.values),
          );
          expect(model.segments).toEqual(analysis.segmentation.segments.map((s) => s.name));

          const features = specFeatures(sales);
          const independent = table.ids.map((id) => nearestSegment(model, features.get(id)!));
          expect(Array.from(scored.labels)).toEqual(independent);
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('puts a new file into the saved segments: hand-checked nearest centres', async () => {
    // Made by hand: standard scaling of Recency and Frequency without a transform, two segments.
    const model = parseModel(
      JSON.stringify({
        format: 'segment-model',
        version: 1,
        features: ['Recency', 'Frequency'],
        transform: 'none',
        scaler: { kind: 'standard', center: [10, 2], scale: [5, 1] },
        outliers: 'keep',
        caps: null,
        centroids: [
          [-1, 1],
          [1, -1],
        ],
        segments: ['Loyal', 'At risk'],
        colours: [0, 1],
        kind: 'kmeans',
        filledIn: [],
        cleaning: { nonProductCodes: ['POST'] },
        snapshot: '2011-12-10T00:00:00.000Z',
        createdAt: '2026-12-01T10:00:00.000Z',
        appVersion: '0.1.0',
      }),
    );
    // Snapshot 2011-03-11: a (last 03-10, 3 orders) has Recency 1, z = (-1.8, 1) -> Loyal;
    // b (last 03-01, 1 order) Recency 10, z = (0, -1) -> squared distances 5 and 1 -> At risk.
    const data = await prepareText(
      lines(
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
        '1,A,x,1,2011-03-01 10:00,2,a,UK',
        '2,A,x,1,2011-03-05 10:00,2,a,UK',
        '3,A,x,1,2011-03-10 10:00,2,a,UK',
        '4,A,x,1,2011-03-01 10:00,2,b,UK',
      ),
      { mapping: UCI_MAPPING },
    );
    const scored = scoreCustomers(model, data.groups.table);
    expect(scored.ids).toEqual(['a', 'b']);
    expect(Array.from(scored.labels)).toEqual([0, 1]);
    expect(Array.from(scored.points.values)).toEqual([-1.8, 1, 0, -1]);
  });

  it('refuses a file without the product column a model needs, and the other way round', async () => {
    const header = 'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID';
    const noProducts = await prepareText(
      lines(header, '1,1,2011-03-01 10:00,2,a', '2,3,2011-03-05 10:00,2,b', '3,1,2011-03-07,9,c'),
      { mapping: { invoice: 0, quantity: 1, date: 2, unitPrice: 3, customer: 4 } },
    );
    const productsCsv = salesCsv([
      { customer: 'c1', stock: 'A', quantity: 1, price: 1, time: Date.UTC(2011, 1, 1) },
      { customer: 'c2', stock: 'B', quantity: 2, price: 3, time: Date.UTC(2011, 1, 9) },
      { customer: 'c3', stock: 'C', quantity: 5, price: 2, time: Date.UTC(2011, 2, 9) },
    ]);
    const options = { mapping: UCI_MAPPING, kMin: 2, kMax: 2 };
    const withProducts = await analyzeText(productsCsv, { ...options, features: 'ext' });
    expect(() =>
      scoreCustomers(modelFromAnalysis(parts(withProducts), meta), noProducts.groups.table),
    ).toThrow(
      expect.objectContaining({
        code: 'model-features-missing',
        message: expect.stringContaining('UniqueProducts (from a product column)'),
      }),
    );
    // The rfm features need no product column: the same file without one scores fine.
    const rfmAnalysis = await analyzeText(productsCsv, { ...options, features: 'rfm' });
    const rfm = modelFromAnalysis(parts(rfmAnalysis), meta);
    expect(scoreCustomers(rfm, noProducts.groups.table).labels).toHaveLength(3);

    const analysisWithout = await analyzeText(
      lines(header, '1,1,2011-03-01 10:00,2,a', '2,3,2011-03-05 10:00,2,b', '3,1,2011-03-07,9,c'),
      { mapping: { invoice: 0, quantity: 1, date: 2, unitPrice: 3, customer: 4 }, features: 'ext' },
    );
    const madeWithout = modelFromAnalysis(parts(analysisWithout), meta);
    expect(madeWithout.filledIn).toEqual(['UniqueProducts']);
    expect(scoreCustomers(madeWithout, noProducts.groups.table).labels).toHaveLength(3);
    expect(() => scoreCustomers(madeWithout, withProducts.data.groups.table)).toThrow(
      expect.objectContaining({ code: 'model-features-differ' }),
    );
  });
});
