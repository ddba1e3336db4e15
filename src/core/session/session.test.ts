/**
 * The analysis session answers for the inputs each call names (k, model, names), never for what
 * was asked last; it keeps results for the last inputs only, and a snapshot brings back the same
 * answers without the file. On 60 customers of a small generated file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { segmentsFor } from '../clustering.ts';
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { fixtureSource, lines } from '../testing/fixtures.ts';
import { bootstrapStability } from '../validation/stability.ts';
import { fitKMeans, type KMeansFit } from '../cluster/kmeans.ts';
import type { KMeansPool } from '../cluster/sweep.ts';
import { analysisKey } from './key.ts';
import { AnalysisSession } from './session.ts';

const HEADER = 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID';
const noReport = () => undefined;

/** 60 customers with varied recency, frequency and spend (a deterministic spread). */
function file(): string {
  const rows = [HEADER];
  let invoice = 1;
  for (let c = 0; c < 60; c++) {
    const orders = 1 + ((c * 7) % 11);
    for (let o = 0; o < orders; o++) {
      const day = 1 + ((c * 13 + o * 29) % 330);
      const date = new Date(Date.UTC(2011, 0, day, 9 + (o % 8))).toISOString().slice(0, 16);
      const price = 1 + ((c * c) % 41);
      rows.push(`${invoice++},P${o % 5},${1 + (c % 4)},${date.replace('T', ' ')},${price},C${c}`);
    }
  }
  return lines(...rows);
}

const options = { ...DEFAULT_CLUSTER_OPTIONS, kMax: 6, restarts: 3 };

async function newSession(): Promise<AnalysisSession> {
  const session = new AnalysisSession();
  await session.prepare(fixtureSource(file()), {}, noReport);
  await session.cluster(options, noReport);
  return session;
}

let session: AnalysisSession;
beforeAll(async () => {
  session = await newSession();
});

