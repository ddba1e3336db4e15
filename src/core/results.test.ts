import { describe, expect, it } from 'vitest';
import { customerDetail, featurePercentiles, whatIf } from './results.ts';
import { analyzeText, lines, UCI_HEADER } from './testing/fixtures.ts';

// Three customers over three months; A buys twice in January (two invoices) and once in March.
const CSV = lines(
  UCI_HEADER,
  '1,P1,Mug,2,2011-01-05 10:00,3.5,A,France',
  '1,P2,Cup,1,2011-01-05 10:00,1.0,A,France',
  '2,P1,Mug,1,2011-01-20 09:00,3.5,A,France',
  '3,P3,Vase,4,2011-03-02 12:00,10,A,France',
  '4,P1,Mug,1,2011-02-10 08:00,3.5,B,Spain',
  '5,P1,Mug,10,2011-03-01 08:00,3.5,C,Spain',
  '6,P2,Cup,3,2011-03-03 08:00,1.0,C,Spain',
  '7,P3,Vase,1,2011-01-15 08:00,10,D,Italy',
);

describe('customer detail', () => {
  it('has monthly revenue and orders over the whole period, the country and the features', async () => {
    const { session, clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const state = session.customers;
    const a = state.table.ids.indexOf('A');
    const detail = customerDetail(
      state,
      clustering,
      segmentation,
      featurePercentiles(state.table),
      a,
    );
    expect(detail.id).toBe('A');
    expect(detail.country).toBe('France');
    expect(detail.monthly).toEqual([
      { month: '2011-01', revenue: 2 * 3.5 + 1 + 3.5, orders: 2 },
      { month: '2011-02', revenue: 0, orders: 0 },
      { month: '2011-03', revenue: 40, orders: 1 },
    ]);
    expect(detail.features.Frequency).toBe(3);
    expect(detail.features.Monetary).toBe(51.5);
    // A has the highest Monetary of four customers: percentile rank 4/4.
    expect(detail.scores.Monetary).toBe(1);
    // Recency reads as everywhere else: high means bought recently. Days since the last
    // purchase: A 1, B 22, C 1, D 48. A and C share ranks 1 and 2 (percentile 1.5/4), so both
    // score 1 - 0.375; D, longest ago, scores 0.
    expect(detail.features.Recency).toBe(1);
    expect(detail.scores.Recency).toBe(0.625);
    const scoreOf = (id: string) =>
      customerDetail(
        state,
        clustering,
        segmentation,
        featurePercentiles(state.table),
        state.table.ids.indexOf(id),
      ).scores.Recency;
    expect(scoreOf('C')).toBe(0.625);
    expect(scoreOf('B')).toBe(0.25);
    expect(scoreOf('D')).toBe(0);
    // Its own segment is the nearest centre.
    const nearest = detail.distances.indexOf(Math.min(...detail.distances));
    expect(nearest).toBe(detail.segment);
  });

  it('is the same after the state is saved and restored (structured clone)', async () => {
    const { session, clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const state = session.customers;
    const copy = structuredClone({ state, clustering });
    for (let i = 0; i < state.table.ids.length; i++) {
      const before = customerDetail(
        state,
        clustering,
        segmentation,
        featurePercentiles(state.table),
        i,
      );
      const after = customerDetail(
        copy.state,
        copy.clustering,
        segmentation,
        featurePercentiles(copy.state.table),
        i,
      );
      expect(after).toEqual(before);
    }
  });
});

describe('what if', () => {
  it('puts a customer like an existing one in that customer’s segment', async () => {
    const { data, clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const { table } = data.groups;
    for (let i = 0; i < table.ids.length; i++) {
      const result = whatIf(table, clustering, segmentation, {
        Recency: table.features.Recency[i]!,
        Frequency: table.features.Frequency[i]!,
        Monetary: table.features.Monetary[i]!,
      });
      expect(result.segment, table.ids[i]).toBe(segmentation.labels[i]);
      expect(result.values).toEqual([
        table.features.Recency[i],
        table.features.Frequency[i],
        table.features.Monetary[i],
      ]);
    }
  });

  it('on the extended features, fills the features the form does not ask with the median customer', async () => {
    const { data, clustering, segmentation } = await analyzeText(CSV, { k: 2, features: 'ext' });
    const { table } = data.groups;
    const result = whatIf(table, clustering, segmentation, {
      Recency: 5,
      Frequency: 2,
      Monetary: 30,
    });
    expect(result.features).toEqual([
      'Recency',
      'Frequency',
      'Monetary',
      'TotalQuantity',
      'UniqueProducts',
    ]);
    // Total quantities 8 (A), 1 (B), 13 (C), 1 (D): the median customer has 8, not the least (1).
    // Distinct products 3, 1, 2, 1: the median customer has 2.
    expect(result.values).toEqual([5, 2, 30, 8, 2]);
    // The segment is the nearest centre of the scaled answer, as its distances say.
    expect(result.distances).toHaveLength(segmentation.segments.length);
    expect(result.distances.indexOf(Math.min(...result.distances))).toBe(result.segment);
  });

  it("scores the customer on the segments' scale, recency 1 = most recent", async () => {
    const { data, clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const { table } = data.groups;
    const ask = (Recency: number, Frequency: number, Monetary: number) =>
      whatIf(table, clustering, segmentation, { Recency, Frequency, Monetary }).scores;
    // Bought today, more orders and spend than anyone: the top of every scale (rank 5 of 5).
    expect(ask(0, 10, 1000)).toEqual({ recency: 1 - 1 / 5, frequency: 1, monetary: 1 });
    // Longer ago than anyone, fewer orders and less spend than anyone: rank 1 of 5.
    expect(ask(10_000, 0, 0)).toEqual({ recency: 0, frequency: 1 / 5, monetary: 1 / 5 });
    // Two orders: B and D have 1 (below), C has 2 (tied), A has 3: ranks 3 and 4 -> 3.5 of 5.
    expect(ask(0, 2, 0).frequency).toBe(3.5 / 5);
    expect(ask(1, 1, 1).recency).toBeGreaterThan(ask(100, 1, 1).recency);
  });
});
