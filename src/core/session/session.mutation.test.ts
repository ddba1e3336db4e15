/**
 * The analysis session on 24 customers (small.testing.ts), each answer computed inside its test:
 * every question answers for the inputs it names, the caches key on all of them, and a snapshot
 * or a new clustering drops exactly what depends on what changed.
 */
import { describe, expect, it } from 'vitest';
import { type Clustering, segmentsFor } from '../clustering.ts';
import { customerExportCsv } from '../export/customer-export.ts';
import { featurePercentiles, customerDetail } from '../results.ts';
import { qualityReport } from '../validation/quality.ts';
import { fixtureSource } from '../testing/fixtures.ts';
import { AnalysisSession } from './session.ts';
import { noReport, SMALL_OPTIONS, smallFile, smallSession } from './small.testing.ts';

const labelsOf = (s: { labels: Int32Array }) => Array.from(s.labels);

describe('AnalysisSession, question by question', () => {
  it('refuses questions before the file and before the clustering', async () => {
    const empty = new AnalysisSession();
    expect(() => empty.customers).toThrow('analysis session: no data yet');
    await empty.prepare(fixtureSource(smallFile()), {}, noReport);
    expect(() => empty.current).toThrow('analysis session: no clustering yet');
    expect(empty.snapshot().clustering).toBeNull();
  });

  it('k-means segments of the k asked, named as asked, each k after another', async () => {
    const session = await smallSession();
    const { table } = session.customers;
    for (const k of [2, 4, 3, 2]) {
      const got = session.segments({ k });
      expect(got.k).toBe(k);
      expect(labelsOf(got)).toEqual(labelsOf(segmentsFor(table, session.current, k)));
    }
    const named = session.segments({ k: 3, names: { 2: 'Mine' } });
    expect(named.segments.map((s) => s.name)).toEqual([
      named.segments[0]!.suggestedName,
      named.segments[1]!.suggestedName,
      'Mine',
    ]);
    // Names are the question's own: asking again without them gives the suggestions.
    expect(session.segments({ k: 3 }).segments[2]!.name).toBe(named.segments[2]!.suggestedName);
  });

  it("another model's segments for its settings; k-means answers alongside", async () => {
    const session = await smallSession();
    const gmm = session.segments({ k: 3, model: 'gmm' });
    const gmmLabels = session.comparison(3).labels.gmm;
    expect(labelsOf(gmm)).toEqual(
      labelsOf(segmentsFor(session.customers.table, session.current, 3, {}, gmmLabels)),
    );
    const ward = session.segments({ k: 2, model: 'ward' });
    expect(labelsOf(ward)).toEqual(
      labelsOf(
        segmentsFor(
          session.customers.table,
          session.current,
          2,
          {},
          session.comparison(2).labels.ward,
        ),
      ),
    );
    // DBSCAN with two settings: each its own groups, from the comparison for those settings.
    for (const eps of [0.3, 5]) {
      const dbscan = session.segments({ k: 2, model: 'dbscan', dbscan: { eps, minSamples: 3 } });
      const labels = session.comparison(2, { eps, minSamples: 3 }).labels.dbscan;
      expect(labelsOf(dbscan)).toEqual(
        labelsOf(segmentsFor(session.customers.table, session.current, 2, {}, labels)),
      );
    }
    // One wide eps puts every customer in one group.
    expect(session.segments({ k: 2, model: 'dbscan', dbscan: { eps: 50, minSamples: 3 } }).k).toBe(
      1,
    );
    // HDBSCAN's groups are its fit's, for its settings.
    const choice = { minClusterSize: 4, minSamples: 3 };
    const hdbscan = session.segments({ k: 2, model: 'hdbscan', hdbscan: choice });
    const fit = session.hdbscan(choice);
    expect(labelsOf(hdbscan)).toEqual(
      labelsOf(
        segmentsFor(
          session.customers.table,
          session.current,
          2,
          {},
          {
            model: 'hdbscan',
            labels: fit.labels,
            groups: fit.clusters,
          },
        ),
      ),
    );
    expect(labelsOf(session.segments({ k: 3 }))).toEqual(
      labelsOf(segmentsFor(session.customers.table, session.current, 3)),
    );
  });

  it('the quality report of the segments asked, with the clustering seed', async () => {
    const session = await smallSession();
    const { points, scaler, outliers, options } = session.current;
    for (const k of [3, 2]) {
      const labels = session.segments({ k }).labels;
      const expected = qualityReport(session.customers.table, points, scaler, labels, k, outliers, {
        seed: options.seed,
      });
      expect(session.quality({ k })).toEqual(expected);
    }
    const other = await smallSession();
    await other.cluster({ ...SMALL_OPTIONS, seed: 7 }, noReport);
    const seven = other.quality({ k: 3 });
    const { points: p7, scaler: s7, outliers: o7 } = other.current;
    expect(seven).toEqual(
      qualityReport(other.customers.table, p7, s7, other.segments({ k: 3 }).labels, 3, o7, {
        seed: 7,
      }),
    );
  });

  it('stability: none within a zero budget, all of it with no limit, per k', async () => {
    const session = await smallSession();
    const none = await session.stability(3, 0);
    expect(none).toEqual({ done: 0, total: none.total, result: null });
    expect(none.total).toBeGreaterThan(0);
    const all = await session.stability(3, Infinity);
    expect(all.done).toBe(all.total);
    expect(all.result!.k).toBe(3);
    expect(all.result!.aris).toHaveLength(all.total);
    // Another k starts its own run.
    const two = await session.stability(2, 0);
    expect(two.done).toBe(0);
    // A budget in between does some and not all, then the rest on the next call.
    const some = await session.stability(2, 1);
    expect(some.done).toBeGreaterThanOrEqual(0);
    const rest = await session.stability(2, Infinity);
    expect(rest.result!.k).toBe(2);
    expect(rest.done).toBe(rest.total);
  });

  it("the comparison answers for k and DBSCAN's settings; HDBSCAN joins once fitted", async () => {
    const session = await smallSession();
    const base = session.comparison(3);
    expect(base.k).toBe(3);
    expect(base.hdbscan).toBeNull();
    expect(session.comparison(3, { eps: 0.4, minSamples: 3 }).dbscan).toMatchObject({
      eps: 0.4,
      minSamples: 3,
    });
    expect(session.comparison(2).k).toBe(2);
    const choice = { minClusterSize: 4, minSamples: 3 };
    // Not fitted yet: the comparison leaves HDBSCAN out rather than fit it.
    expect(session.comparison(3, {}, choice).hdbscan).toBeNull();
    const fit = session.hdbscan(choice);
    const joined = session.comparison(3, {}, choice);
    expect(joined.hdbscan).toMatchObject({
      minClusterSize: 4,
      minSamples: 3,
      clusters: fit.clusters,
    });
    expect(joined.rows.map((r) => r.model)).toContain('hdbscan');
    // The other models are not fitted again for it: the same labels, the same rows.
    const without = session.comparison(3);
    expect(joined.labels.gmm).toBe(without.labels.gmm);
    expect(joined.rows.slice(0, 4)).toEqual(without.rows);
    expect(session.comparison(3, {}, choice)).toBe(joined);
  });

  it('HDBSCAN is fitted once per settings; a fit made elsewhere is used if it fits the customers', async () => {
    const session = await smallSession();
    const choice = { minClusterSize: 4, minSamples: 3 };
    const fit = session.hdbscan(choice);
    expect(session.hdbscan({ ...choice })).toBe(fit);
    expect(fit.minClusterSize).toBe(4);
    const other = session.hdbscan({ minClusterSize: 5, minSamples: 3 });
    expect(other).not.toBe(fit);
    expect(other.minClusterSize).toBe(5);

    const fresh = await smallSession();
    expect(() => fresh.provideHdbscan({ ...fit, labels: fit.labels.subarray(1) })).toThrow(
      'HDBSCAN fit for 23 customers, not 24',
    );
    fresh.provideHdbscan(fit);
    expect(fresh.hdbscan(choice)).toBe(fit);
    // The customer profile shows where HDBSCAN put the customer once it is fitted.
    const detail = fresh.customerDetail({ k: 3, hdbscan: choice }, 5);
    expect(detail.hdbscan).toEqual({
      group: fit.labels[5],
      strength: fit.strengths[5],
      outlierScore: fit.outlierScores[5],
    });
    expect(fresh.customerDetail({ k: 3 }, 5).hdbscan).toBeUndefined();
  });

  it('customer detail and what-if answer for the segments asked', async () => {
    const session = await smallSession();
    const segmentation = session.segments({ k: 4 });
    const expected = customerDetail(
      session.customers,
      session.current,
      segmentation,
      featurePercentiles(session.customers.table),
      7,
    );
    expect(session.customerDetail({ k: 4 }, 7)).toEqual(expected);
    expect(session.customerDetail({ k: 2 }, 7).distances).toHaveLength(2);
    const input = { Recency: 3, Frequency: 6, Monetary: 500 };
    expect(session.whatIf({ k: 4 }, input).distances).toHaveLength(4);
    expect(session.whatIf({ k: 2 }, input).distances).toHaveLength(2);
  });

  it('lifetime value per options, from a cache; a new file forgets it', async () => {
    const session = await smallSession();
    const twelve = session.lifetimeValue({ months: 12 });
    expect(session.lifetimeValue({ months: 12 })).toBe(twelve);
    const three = session.lifetimeValue({ months: 3 });
    expect(three).not.toBe(twelve);
    if (three.ok) expect(three.options.months).toBe(3);
    await session.prepare(fixtureSource(smallFile()), {}, noReport);
    expect(session.lifetimeValue({ months: 3 })).not.toBe(three);
    // A saved analysis without purchase days says what to do instead.
    const { purchaseDays: _dropped, ...state } = session.customers;
    const old = new AnalysisSession();
    old.restore({ version: 1, state, clustering: null });
    expect(old.lifetimeValue()).toMatchObject({ ok: false });
  });

  it('the customer exports: CSV, semicolon CSV and xlsx, all customers or some', async () => {
    const session = await smallSession();
    const choice = { k: 3, names: { 0: 'Top' } };
    const { labels, segments } = session.segments(choice);
    const { table, country, email } = session.customers;
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const input = { table, labels, segments, country, email, only: undefined, extra: [] };
    expect(decode(await session.customerExport(choice, 'csv'))).toBe(
      customerExportCsv(input, 'comma').replace(/^\uFEFF/, ''),
    );
    expect(decode(await session.customerExport(choice, 'csv-semicolon'))).toBe(
      customerExportCsv(input, 'semicolon').replace(/^\uFEFF/, ''),
    );
    const only = Int32Array.of(4, 1);
    const some = decode(await session.customerExport(choice, 'csv', only)).split('\r\n');
    expect(some.slice(1, 3).map((l) => l.split(',')[0])).toEqual(['C4', 'C1']);
    expect(some.filter((l) => l !== '')).toHaveLength(3);
    const xlsx = await session.customerExport(choice, 'xlsx');
    expect(Array.from(xlsx.subarray(0, 2))).toEqual([0x50, 0x4b]); // a zip: PK
    // With lifetime value, its four columns follow the segment.
    const withValue = decode(await session.customerExport(choice, 'csv', undefined, {}));
    expect(withValue.split('\r\n')[0]!.split(',').slice(-4)).toEqual([
      'p_alive',
      'expected_purchases_90d',
      'expected_avg_spend',
      'clv_12m',
    ]);
    const csv = session.customersCsv(choice, { rows: [2] }).split('\r\n');
    expect(csv[1]!.startsWith('C2,')).toBe(true);
    expect(csv[1]!.split(',').at(-1)).toBe(segments[labels[2]!]!.name);
  });

  it('a restored snapshot answers the same; one saved before outliers gets them flagged', async () => {
    const session = await smallSession();
    const snapshot = structuredClone(session.snapshot());
    expect(snapshot).toMatchObject({ version: 1, model: null });
    const restored = new AnalysisSession();
    restored.restore(snapshot);
    expect(restored.segments({ k: 3 })).toEqual(session.segments({ k: 3 }));
    const { outliers, ...old } = structuredClone(session.snapshot()).clustering!;
    const older = new AnalysisSession();
    // Saved before outliers were flagged: the clustering has no report of them.
    older.restore({ ...snapshot, clustering: old as Clustering });
    expect(older.current.outliers).toEqual(outliers);
    expect(() => older.restore({ ...snapshot, version: 2 as 1 })).toThrow(
      'analysis session: unknown snapshot version',
    );
  });

  it('a new clustering drops the segments of the old one; the customers stay', async () => {
    const session = await smallSession();
    const before = session.segments({ k: 3 });
    const state = session.customers;
    await session.cluster({ ...SMALL_OPTIONS, transform: 'none' }, noReport);
    expect(session.customers).toBe(state);
    const after = session.segments({ k: 3 });
    expect(after).not.toBe(before);
    expect(labelsOf(after)).toEqual(labelsOf(segmentsFor(state.table, session.current, 3)));
  });
});