describe('analysis session', () => {
  it('refuses questions before the data and the clustering are there', async () => {
    const empty = new AnalysisSession();
    expect(() => empty.customers).toThrow(/no data yet/);
    expect(() => empty.segments({ k: 3 })).toThrow(/no clustering yet/);
    await empty.prepare(fixtureSource(file()), {}, noReport);
    expect(empty.customers.table.ids).toHaveLength(60);
    expect(() => empty.segments({ k: 3 })).toThrow(/no clustering yet/);
  });

  it('segments(k) are the sweep fit of k, the same as segmentsFor', () => {
    for (const k of [2, 3, 4]) {
      const direct = segmentsFor(session.customers.table, session.current, k);
      const got = session.segments({ k });
      expect(got.k).toBe(k);
      expect(Array.from(got.labels)).toEqual(Array.from(direct.labels));
      expect(got.segments.map((s) => s.name)).toEqual(direct.segments.map((s) => s.name));
    }
  });

  it('every question answers for the k it names, whatever was asked before', () => {
    session.segments({ k: 5 });
    const detail = session.customerDetail({ k: 3 }, 7);
    expect(detail.distances).toHaveLength(3);
    expect(detail.segment).toBe(session.segments({ k: 3 }).labels[7]);

    session.segments({ k: 5 });
    const input = { Recency: 10, Frequency: 8, Monetary: 900 };
    expect(session.whatIf({ k: 2 }, input).distances).toHaveLength(2);
    expect(session.whatIf({ k: 4 }, input).distances).toHaveLength(4);

    session.segments({ k: 2 });
    const quality = session.quality({ k: 4 });
    expect(quality.report.silhouette.segments).toHaveLength(4);
    expect(quality.columns.gridSegment).toHaveLength(60);

    session.segments({ k: 5 });
    const csv = session.customersCsv({ k: 3 }).trim().split(/\r?\n/);
    const three = session.segments({ k: 3 });
    expect(csv).toHaveLength(61);
    const cluster = csv.slice(1).map((line) => Number(line.split(',').at(-2)));
    expect(cluster).toEqual(Array.from(three.labels));
  });

  it("applies the user's names to that question only; the suggested name stays", () => {
    const named = session.segments({ k: 3, names: { 1: 'My regulars' } });
    const plain = session.segments({ k: 3 });
    expect(named.segments[1]!.name).toBe('My regulars');
    expect(named.segments[1]!.suggestedName).toBe(plain.segments[1]!.suggestedName);
    expect(plain.segments[1]!.name).toBe(plain.segments[1]!.suggestedName);
    expect(named.segments[0]!.name).toBe(plain.segments[0]!.name);
    const csv = session.customersCsv({ k: 3, names: { 1: 'My regulars' } });
    const inOne = Array.from(plain.labels).filter((l) => l === 1).length;
    expect(csv.split(/\r?\n/).filter((line) => line.endsWith(',1,My regulars'))).toHaveLength(
      inOne,
    );
  });

  it('another model: its groups, profiled like the k-means ones', () => {
    const gmm = session.segments({ k: 3, model: 'gmm' });
    const labels = session.comparison(3).labels.gmm;
    const direct = segmentsFor(session.customers.table, session.current, 3, {}, labels);
    expect(Array.from(gmm.labels)).toEqual(Array.from(direct.labels));
    // The k-means segments of 3 are still those of the sweep, and answer alongside.
    const kmeans = segmentsFor(session.customers.table, session.current, 3);
    expect(Array.from(session.segments({ k: 3 }).labels)).toEqual(Array.from(kmeans.labels));
    expect(session.customerDetail({ k: 3, model: 'gmm' }, 0).segment).toBe(gmm.labels[0]);
  });

  it('stability comes in steps and ends with the one-go bootstrap of the same segments', async () => {
    const first = await session.stability(3, 0);
    expect(first.done).toBe(0);
    expect(first.result).toBeNull();
    const done = await session.stability(3, Infinity);
    expect(done.done).toBe(done.total);
    const { points } = session.current;
    const expected = bootstrapStability(points, session.segments({ k: 3 }).labels, 3, {
      seed: options.seed,
      restarts: options.restarts,
    });
    expect(done.result!.aris).toEqual(expected.aris);
    expect(done.result!.mean).toBe(expected.mean);
  });

  it('with a k-means pool, stability fits the resamples there and answers the same', async () => {
    let fitted = 0;
    const pool: KMeansPool = {
      fitMany(points, ks, poolOptions) {
        fitted += ks.length;
        return Promise.resolve(ks.map((k) => fitKMeans(points, k, poolOptions)));
      },
    };
    const pooled = new AnalysisSession({ pool: () => pool });
    await pooled.prepare(fixtureSource(file()), {}, noReport);
    await pooled.cluster(options, noReport);
    const sweepFits = fitted;
    // Two calls at once wait for the same fits.
    const [, done] = await Promise.all([pooled.stability(3, 0), pooled.stability(3, Infinity)]);
    expect(done.result!.aris).toEqual((await session.stability(3, Infinity)).result!.aris);
    expect(fitted - sweepFits).toBe(done.total);
  });

  it("a budget's first answer waits for the first resample; a budget of 0 does not", async () => {
    // A pool slower than the budget: one fit at a time, each 150 ms after the one before.
    let queue = Promise.resolve();
    const slow: KMeansPool = {
      fitMany: (points, ks, poolOptions) => {
        const fits = queue.then(
          () =>
            new Promise<KMeansFit[]>((resolve) =>
              setTimeout(() => resolve(ks.map((k) => fitKMeans(points, k, poolOptions))), 150),
            ),
        );
        queue = fits.then(() => undefined);
        return fits;
      },
    };
    let sweeping = true;
    const pooled = new AnalysisSession({ pool: () => (sweeping ? undefined : slow) });
    await pooled.prepare(fixtureSource(file()), {}, noReport);
    await pooled.cluster(options, noReport);
    sweeping = false;
    expect(await pooled.stability(3, 0)).toMatchObject({ done: 0, result: null });
    const started = performance.now();
    const first = await pooled.stability(3, 10);
    expect(first.done).toBeGreaterThanOrEqual(1);
    expect(first.done).toBeLessThan(first.total);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a new question stops the bootstrap on the pool, and a call waiting for it returns', async () => {
    const asked: number[] = [];
    const pool: KMeansPool = {
      fitMany(_points, ks) {
        asked.push(...ks);
        return new Promise(() => undefined); // never answers
      },
    };
    // The sweep is fitted here; the pool answers only the bootstrap.
    let sweeping = true;
    const pooled = new AnalysisSession({ pool: () => (sweeping ? undefined : pool) });
    await pooled.prepare(fixtureSource(file()), {}, noReport);
    await pooled.cluster(options, noReport);
    sweeping = false;
    const waiting = pooled.stability(3, Infinity);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((k) => k === 3)).toBe(true);
    const before = asked.length;
    // Another k: the run for 3 is stopped, and the call waiting for all of it returns.
    expect(await pooled.stability(2, 0)).toMatchObject({ done: 0, result: null });
    expect(asked.slice(before).every((k) => k === 2)).toBe(true);
    expect(await waiting).toMatchObject({ done: 0, result: null });
  });

  it('keeps results for the last inputs and drops them when the clustering changes', async () => {
    const again = await newSession();
    const a = again.segments({ k: 3 });
    expect(again.segments({ k: 3 }).labels).toBe(a.labels);
    expect(again.comparison(3)).toBe(again.comparison(3));
    const c = again.comparison(3);
    await again.cluster({ ...options, transform: 'none' }, noReport);
    expect(again.segments({ k: 3 }).labels).not.toBe(a.labels);
    expect(again.comparison(3)).not.toBe(c);
  });

  it('a snapshot restored into a new session gives the same answers', () => {
    const restored = new AnalysisSession();
    restored.restore(structuredClone(session.snapshot()));
    const choice = { k: 4, names: { 0: 'Best' } };
    expect(restored.segments(choice)).toEqual(session.segments(choice));
    expect(restored.customerDetail(choice, 11)).toEqual(session.customerDetail(choice, 11));
    expect(restored.customersCsv(choice)).toBe(session.customersCsv(choice));
    expect(() => restored.restore({ ...session.snapshot(), version: 2 as 1 })).toThrow(/version/);
  });
});

describe('analysisKey', () => {
  it('is equal for equal inputs and differs with k, the options or the extra input', () => {
    const key = analysisKey(options, 3, { eps: 0.5 });
    expect(analysisKey({ ...options }, 3, { eps: 0.5 })).toBe(key);
    expect(analysisKey(options, 4, { eps: 0.5 })).not.toBe(key);
    expect(analysisKey({ ...options, seed: 7 }, 3, { eps: 0.5 })).not.toBe(key);
    expect(analysisKey(options, 3, { eps: 0.6 })).not.toBe(key);
    expect(analysisKey(options, 3)).toBe(`${JSON.stringify(options)}|3|null`);
  });
});
