/**
 * The views the worker sends the page (results.ts), on hand-checkable files: the overview's
 * totals, the clustering and segment views, each customer's email, the profile's range checks.
 */
import { describe, expect, it } from 'vitest';
import {
  analysisState,
  clusterView,
  customerDetail,
  featureMedians,
  featurePercentiles,
  preparedView,
  segmentView,
} from './results.ts';
import { analyzeText, lines, prepareText, UCI_HEADER } from './testing/fixtures.ts';

// Customers A (2 orders, 14.5), B (1 order, 3.5), C (1 order, 10): 4 lines.
const CSV = lines(
  UCI_HEADER,
  '1,P1,Mug,2,2011-01-05 10:00,3.5,A,France',
  '1,P2,Cup,4,2011-01-05 10:00,1.0,A,France',
  '2,P1,Mug,1,2011-01-20 09:00,3.5,B,Spain',
  '3,P3,Vase,1,2011-03-02 12:00,10,C,Spain',
);

describe('preparedView', () => {
  it("the file as read, the cleaning, and the overview's totals and means", async () => {
    const data = await prepareText(CSV, { name: 'shop.csv' });
    const view = preparedView(data, ['France', 'Spain', 'Spain']);
    expect(view.file).toEqual({
      name: 'shop.csv',
      size: data.sniff.size,
      encoding: 'utf-8',
      delimiter: ',',
      dateFormat: data.tx.dateFormat,
      dateAmbiguous: false,
      dateCandidates: data.tx.dateCandidates,
      money: 'quantityTimesPrice',
      headers: UCI_HEADER.split(','),
      mapping: data.mapping,
      malformedRows: 0,
    });
    expect(view.customers.ids).toEqual(['A', 'B', 'C']);
    expect(view.customers.country).toEqual(['France', 'Spain', 'Spain']);
    // A: 2 x 3.5 + 4 x 1 = 11 in one order; B 3.5; C 10.
    expect(Array.from(view.customers.features.Monetary)).toEqual([11, 3.5, 10]);
    // The features are copies: the page may keep them after the worker moves on.
    expect(view.customers.features.Monetary).not.toBe(data.groups.table.features.Monetary);
    // Snapshot 2011-03-03 12:00: A last bought 01-05 10:00 (57 days), B 01-20 09:00 (42), C 1.
    expect(view.totals).toEqual({
      customers: 3,
      orderLines: 4,
      revenue: 24.5,
      meanRecency: (57 + 42 + 1) / 3,
      meanFrequency: 1,
      meanMonetary: 24.5 / 3,
    });
    expect(view.snapshot).toBe(Date.UTC(2011, 2, 3, 12));
    expect(view.dateMin).toBe(Date.UTC(2011, 0, 5, 10));
    expect(view.dateMax).toBe(Date.UTC(2011, 2, 2, 12));
    expect(view.cleaning).toBe(data.cleaned.report);
    expect(view.cohort).toBe(data.cohort);
    expect(view.warnings).toBe(data.warnings);
    expect(view.badDateExamples).toEqual([]);
    expect(view.timings).toBe(data.timings);
  });
});

