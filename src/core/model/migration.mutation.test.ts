/**
 * Migration, its sentences and scoring with a model, on small hand-made periods and tables
 * (computed inside each test, so a mutation run sees every answer): the order of the movers and of
 * the sentences, sizes of a segment nobody is in, the exact refusals, and the checks that a file
 * computes the model's features as its own file did. Written for the survivors of a mutation run.
 */
import { describe, expect, it } from 'vitest';
import { customerTableOf } from '../testing/customer-table.ts';
import type { FeatureName } from '../types.ts';
import { MODEL_FORMAT, type SegmentationModel } from './document.ts';
import { migrationMatrix, migrationSummary } from './migration.ts';
import {
  type AnalysisParts,
  checkModelFits,
  modelAgreement,
  modelFromAnalysis,
  scoredSegmentation,
} from './score.ts';

const NAMES = ['Champions', 'Loyal customers', 'At risk'];

describe('migrationMatrix', () => {
  it('sorts the movers by earlier revenue, ties by customer id, whatever the file order', () => {
    const { movers } = migrationMatrix(
      { customerIds: ['z', 'm', 'b', 'q'], segments: [0, 0, 1, 0], revenue: [10, 30, 10, 99] },
      { customerIds: ['z', 'm', 'b', 'q'], segments: [1, 2, 2, 0], revenue: [1, 2, 3, 4] },
      NAMES,
    );
    expect(movers.map((m) => [m.customerId, m.earlierRevenue])).toEqual([
      ['m', 30],
      ['b', 10],
      ['z', 10],
    ]);
  });

  it('puts movers of equal revenue in customer id order, however many tie', () => {
    // Shuffled: neither the file order nor its reverse is the id order.
    const ids = ['c', 'e', 'a', 'd', 'b'];
    const { movers } = migrationMatrix(
      { customerIds: ids, segments: [0, 0, 0, 0, 0], revenue: [10, 10, 10, 10, 10] },
      { customerIds: ids, segments: [1, 2, 1, 2, 1], revenue: [0, 0, 0, 0, 0] },
      NAMES,
    );
    expect(movers.map((m) => m.customerId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives a segment nobody is in a size of 0 in both periods', () => {
    const { matrix } = migrationMatrix(
      { customerIds: ['a', 'b'], segments: [0, 0], revenue: [1, 2] },
      { customerIds: ['a', 'b', 'c'], segments: [0, 1, 1], revenue: [1, 2, 3] },
      NAMES,
    );
    expect(matrix.earlierSizes).toEqual([2, 0, 0]);
    expect(matrix.laterSizes).toEqual([1, 2, 0]);
  });

  it.each([
    [3, 'later customer x has segment 3, not one of 0..2'],
    [-1, 'later customer x has segment -1, not one of 0..2'],
    [0.5, 'later customer x has segment 0.5, not one of 0..2'],
  ])('refuses segment %d, saying which customer and period', (segment, message) => {
    const earlier = { customerIds: ['x'], segments: [0], revenue: [1] };
    const later = { customerIds: ['x'], segments: [segment], revenue: [1] };
    expect(() => migrationMatrix(earlier, later, NAMES)).toThrow(new RangeError(message));
    expect(() => migrationMatrix(later, earlier, NAMES)).toThrow(
      new RangeError(message.replace('later', 'earlier')),
    );
  });
});

describe('migrationSummary', () => {
  it('names the moves with most customers first, then most revenue, at most `biggest`', () => {
    // Four worse moves: 0->1 two customers; 0->2, 1->2 one each (1->2 worth more); 0->lapsed.
    const migration = migrationMatrix(
      {
        customerIds: ['a', 'b', 'c', 'd', 'e', 'f'],
        segments: [0, 0, 0, 1, 0, 2],
        revenue: [10, 20, 5, 50, 7, 1],
      },
      { customerIds: ['a', 'b', 'c', 'd', 'f'], segments: [1, 1, 2, 2, 2], revenue: [0, 0, 0, 0, 4] },
      NAMES,
    );
    expect(migrationSummary(migration, 2)).toEqual([
      '2 Champions customers are now Loyal customers, worth 30 last period.',
      '1 Loyal customer is now At risk, worth 50 last period.',
      '1 customer of the earlier period is not in the later one (lapsed), worth 7 last period.',
    ]);
    expect(migrationSummary(migration)).toHaveLength(4);
  }); // prettier-ignore

  it('does not double a name that already says customer', () => {
    const migration = migrationMatrix(
      { customerIds: ['a', 'b'], segments: [0, 0], revenue: [10, 20] },
      { customerIds: ['a', 'b'], segments: [1, 1], revenue: [0, 0] },
      ['Returning customer', 'Sleeping'],
    );
    expect(migrationSummary(migration)[0]).toBe(
      '2 Returning customers are now Sleeping, worth 30 last period.',
    );
  });

  it('counts the newcomers and their revenue in this period', () => {
    const migration = migrationMatrix(
      { customerIds: ['a'], segments: [0], revenue: [10] },
      { customerIds: ['a', 'n', 'o'], segments: [0, 1, 2], revenue: [1, 2.4, 3.3] },
      NAMES,
    );
    expect(migrationSummary(migration)).toEqual([
      'No customer moved to a worse segment.',
      '2 new customers, worth 6 this period.',
    ]);
  });
});

/** Recency and Frequency scaled by (x - (10, 2)) / (5, 1); centres (-1, 1) and (1, -1). */
const SCORING: SegmentationModel = {
  format: MODEL_FORMAT,
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
  cleaning: { nonProductCodes: [] },
  snapshot: '2011-12-10T00:00:00.000Z',
  createdAt: '2026-12-01T10:00:00.000Z',
  appVersion: '0.1.0',
};

/** Customers at (Recency, Frequency); every other feature 0. */
function table(points: [number, number][], fallbacks: Partial<Record<FeatureName, string>> = {}) {
  const column = (values: number[]) => Float64Array.from(values);
  const zeros = column(points.map(() => 0));
  const features: Record<FeatureName, Float64Array> = {
    Recency: column(points.map((p) => p[0])),
    Frequency: column(points.map((p) => p[1])),
    Monetary: zeros,
    TotalQuantity: zeros,
    UniqueProducts: zeros,
    Tenure: zeros,
    AvgOrderValue: zeros,
  };
  return {
    ...customerTableOf(
      features,
      points.map((_, i) => `c${i}`),
    ),
    fallbacks,
  };
}

describe('scoring with a model', () => {
  // (5, 3) scales to (-1, 1): Loyal; (15, 1) to (1, -1): At risk.
  const loyal: [number, number] = [5, 3];
  const atRisk: [number, number] = [15, 1];

  it('agreement: the share of customers scored into the segment they have; 1 for none', () => {
    const customers = table([loyal, atRisk, loyal, atRisk]);
    expect(modelAgreement(SCORING, customers, [0, 1, 1, 0])).toBe(0.5);
    expect(modelAgreement(SCORING, customers, [0, 1, 0, 0])).toBe(0.75);
    expect(modelAgreement(SCORING, table([]), [])).toBe(1);
  });

  it('keeps a segment no customer falls in, with size 0, in the model order and names', () => {
    const { scored, segmentation } = scoredSegmentation(SCORING, table([atRisk, atRisk]));
    expect(Array.from(scored.labels)).toEqual([1, 1]);
    expect(segmentation.segments.map((s) => [s.name, s.size])).toEqual([
      ['Loyal', 0],
      ['At risk', 2],
    ]);
  });

  it('refuses a file that fills in a feature the model computed, naming its column', () => {
    const model = { ...SCORING, features: ['Recency', 'UniqueProducts'] } as SegmentationModel;
    const error = (() => {
      try {
        checkModelFits(model, table([loyal], { UniqueProducts: 'no product column' }));
      } catch (e) {
        return e as { code: string; message: string; detail: string };
      }
    })();
    expect(error).toMatchObject({
      code: 'model-features-missing',
      detail: 'UniqueProducts',
      message:
        'This model needs UniqueProducts (from a product column), which this file does not have. Map the column if the file has it, or segment this file without the model.',
    });
    // The model's own file filled it in too: the same feature, so it fits.
    expect(() =>
      checkModelFits({ ...model, filledIn: ['UniqueProducts'] }, table([loyal], { UniqueProducts: 'x' })),
    ).not.toThrow();
  }); // prettier-ignore

  it('names every feature a file cannot compute, and every one it computes differently', () => {
    const features = ['Recency', 'TotalQuantity', 'UniqueProducts'];
    const filled = { TotalQuantity: 'x', UniqueProducts: 'y' };
    const needs = { ...SCORING, features } as SegmentationModel;
    expect(() => checkModelFits(needs, table([loyal], filled))).toThrow(
      expect.objectContaining({
        detail: 'TotalQuantity,UniqueProducts',
        message: expect.stringMatching(
          /^This model needs TotalQuantity \(from a quantity column\) and UniqueProducts \(from a product column\), which/,
        ),
      }),
    );
    const lacks = { ...needs, filledIn: ['TotalQuantity', 'UniqueProducts'] } as SegmentationModel;
    expect(() => checkModelFits(lacks, table([loyal]))).toThrow(
      expect.objectContaining({
        detail: 'TotalQuantity,UniqueProducts',
        message: expect.stringMatching(
          /^This model was made from a file without a quantity column or a product column, so it cannot place customers by TotalQuantity and UniqueProducts\./,
        ),
      }),
    );
  });

  it('saves outliers as kept when the analysis asked to cap but no customer was outside', () => {
    const fences = { q1: -1, q3: 1, iqr: 2, lower: -4, upper: 4 };
    const parts = {
      table: table([loyal, atRisk]),
      clustering: {
        scaler: {
          features: ['Recency', 'Frequency'],
          transform: 'none',
          scaling: 'standard',
          center: Float64Array.from([10, 2]),
          scale: Float64Array.from([5, 1]),
        },
        options: { outliers: 'cap' },
        outliers: { count: 0, features: [{ fences }, { fences }] },
      },
      segmentation: {
        segments: [
          { cluster: 0, name: 'Loyal', centroid: [-1, 1] },
          { cluster: 1, name: 'At risk', centroid: [1, -1] },
        ],
      },
    } as unknown as AnalysisParts;
    const meta = { createdAt: new Date(0), appVersion: '0.1.0', nonProductCodes: [], kind: 'kmeans' as const };
    expect(modelFromAnalysis(parts, meta)).toMatchObject({ outliers: 'keep', caps: null });
    const capped = { ...parts, clustering: { ...parts.clustering, outliers: { count: 1, features: [{ fences }, { fences }] } } } as unknown as AnalysisParts;
    expect(modelFromAnalysis(capped, meta)).toMatchObject({ outliers: 'cap', caps: [[-4, 4], [-4, 4]] });
  }); // prettier-ignore

  it('refuses a file that has a column the model had to fill in', () => {
    const model = { ...SCORING, features: ['Recency', 'TotalQuantity'], filledIn: ['TotalQuantity'] } as SegmentationModel; // prettier-ignore
    expect(() => checkModelFits(model, table([loyal]))).toThrow(
      expect.objectContaining({
        code: 'model-features-differ',
        detail: 'TotalQuantity',
        message:
          'This model was made from a file without a quantity column, so it cannot place customers by TotalQuantity. Segment this file without the model, or save a model from a file that has that column.',
      }),
    );
  });
});
