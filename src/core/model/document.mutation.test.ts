/**
 * The model document on hand-written models (no analysis run, so Stryker can afford them): each
 * damage a model file can have is named in the message and the error's detail, the edge values
 * that are allowed stay allowed, and createModel keeps what it was given in the scaler's order.
 * Written for the survivors of a mutation run (README, Mutation testing).
 */
import { describe, expect, it } from 'vitest';
import type { Scaler } from '../features/scale.ts';
import {
  createModel,
  MODEL_FORMAT,
  type ModelInputs,
  parseModel,
  type SegmentationModel,
  serializeModel,
} from './document.ts';

/** Three features, two segments, capped outliers: every optional part filled in. */
const MODEL: SegmentationModel = {
  format: MODEL_FORMAT,
  version: 1,
  features: ['Recency', 'Frequency', 'Monetary'],
  transform: 'log1p',
  scaler: { kind: 'standard', center: [3, 1, 5], scale: [1, 0.5, 2] },
  outliers: 'cap',
  caps: [
    [-2, 2],
    [-1, 1],
    [-3, 3],
  ],
  centroids: [
    [-1, 1, 1],
    [1, -1, -1],
  ],
  segments: ['Loyal', 'At risk'],
  colours: [0, 1],
  kind: 'kmeans',
  filledIn: [],
  cleaning: { nonProductCodes: ['POST'] },
  snapshot: '2011-12-10T00:00:00.000Z',
  createdAt: '2026-12-01T10:00:00.000Z',
  appVersion: '0.1.0',
};

const withChange = (change: Record<string, unknown>) => JSON.stringify({ ...MODEL, ...change });

/** The model error parseModel throws for `text`: code, message and the detail it names. */
function refusal(text: string) {
  try {
    parseModel(text);
  } catch (error) {
    const { code, message, detail } = error as { code: string; message: string; detail: string };
    return { code, message, detail };
  }
  throw new Error('parsed');
}

describe('parseModel on a hand-written model', () => {
  it('reads it back unchanged, also after a byte order mark', () => {
    expect(parseModel(JSON.stringify(MODEL))).toEqual(MODEL);
    expect(parseModel('\uFEFF' + JSON.stringify(MODEL))).toEqual(MODEL);
    // Only a leading mark is an editor's: one inside a name is part of the name.
    const named = parseModel(withChange({ segments: ['Loyal\uFEFF', 'At risk'] }));
    expect(named.segments[0]).toBe('Loyal\uFEFF');
  });

  it('writes the JSON text with a final line break', () => {
    const text = serializeModel(MODEL);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(MODEL);
  });

  it('keeps a model without caps, equal fence ends, filled-in features and codes', () => {
    const kept = parseModel(withChange({ outliers: 'keep', caps: null }));
    expect(kept.caps).toBeNull();
    expect(kept.outliers).toBe('keep');
    const flat = parseModel(withChange({ caps: [[0, 0], ...MODEL.caps!.slice(1)] }));
    expect(flat.caps![0]).toEqual([0, 0]);
    const filled = parseModel(withChange({ filledIn: ['Frequency'] }));
    expect(filled.filledIn).toEqual(['Frequency']);
  });

  it.each([
    ['{}', 'no segment-model format'],
    ['null', 'no segment-model format'],
    ['{"format": "segment-model"', 'it is not a JSON file'],
  ])('%s is not a model: %s', (text, detail) => {
    expect(refusal(text)).toMatchObject({ code: 'model-not-a-model', detail });
  });

  it.each([
    [{ version: 0 }, 'its format version is missing'],
    [{ version: 1.5 }, 'its format version is missing'],
    [{ features: [] }, 'the list of features is missing'],
    [{ features: 'Recency' }, 'the list of features is missing'],
    [{ scaler: null }, 'the scaler is missing'],
    [{ scaler: { ...MODEL.scaler, scale: [1, 1] } }, 'the scaler scale should have 3 numbers'],
    [{ colours: [0] }, 'the segment colours should have 2 numbers'],
    [{ colours: [0, -1] }, 'a segment colour is not a palette index'],
    [{ outliers: 'drop' }, 'outlier handling should be one of keep, cap, exclude'],
    [{ caps: MODEL.caps!.slice(1) }, 'there should be 3 outlier caps, one per feature'],
    [{ caps: [[0, 1], [1, 0], [0, 1]] }, 'outlier cap 2 has its ends swapped'],
    [{ caps: [[0, 1], [0, 1], ['a', 1]] }, 'outlier cap 3 has a value that is not a number'],
    [{ segments: ['Loyal', '   '] }, 'the name of segment 2 is missing'],
    [{ segments: ['Loyal', 5] }, 'the name of segment 2 is missing'],
    [{ filledIn: null }, 'the list of filled-in features is missing'],
    [{ filledIn: ['UniqueProducts'] }, 'a filled-in feature should be one of Recency, Frequency, Monetary'],
    [{ cleaning: { nonProductCodes: ['POST', 5] } }, 'a non-product code is not text'],
    [{ createdAt: 'soon' }, 'the creation date is not a date'],
    [{ appVersion: '' }, 'the app version is missing'],
  ])('%j is damaged: %s', (change, detail) => {
    const { code, message } = refusal(withChange(change));
    expect(code).toBe('model-invalid');
    expect(message).toBe(
      `This model file is damaged (${detail}), so it cannot be used. Save the model again from the analysis it came from.`,
    );
  }); // prettier-ignore
});

describe('createModel', () => {
  const scaler: Scaler = {
    features: ['Recency', 'Frequency', 'UniqueProducts'],
    transform: 'none',
    scaling: 'robust',
    center: Float64Array.from([10, 2, 3]),
    scale: Float64Array.from([5, 1, 2]),
  };
  const fence = (lower: number, upper: number) => ({ q1: 0, q3: 0, iqr: 0, lower, upper });
  const inputs: ModelInputs = {
    scaler,
    segments: [
      { cluster: 1, name: 'Loyal', centroid: [-1, 1, 0.5] },
      { cluster: 0, name: 'At risk', centroid: [1, -1, -0.5] },
    ],
    kind: 'ward',
    outliers: 'cap',
    fences: [fence(-2, 2), fence(-1, 1), fence(-3, 3)],
    snapshot: Date.UTC(2011, 11, 10),
    // Not in the scaler's order, and one feature the model does not use.
    filledIn: ['UniqueProducts', 'TotalQuantity', 'Recency'],
    nonProductCodes: ['POST', 'M'],
    createdAt: new Date('2026-12-01T10:00:00Z'),
    appVersion: '0.1.0',
  };

  it('keeps the fences as caps, the filled-in features in the scaler order', () => {
    const model = createModel(inputs);
    expect(model.caps).toEqual([
      [-2, 2],
      [-1, 1],
      [-3, 3],
    ]);
    expect(model.filledIn).toEqual(['Recency', 'UniqueProducts']);
    expect(model.colours).toEqual([1, 0]);
    expect(model.scaler).toEqual({ kind: 'robust', center: [10, 2, 3], scale: [5, 1, 2] });
  });

  it('saves no caps unless outliers were capped, and refuses a fence per feature missing', () => {
    expect(createModel({ ...inputs, outliers: 'keep' }).caps).toBeNull();
    expect(createModel({ ...inputs, outliers: 'exclude' }).caps).toBeNull();
    expect(() => createModel({ ...inputs, fences: inputs.fences!.slice(1) })).toThrow(
      '2 fences for 3 features',
    );
  });
});
