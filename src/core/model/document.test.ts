import { describe, expect, it } from 'vitest';
import { DEFAULT_NON_PRODUCT_CODES } from '../clean/clean.ts';
import { analyzeText, UCI_MAPPING } from '../testing/fixtures.ts';
import { salesCsv } from '../testing/model-files.ts';
import {
  MODEL_VERSION,
  modelFileName,
  parseModel,
  type SegmentationModel,
  serializeModel,
} from './document.ts';
import { modelFromAnalysis, scoreCustomers } from './score.ts';
import { parts } from '../testing/model-files.ts';

const meta = {
  createdAt: new Date('2026-12-01T10:00:00Z'),
  appVersion: '0.1.0',
  nonProductCodes: DEFAULT_NON_PRODUCT_CODES,
  kind: 'kmeans' as const,
};

const day = (d: number) => Date.UTC(2011, 0, 1) + d * 86_400_000;
const SALES = [
  { customer: 'c1', stock: 'A', quantity: 1, price: 1, time: day(3) },
  { customer: 'c2', stock: 'B', quantity: 2, price: 3, time: day(40) },
  { customer: 'c2', stock: 'B', quantity: 2, price: 3, time: day(50) },
  { customer: 'c3', stock: 'C', quantity: 5, price: 20, time: day(90) },
  { customer: 'c3', stock: 'A', quantity: 5, price: 20, time: day(91) },
  { customer: 'c4', stock: 'C', quantity: 1, price: 2, time: day(10) },
];

async function madeModel() {
  const analysis = await analyzeText(salesCsv(SALES), {
    mapping: UCI_MAPPING,
    features: 'ext',
    scaling: 'robust',
    outliers: 'cap',
    kMin: 2,
    kMax: 3,
  });
  return { analysis, model: modelFromAnalysis(parts(analysis), meta) };
}

describe('the model document', () => {
  it('round-trips create -> JSON -> parse -> score to the same segments', async () => {
    const { analysis, model } = await madeModel();
    const text = serializeModel(model);
    const parsed = parseModel(text);
    expect(parsed).toEqual(model);
    expect(parseModel(`\uFEFF${text}`)).toEqual(model);
    expect(parsed.features).toEqual([
      'Recency',
      'Frequency',
      'Monetary',
      'TotalQuantity',
      'UniqueProducts',
    ]);
    expect(parsed.scaler.kind).toBe('robust');
    expect(parsed.scaler.center).toEqual(Array.from(analysis.clustering.scaler.center));
    expect(parsed.segments).toEqual(analysis.segmentation.segments.map((s) => s.name));
    expect(parsed.colours).toEqual(analysis.segmentation.segments.map((s) => s.cluster));
    // Snapshot: the last line (day 91, 2011-04-02) + 1 day.
    expect(parsed.snapshot).toBe('2011-04-03T00:00:00.000Z');
    expect(parsed.cleaning.nonProductCodes).toEqual([...DEFAULT_NON_PRODUCT_CODES]);
    expect(modelFileName(parsed)).toBe('segment-model-2026-12-01.json');
    // No customer data: no id and no feature value of any customer is in the file.
    for (const id of analysis.data.groups.table.ids) expect(text).not.toContain(`"${id}"`);
    expect(Array.from(scoreCustomers(parsed, analysis.data.groups.table).labels)).toEqual(
      Array.from(analysis.segmentation.labels),
    );
  });

  it('saves the fences only when the analysis capped outliers', async () => {
    const { analysis, model } = await madeModel();
    const { outliers } = analysis.clustering;
    // One customer is outside the fences, so the analysis capped their scaled features.
    expect(outliers.count).toBe(1);
    expect(model.outliers).toBe('cap');
    expect(model.caps).toEqual(outliers.features.map((f) => [f.fences.lower, f.fences.upper]));
    const scored = scoreCustomers(model, analysis.data.groups.table);
    expect(Array.from(scored.points.values)).toEqual(Array.from(analysis.clustering.points.values));
  });

  it('saves Gaussian mixture and Ward groups as their centres, and refuses DBSCAN', async () => {
    const { analysis } = await madeModel();
    for (const kind of ['gmm', 'ward'] as const) {
      const model = parseModel(
        serializeModel(modelFromAnalysis(parts(analysis), { ...meta, kind })),
      );
      expect(model.kind).toBe(kind);
      expect(model.centroids).toEqual(analysis.segmentation.segments.map((s) => s.centroid));
    }
    expect(() => modelFromAnalysis(parts(analysis), { ...meta, kind: 'dbscan' })).toThrow(
      expect.objectContaining({
        code: 'model-unsupported',
        message: expect.stringMatching(/^DBSCAN groups cannot be saved/),
      }),
    );
  });
});

