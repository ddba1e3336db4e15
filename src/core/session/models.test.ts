/**
 * The session with saved models: saving the segments on screen, scoring a file with a model (the
 * model's segments, no sweep, every later question answered for them), keeping the model across a
 * snapshot, and comparing two periods (one file cut at a date, or an earlier file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { compareCut } from '../model/periods.ts';
import { scoreCustomers } from '../model/score.ts';
import { expectAnalysisError, fixtureSource, lines, prepareText } from '../testing/fixtures.ts';
import { AnalysisSession } from './session.ts';

const HEADER = 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID';
const noReport = () => undefined;
const meta = {
  createdAt: new Date('2026-12-01T00:00:00Z'),
  appVersion: '0.1.0',
  nonProductCodes: [],
};

/** 50 customers over 2011 (a deterministic spread); `until` keeps the lines up to that day. */
function rows(until = '2011-12-31'): string[] {
  const out: string[] = [];
  let invoice = 1;
  for (let c = 0; c < 50; c++) {
    const orders = 1 + ((c * 7) % 9);
    for (let o = 0; o < orders; o++) {
      const day = 1 + ((c * 17 + o * 31) % 360);
      const date = new Date(Date.UTC(2011, 0, day, 10)).toISOString().slice(0, 16);
      const price = 1 + ((c * c) % 37);
      if (date.slice(0, 10) <= until)
        out.push(`${invoice},P${o % 4},${1 + (c % 3)},${date.replace('T', ' ')},${price},C${c}`);
      invoice++;
    }
  }
  return out;
}
const file = (until?: string) => lines(HEADER, ...rows(until));
const options = { ...DEFAULT_CLUSTER_OPTIONS, kMax: 5, restarts: 3 };

async function clustered(): Promise<AnalysisSession> {
  const session = new AnalysisSession();
  await session.prepare(fixtureSource(file(), { name: 'sales.csv' }), {}, noReport);
  await session.cluster(options, noReport);
  return session;
}

let fitted: AnalysisSession;
beforeAll(async () => {
  fitted = await clustered();
});

describe('saving and scoring with a model', () => {
  it("scores its own file into the same segments, with the model's names and order and no sweep", async () => {
    const choice = { k: 3, names: { 1: 'My regulars' } };
    const { model, agreement } = fitted.saveModel(choice, meta);
    expect(agreement).toBe(1);
    expect(model.segments[1]).toBe('My regulars');

    const scoring = new AnalysisSession();
    await scoring.prepare(fixtureSource(file()), {}, noReport);
    const scored = scoring.score(model);
    expect(Array.from(scored.labels)).toEqual(Array.from(fitted.segments(choice).labels));
    expect(scored.segments.map((s) => s.name)).toEqual(model.segments);
    expect(scored.segments.map((s) => s.centroid)).toEqual(model.centroids);
    expect(scoring.current.sweep.points).toEqual([]);
    // Whatever k a question names, the answer is for the model's segments.
    expect(scoring.segments({ k: 7 }).labels).toEqual(scored.labels);
    const csv = scoring.customersCsv({ k: 3 }).trim().split(/\r?\n/).slice(1);
    expect(csv.map((line) => line.split(',').at(-1))).toEqual(
      Array.from(scored.labels, (l) => model.segments[l]),
    );
    expect(scoring.quality({ k: 3 }).report.silhouette.segments).toHaveLength(3);
    expect(scoring.saveModel({ k: 3 }, meta).model).toEqual(model);
  });

  it('saves Gaussian mixture groups with the share nearest-centre scoring keeps in place', () => {
    const choice = { k: 3, model: 'gmm' as const };
    const { model, agreement } = fitted.saveModel(choice, meta);
    expect(model.kind).toBe('gmm');
    const gmm = fitted.segments(choice).labels;
    const scored = scoreCustomers(model, fitted.customers.table).labels;
    const same = scored.filter((l, i) => l === gmm[i]).length;
    expect(agreement).toBe(same / gmm.length);
    expect(() => fitted.saveModel({ k: 3, model: 'dbscan' }, meta)).toThrow(
      expect.objectContaining({ code: 'model-unsupported' }),
    );
  });

  it('keeps the model through a snapshot; a restored analysis cannot be cut (no lines)', async () => {
    const { model } = fitted.saveModel({ k: 4 }, meta);
    const scoring = new AnalysisSession();
    await scoring.prepare(fixtureSource(file()), {}, noReport);
    scoring.score(model);
    const restored = new AnalysisSession();
    restored.restore(structuredClone(scoring.snapshot()));
    expect(restored.scoredWith).toEqual(model);
    expect(restored.segments({ k: 4 })).toEqual(scoring.segments({ k: 4 }));
    await expectAnalysisError(
      restored.comparePeriods({ k: 4 }, { until: '2011-06-30' }, noReport),
      'compare-needs-file',
    );
    // Clustering again leaves the model.
    await scoring.cluster(options, noReport);
    expect(scoring.scoredWith).toBeNull();
  });
});

describe('comparing two periods', () => {
  it('cuts the file at a date under the model of the segments on screen', async () => {
    const comparison = await fitted.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport);
    const data = await prepareText(file());
    const { model } = fitted.saveModel({ k: 3 }, meta);
    const direct = compareCut(model, data.tx, data.cleaned.kept, '2011-06-30');
    expect(comparison.migration.matrix).toEqual(direct.matrix);
    expect(comparison.migration.movers).toEqual(direct.movers);
    expect(comparison.earlier).toEqual({
      label: 'up to 2011-06-30',
      customers: direct.earlier.ids.length,
      snapshot: direct.earlier.snapshot,
    });
    expect(comparison.later.label).toBe('sales.csv');
    expect(comparison.summary.length).toBeGreaterThan(0);
    const { customers, earlierSizes } = comparison.migration.matrix;
    expect(customers.slice(0, 3).map((row) => row.reduce((s, n) => s + n, 0))).toEqual(
      earlierSizes,
    );
  });

  it('gives the same migration from an earlier file as from the cut at its end', async () => {
    const cut = await fitted.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport);
    const earlier = fixtureSource(file('2011-06-30'), { name: 'june.csv' });
    const files = await fitted.comparePeriods({ k: 3 }, { earlier, load: {} }, noReport);
    expect(files.migration.matrix.customers).toEqual(cut.migration.matrix.customers);
    expect(files.earlier.label).toBe('june.csv');
  });

  it('refuses a cut with no sales on one side and an earlier file that is not earlier', async () => {
    await expectAnalysisError(
      fitted.comparePeriods({ k: 3 }, { until: '2010-06-30' }, noReport),
      'compare-periods',
    );
    const later = fixtureSource(file());
    await expectAnalysisError(
      fitted.comparePeriods({ k: 3 }, { earlier: later, load: {} }, noReport),
      'compare-periods',
    );
  });
});
