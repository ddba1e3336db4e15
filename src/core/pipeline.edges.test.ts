/**
 * The whole analysis on small files at its edges: no variance, fewer customers than k, a single
 * customer; determinism, segment naming and renaming; cancellation.
 */
import { describe, expect, it } from 'vitest';
import { ARCHETYPES, nameSegments } from './cluster/naming.ts';
import { customersCsv } from './export/tables.ts';
import { ALL_CUSTOMERS, segmentsFor } from './pipeline.ts';
import { analyze } from './session/analyze.ts';
import { summaryJson } from './summary.ts';
import { analyzeText, expectAnalysisError, fixtureSource, lines } from './testing/fixtures.ts';
import type { StageProgress } from './types.ts';

const HEADER = 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID';

/** Every number anywhere in a JSON-like value. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (ArrayBuffer.isView(value)) out.push(...Array.from(value as Float64Array));
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value !== null && typeof value === 'object')
    Object.values(value).forEach((v) => numbersIn(v, out));
  return out;
}

async function analyzeAll(text: string, options: Parameters<typeof analyzeText>[1] = {}) {
  const result = await analyzeText(text, options);
  const summary = summaryJson(result.data, result.clustering, result.segmentation, result.warnings);
  return { result, summary };
}

/** 40 customers with varied recency, frequency and spend (a deterministic spread). */
function variedFile(): string {
  const rows = [HEADER];
  let invoice = 1;
  for (let c = 0; c < 40; c++) {
    const orders = 1 + ((c * 7) % 9);
    for (let o = 0; o < orders; o++) {
      const day = 1 + ((c * 13 + o * 29) % 300);
      const date = new Date(Date.UTC(2011, 0, day, 9 + (o % 8))).toISOString().slice(0, 19);
      rows.push(
        `${invoice++},P${o % 5},${1 + (c % 4)},${date.replace('T', ' ')},${1 + ((c * c) % 37)},C${c}`,
      );
    }
  }
  return lines(...rows);
}

describe('all customers equal (zero variance)', () => {
  const text = lines(
    HEADER,
    '1,P1,2,2011-01-01 10:00,1.5,a',
    '2,P1,2,2011-01-01 10:00,1.5,b',
    '3,P1,2,2011-01-01 10:00,1.5,c',
    '4,P1,2,2011-01-01 10:00,1.5,d',
  );

  it('returns one segment of everyone with a clear warning, no NaN anywhere', async () => {
    const { result, summary } = await analyzeAll(text);
    expect(result.k).toBe(1);
    expect(Array.from(result.clustering.points.values)).toEqual(new Array(12).fill(0));
    expect(Array.from(result.clustering.scaler.scale)).toEqual([1, 1, 1]);
    expect(result.clustering.sweep.points).toEqual([]);
    const warning = result.warnings.find((w) => w.code === 'few-customers');
    expect(warning?.message).toBe(
      'All 4 customers have the same Recency, Frequency, Monetary: there is nothing to tell them apart, so all are in one segment.',
    );
    expect(result.segmentation.segments).toHaveLength(1);
    expect(result.segmentation.segments[0]).toMatchObject({
      name: ALL_CUSTOMERS,
      size: 4,
      customerShare: 1,
      revenueShare: 1,
      revenue: 12,
    });
    expect(Array.from(result.segmentation.labels)).toEqual([0, 0, 0, 0]);
    expect(summary).toMatchObject({ k: 1, suggested_k: 1, customers: 4, sweep: [] });
    expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
    expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity|null,null,null/);
  });

  it.each([
    ['ext, no transform', { features: 'ext', transform: 'none' }],
    ['robust scaling', { scaling: 'robust' }],
  ] as const)('%s: the same', async (_, options) => {
    const { result, summary } = await analyzeAll(text, options);
    expect(result.k).toBe(1);
    expect(numbersIn(result.clustering.points.values).every((v) => v === 0)).toBe(true);
    expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
  });

  it('one constant feature among varying ones is scaled to 0; the others still cluster', async () => {
    // Everyone bought once (Frequency 1), on different days for different amounts.
    const { result, summary } = await analyzeAll(
      lines(
        HEADER,
        '1,P1,1,2011-01-01 10:00,1,a',
        '2,P1,1,2011-01-02 10:00,2,b',
        '3,P1,1,2011-03-01 10:00,50,c',
        '4,P1,1,2011-03-02 10:00,60,d',
        '5,P1,1,2011-03-03 10:00,55,e',
      ),
    );
    const { points } = result.clustering;
    for (let i = 0; i < points.count; i++) expect(points.values[i * 3 + 1]).toBe(0);
    expect(result.clustering.sweep.points.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
  });
});