describe('clusterView and segmentView', () => {
  it('the scaler as plain arrays, the sweep, and no excluded customers when kept', async () => {
    const { clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const view = clusterView(clustering);
    expect(view.options).toBe(clustering.options);
    expect(view.scaler).toEqual({
      features: ['Recency', 'Frequency', 'Monetary'],
      transform: 'log1p',
      scaling: 'standard',
      center: Array.from(clustering.scaler.center),
      scale: Array.from(clustering.scaler.scale),
    });
    expect(view.sweep).toBe(clustering.sweep.points);
    expect(view.suggestedK).toBe(clustering.sweep.suggestedK);
    expect(view.excluded).toBe(0);
    expect(view.warning).toBeUndefined();
    const segments = segmentView(segmentation, 'gmm');
    expect(segments.k).toBe(segmentation.k);
    expect(segments.model).toBe('gmm');
    expect(Array.from(segments.labels)).toEqual(Array.from(segmentation.labels));
    expect(segments.labels).not.toBe(segmentation.labels);
    expect(segments.segments).toBe(segmentation.segments);
    expect(segmentView(segmentation).model).toBe('kmeans');
  });

  it('excluded outliers are counted only when they were left out of fitting', async () => {
    const { clustering } = await analyzeText(CSV, { k: 2 });
    const flagged = { ...clustering.outliers, count: 1 };
    const exclude = { ...clustering.options, outliers: 'exclude' as const };
    // With 3 customers, leaving one out leaves 2 to fit: too few, so everyone was fitted.
    const three = { ...clustering, outliers: flagged, options: exclude };
    expect(clusterView({ ...three, points: { ...clustering.points, count: 3 } }).excluded).toBe(0);
    expect(clusterView({ ...three, points: { ...clustering.points, count: 4 } }).excluded).toBe(1);
    expect(clusterView({ ...clustering, outliers: flagged }).excluded).toBe(0);
  });

  it('with no feasible k the view says why', async () => {
    const two = lines(
      UCI_HEADER,
      '1,P1,Mug,1,2011-01-05 10:00,3.5,A,UK',
      '2,P1,Mug,1,2011-01-06 10:00,3.5,B,UK',
    );
    const { clustering } = await analyzeText(two);
    expect(clusterView(clustering).warning).toMatch(/^Only 2 customers/);
  });
});

describe('analysisState: countries and emails', () => {
  it("each customer's country on their first line, and the first email they wrote", async () => {
    const data = await prepareText(
      lines(
        'Order,Customer,Date,Amount,Country,Email',
        '1,A,2011-01-05 10:00,5,France,',
        '2,A,2011-01-06 10:00,5,Spain, a@shop.fr ',
        '3,A,2011-01-07 10:00,5,Spain,other@shop.fr',
        '4,B,2011-01-08 10:00,5,Italy,',
      ),
    );
    const state = analysisState(data);
    expect(state.country).toEqual(['France', 'Italy']);
    expect(state.email).toEqual(['a@shop.fr', '']);
    expect(state.monthly?.offsets).toHaveLength(3);
    expect(analysisState(data, { monthly: false }).monthly).toBeUndefined();
    expect(state.purchaseDays).toBeDefined();
  });

  it('ids that are mostly emails are the emails; otherwise there are none', async () => {
    const file = (ids: string[]) =>
      lines('Customer,Date,Amount', ...ids.map((id, i) => `${id},2011-01-0${i + 1} 10:00,5`));
    const mostly = analysisState(await prepareText(file(['a@x.com', 'b@y.org', 'guest'])));
    expect(mostly.email).toEqual(['a@x.com', 'b@y.org', 'guest']);
    expect(mostly.country).toEqual(['', '', '']);
    // Half is not most.
    const half = analysisState(await prepareText(file(['a@x.com', 'guest'])));
    expect(half.email).toEqual([]);
    // An @ without a dot after it, or with spaces, is not an email.
    const almost = analysisState(await prepareText(file(['a@x', 'b@y', 'c d@e.f'])));
    expect(almost.email).toEqual([]);
  });
});

describe('customerDetail range and medians', () => {
  it('refuses an index that is not a customer', async () => {
    const { session, clustering, segmentation } = await analyzeText(CSV, { k: 2 });
    const state = session.customers;
    const percentiles = featurePercentiles(state.table);
    for (const index of [-1, 3, NaN])
      expect(() => customerDetail(state, clustering, segmentation, percentiles, index)).toThrow(
        `no customer ${index}`,
      );
    expect(customerDetail(state, clustering, segmentation, percentiles, 2).id).toBe('C');
  });

  it('an analysis made without the monthly activity (the CLI) has none, and says so', async () => {
    const { session, clustering, segmentation } = await analyzeText(CSV, {
      k: 2,
      noMonthlyActivity: true,
    });
    const state = session.customers;
    expect(state.monthly).toBeUndefined();
    expect(() =>
      customerDetail(state, clustering, segmentation, featurePercentiles(state.table), 0),
    ).toThrow('without the monthly activity');
  });

  it("the median customer's features", async () => {
    const { data } = await analyzeText(CSV, { k: 2 });
    const medians = featureMedians(data.groups.table);
    // Monetary 11, 3.5, 10 -> 10; Recency 57, 42, 1 -> 42.
    expect(medians.Monetary).toBe(10);
    expect(medians.Recency).toBe(42);
    expect(medians.Frequency).toBe(1);
  });
});