describe('parseModel', () => {
  const valid = async () =>
    JSON.parse(serializeModel((await madeModel()).model)) as SegmentationModel;
  const refused = (text: string, code: string, message: string | RegExp) =>
    expect(() => parseModel(text)).toThrow(
      expect.objectContaining({
        name: 'AnalysisError',
        code,
        message:
          typeof message === 'string'
            ? expect.stringContaining(message)
            : expect.stringMatching(message),
      }),
    );

  it('says a file that is not a model is not one', () => {
    const notAModel = /^This file is not a saved segmentation model\./;
    refused('CustomerID,Segment\n1,Loyal\n', 'model-not-a-model', notAModel);
    refused('[1, 2]', 'model-not-a-model', notAModel);
    refused('{"name": "my-app", "version": "1.0.0"}', 'model-not-a-model', notAModel);
    refused('', 'model-not-a-model', notAModel);
  });

  it('says a model of a newer version needs a newer app', async () => {
    const model = await valid();
    refused(
      JSON.stringify({ ...model, version: MODEL_VERSION + 1 }),
      'model-newer-version',
      `saved by a newer version of Segment (model format ${MODEL_VERSION + 1}; this version reads up to ${MODEL_VERSION})`,
    );
  });

  it('names what is damaged in a malformed model', async () => {
    const model = await valid();
    const cases: [Partial<Record<keyof SegmentationModel, unknown>>, string][] = [
      [{ version: '1' }, 'its format version is missing'],
      [{ features: ['Recency', 'Age'] }, 'feature "Age" should be one of'],
      [{ features: ['Recency', 'Recency'] }, 'a feature is listed twice'],
      [{ transform: 'sqrt' }, 'the transform should be one of none, log1p'],
      [{ scaler: { ...model.scaler, kind: 'minmax' } }, 'the scaler kind should be one of'],
      [{ scaler: { ...model.scaler, center: [1, 2] } }, 'the scaler centre should have 5 numbers'],
      [
        { scaler: { ...model.scaler, center: [1, 2, 'x', 4, 5] } },
        'the scaler centre has a value that is not a number',
      ],
      [
        { scaler: { ...model.scaler, scale: [1, 1, 0, 1, 1] } },
        'the scaler scale has a value that is not above 0',
      ],
      [{ centroids: [] }, 'the segment centres are missing'],
      [
        { centroids: [model.centroids[0], [1, 2, 3]] },
        'the centre of segment 2 should have 5 numbers',
      ],
      [
        { centroids: [model.centroids[0], [1, 2, 3, 4, null]] },
        'the centre of segment 2 has a value that is not a number',
      ],
      [{ segments: ['Only one'] }, 'there should be 2 segment names, one per centre'],
      [{ segments: ['Loyal', ''] }, 'the name of segment 2 is missing'],
      [{ colours: [0, 1.5] }, 'a segment colour is not a palette index'],
      [{ outliers: 'cap', caps: null }, 'there should be 5 outlier caps, one per feature'],
      [{ kind: 'dbscan' }, 'the model kind should be one of kmeans, gmm, ward'],
      [{ snapshot: 'last week' }, 'the snapshot is not a date'],
      [{ cleaning: {} }, 'the cleaning options are missing'],
    ];
    expect(model.centroids).toHaveLength(2);
    for (const [change, what] of cases)
      refused(
        JSON.stringify({ ...model, ...change }),
        'model-invalid',
        new RegExp(
          `^This model file is damaged \\(${what.replace(/[()]/g, '\\$&')}.*\\), so it cannot be used\\. Save the model again`,
        ),
      );
  });
});