describe('fewer customers than k', () => {
  const three = lines(
    HEADER,
    '1,P1,1,2011-01-01 10:00,1,a',
    '2,P1,1,2011-02-01 10:00,20,b',
    '3,P1,5,2011-03-01 10:00,3,c',
  );

  it('the sweep stops at n - 1 clusters; asking for more falls back with a warning', async () => {
    const { result, summary } = await analyzeAll(three, { k: 5 });
    expect(result.clustering.sweep.points.map((p) => p.k)).toEqual([2]);
    expect(result.k).toBe(2);
    expect(result.warnings.map((w) => w.message)).toContain(
      'k = 5 is not possible with this data; using k = 2.',
    );
    expect(summary.sweep[0]).toMatchObject({ k: 2, silhouette_sample_size: 3 });
    expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
  });

  it('duplicate customers limit k to the distinct profiles', async () => {
    const { result } = await analyzeAll(
      lines(
        HEADER,
        '1,P1,1,2011-01-01 10:00,1,a',
        '2,P1,1,2011-01-01 10:00,1,b',
        '3,P1,1,2011-01-01 10:00,1,c',
        '4,P1,1,2011-03-01 10:00,9,d',
        '5,P1,1,2011-03-01 10:00,9,e',
      ),
    );
    expect(result.clustering.sweep.points.map((p) => p.k)).toEqual([2]);
    expect(result.clustering.sweep.points[0]!.sizes).toEqual([3, 2]);
    expect(result.clustering.sweep.points[0]!.inertia).toBeCloseTo(0, 20);
  });

  it.each([
    [
      1,
      'Only 1 customer: at least 3 are needed to split customers into segments, so all are in one.',
    ],
    [
      2,
      'Only 2 customers: at least 3 are needed to split customers into segments, so all are in one.',
    ],
  ])('%i customer(s): one segment, a warning, finite numbers', async (n, message) => {
    const rows = ['1,P1,1,2011-01-01 10:00,1,a', '2,P1,2,2011-02-01 10:00,5,b'].slice(0, n);
    const { result, summary } = await analyzeAll(lines(HEADER, ...rows), { k: 4 });
    expect(result.k).toBe(1);
    expect(result.warnings.filter((w) => w.code === 'few-customers').map((w) => w.message)).toEqual(
      [message],
    );
    expect(result.segmentation.segments.map((s) => [s.name, s.size])).toEqual([[ALL_CUSTOMERS, n]]);
    expect(summary.customers).toBe(n);
    expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
  });
});

describe('determinism, naming and renaming', () => {
  it('the same file and seed give the same labels, sweep and names; names are unique', async () => {
    const text = variedFile();
    const first = await analyzeText(text, { k: 4 });
    const second = await analyzeText(text, { k: 4, chunkSize: 97 });
    expect(Array.from(second.segmentation.labels)).toEqual(Array.from(first.segmentation.labels));
    expect(second.clustering.sweep.points).toEqual(first.clustering.sweep.points);
    expect(second.segmentation.segments).toEqual(first.segmentation.segments);
    for (const k of first.clustering.sweep.points.map((p) => p.k)) {
      const names = segmentsFor(first.data.groups.table, first.clustering, k).segments.map(
        (s) => s.name,
      );
      expect(new Set(names).size).toBe(k);
    }
  });

  it('segments are numbered from the most valuable; sizes and shares add up', async () => {
    const { segmentation, data } = await analyzeText(variedFile(), { k: 4 });
    const values = segmentation.segments.map(
      (s) => s.scores.recency + s.scores.frequency + s.scores.monetary,
    );
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(segmentation.segments.reduce((s, x) => s + x.size, 0)).toBe(
      data.groups.table.ids.length,
    );
    expect(segmentation.segments.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 12);
    segmentation.segments.forEach((s, c) =>
      expect(Array.from(segmentation.labels).filter((l) => l === c)).toHaveLength(s.size),
    );
  });

  it('renaming a segment flows into the segments and the customer export; the suggestion stays', async () => {
    const { data, clustering, segmentation } = await analyzeText(variedFile(), { k: 3 });
    const renamed = segmentsFor(data.groups.table, clustering, 3, { 1: 'Wholesale, "big" buyers' });
    expect(renamed.segments[1]!.name).toBe('Wholesale, "big" buyers');
    expect(renamed.segments[1]!.suggestedName).toBe(segmentation.segments[1]!.name);
    expect(renamed.segments[0]!.name).toBe(segmentation.segments[0]!.name);
    expect(Array.from(renamed.labels)).toEqual(Array.from(segmentation.labels));
    const csv = customersCsv(data.groups.table, renamed.labels, renamed.segments);
    const inSegment1 = csv
      .split('\r\n')
      .filter((line) => line.endsWith(',1,"Wholesale, ""big"" buyers"'));
    expect(inSegment1).toHaveLength(renamed.segments[1]!.size);
  });

  it('nameSegments: deterministic, unique, follows the profiles, "Segment N" past ten', () => {
    const champion = { recency: 0.9, frequency: 0.95, monetary: 0.95 };
    const lost = { recency: 0.05, frequency: 0.1, monetary: 0.1 };
    const fresh = { recency: 0.9, frequency: 0.15, monetary: 0.2 };
    expect(nameSegments([champion, lost, fresh]).map((n) => n.name)).toEqual([
      'Champions',
      'Lost',
      'New customers',
    ]);
    expect(nameSegments([fresh, champion, lost]).map((n) => n.name)).toEqual([
      'New customers',
      'Champions',
      'Lost',
    ]);
    // Two segments that both look like Champions: the closer one gets it, the other the next best.
    const names = nameSegments([champion, { ...champion, recency: 0.7 }]).map((n) => n.name);
    expect(names[0]).toBe('Champions');
    expect(names[1]).not.toBe('Champions');
    const twelve = Array.from({ length: 12 }, (_, i) => ({
      recency: i / 11,
      frequency: (11 - i) / 11,
      monetary: 0.5,
    }));
    const twelveNames = nameSegments(twelve).map((n) => n.name);
    expect(new Set(twelveNames).size).toBe(12);
    expect(twelveNames.filter((n) => n.startsWith('Segment '))).toHaveLength(
      12 - ARCHETYPES.length,
    );
    expect(nameSegments(twelve)).toEqual(nameSegments(twelve));
  });
});

describe('progress and cancellation', () => {
  it('reports every stage, ending at 1', async () => {
    const seen: StageProgress[] = [];
    await analyze(fixtureSource(variedFile()), {}, (p) => seen.push(p));
    const stages = [...new Set(seen.map((p) => p.stage))];
    expect(stages).toEqual(expect.arrayContaining(['read', 'clean', 'features', 'sweep']));
    expect(seen.every((p) => p.fraction >= 0 && p.fraction <= 1)).toBe(true);
    expect(seen.filter((p) => p.stage === 'read').at(-1)?.fraction).toBe(1);
  });

  it('an aborted signal stops the analysis with the cancelled error', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectAnalysisError(
      analyze(fixtureSource(variedFile()), {}, undefined, controller.signal),
      'cancelled',
    );
  });
});

describe('one customer with 1e9 revenue among ordinary ones', () => {
  /** The varied file plus a customer who bought 1,000,000 items at 1,000 on one day. */
  const withWhale = () => variedFile() + '9999,P1,1000000,2011-06-01 10:00:00,1000,WHALE\n';

  it.each([
    ['rfm, log1p, standard', {}],
    ['rfm, no transform', { transform: 'none' }],
    ['ext, robust', { features: 'ext', scaling: 'robust' }],
  ] as const)(
    '%s: finite everywhere, the whale in the top-spending segment',
    async (_, options) => {
      const { result, summary } = await analyzeAll(withWhale(), { k: 4, ...options });
      const { table } = result.data.groups;
      const whale = table.ids.indexOf('WHALE');
      expect(table.features.Monetary[whale]).toBe(1e9);
      expect(numbersIn(result.clustering.points.values).every(Number.isFinite)).toBe(true);
      expect(numbersIn(summary).every(Number.isFinite)).toBe(true);
      // (null appears only as the retention of empty cohorts, by design.)
      expect(JSON.stringify({ ...summary, cohort: 0 })).not.toMatch(/NaN|Infinity|null/);
      // Segments: unique names, sizes add up, revenue shares add up to 1.
      const { segments, labels } = result.segmentation;
      expect(new Set(segments.map((s) => s.name)).size).toBe(segments.length);
      expect(segments.reduce((n, s) => n + s.size, 0)).toBe(41);
      expect(segments.reduce((n, s) => n + s.revenueShare, 0)).toBeCloseTo(1, 12);
      // The whale's segment has the highest mean spend and at least 99% of the revenue.
      const own = segments[labels[whale]!]!;
      expect(Math.max(...segments.map((s) => s.mean.Monetary))).toBe(own.mean.Monetary);
      expect(own.revenueShare).toBeGreaterThan(0.99);
      // The scaler's centre and scale are finite and the others are not all squashed to one point.
      expect(summary.scaler_scale.every((s: number) => Number.isFinite(s) && s > 0)).toBe(true);
      expect(result.clustering.sweep.points.length).toBeGreaterThan(0);
    },
  );
});
