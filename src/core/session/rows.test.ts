/**
 * Letting the file's rows go once its customers are grouped (the CLI when it does not compare
 * periods): the answers stay the same, comparing periods says why it cannot, the behaviour
 * features are there when the clustering or the scored model uses them, and nothing in the result
 * or the session holds an array with an entry per line.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { AnalysisError } from '../errors.ts';
import type { CustomerTable } from '../features/customers.ts';
import { fixtureSource, lines } from '../testing/fixtures.ts';
import { analyze } from './analyze.ts';
import { AnalysisSession } from './session.ts';
import { BEHAVIOUR_NAMES } from '../types.ts';

const noReport = () => undefined;

/** 40 customers buying one to nine times over fourteen months, two lines an order. */
function file(): string {
  const rows = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 100;
  for (let c = 0; c < 40; c++) {
    for (let o = 0; o < 1 + ((c * 5) % 9); o++) {
      const day = 1 + ((c * 17 + o * 47) % 420);
      const date = new Date(Date.UTC(2010, 11, day, 8 + (o % 9))).toISOString();
      const at = `${date.slice(0, 10)} ${date.slice(11, 16)}`;
      for (let line = 0; line < 2; line++)
        rows.push(
          `${invoice},P${(c + o + line) % 7},${1 + ((c + line) % 5)},${at},${1 + ((c * 3 + o) % 23)},C${c},${c % 3 ? 'France' : 'Spain'}`,
        );
      invoice++;
    }
  }
  return lines(...rows);
}

/**
 * Every typed array reachable from `value` with more entries than `limit`, by its path. With the
 * file's number of orders as the limit: arrays with an entry per line (two lines an order).
 */
function longArrays(value: unknown, limit: number, path = '', seen = new Set<object>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (ArrayBuffer.isView(value))
    return (value as unknown as ArrayLike<number>).length > limit ? [path] : [];
  return Object.entries(value).flatMap(([key, v]) => longArrays(v, limit, `${path}.${key}`, seen));
}

const lineCount = file().trim().split('\n').length - 1;
const orders = lineCount / 2;

describe('a session that lets the rows go', () => {
  it('answers as one that keeps them, but cannot compare periods', async () => {
    const keeping = new AnalysisSession();
    const dropping = new AnalysisSession({ dropRows: { behaviour: false } });
    for (const session of [keeping, dropping]) {
      await session.prepare(fixtureSource(file()), {}, noReport);
      await session.cluster({ ...DEFAULT_CLUSTER_OPTIONS, kMax: 5 }, noReport);
    }
    expect(dropping.customers.table.features).toEqual(keeping.customers.table.features);
    expect(dropping.customers.country).toEqual(keeping.customers.country);
    expect(dropping.segments({ k: 3 }).labels).toEqual(keeping.segments({ k: 3 }).labels);
    expect(dropping.customersCsv({ k: 3 })).toBe(keeping.customersCsv({ k: 3 }));
    await expect(
      keeping.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport),
    ).resolves.toBeDefined();
    const refused = dropping.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport);
    await expect(refused).rejects.toBeInstanceOf(AnalysisError);
    await expect(refused).rejects.toMatchObject({ code: 'compare-needs-file' });
  });

  it('computes the behaviour features before the rows go when asked, and leaves them out else', async () => {
    const keeping = new AnalysisSession();
    await keeping.prepare(fixtureSource(file()), {}, noReport);
    const withBehaviour = new AnalysisSession({ dropRows: { behaviour: true } });
    await withBehaviour.prepare(fixtureSource(file()), {}, noReport);
    const without = new AnalysisSession({ dropRows: { behaviour: false } });
    await without.prepare(fixtureSource(file()), {}, noReport);

    const expected = keeping.customers.table.behaviour;
    expect(Object.keys(expected ?? {})).toEqual([...BEHAVIOUR_NAMES]);
    expect(
      Object.getOwnPropertyDescriptor(withBehaviour.customers.table, 'behaviour')?.value,
    ).toEqual(expected);
    expect('behaviour' in without.customers.table).toBe(false);
    // Neither holds the rows, not even through a behaviour getter.
    for (const session of [withBehaviour, without]) {
      const table: CustomerTable = session.customers.table;
      expect(Object.getOwnPropertyDescriptor(table, 'behaviour')?.get).toBeUndefined();
      expect(longArrays(session.customers, orders)).toEqual([]);
    }
    expect(longArrays(keeping.customers, orders)).toEqual([]);
  });
});

describe('analyze and the rows', () => {
  it('lets them go by default, and says so once before the sweep', async () => {
    const calls: string[] = [];
    const result = await analyze(
      fixtureSource(file()),
      { kMax: 5, rowsLetGo: () => calls.push('let go'), whileSweeping: () => calls.push('sweep') },
      (p) => {
        if (p.stage === 'sweep' && calls.at(-1) !== 'progress') calls.push('progress');
      },
    );
    expect(calls[0]).toBe('let go');
    expect(calls).toContain('sweep');
    expect(calls.filter((c) => c === 'let go')).toHaveLength(1);
    expect(result.data.groups.table).toBe(result.session.customers.table);
    expect(result.data.cleaned.report.rows_in).toBe(lineCount);
    expect(result.data.raw.encoding).toBe('utf-8');
    // What summary.json says of the file's dates and money stays.
    expect(result.data.tx).toEqual({ dateFormat: 'iso', money: 'quantityTimesPrice' });
    expect('columns' in result.data.raw).toBe(false);
    expect(longArrays(result.data, orders)).toEqual([]);
    await expect(
      result.session.comparePeriods({ k: result.k }, { until: '2011-06-30' }, noReport),
    ).rejects.toMatchObject({ code: 'compare-needs-file' });
  });

  it('keeps them when asked, for comparing periods, and then does not say they went', async () => {
    let letGo = 0;
    const result = await analyze(fixtureSource(file()), {
      kMax: 5,
      keepRows: true,
      rowsLetGo: () => letGo++,
    });
    expect(letGo).toBe(0);
    const comparison = await result.session.comparePeriods(
      { k: result.k },
      { until: '2011-06-30' },
      noReport,
    );
    expect(comparison.until).toBe('2011-06-30');
    expect(comparison.earlier.customers).toBeGreaterThan(0);
    // The result itself holds no rows either way.
    expect(longArrays(result.data, orders)).toEqual([]);
  });

  it('clusters and scores on behaviour features with the rows gone', async () => {
    const kept = await analyze(fixtureSource(file()), { kMax: 4, features: 'beh', keepRows: true });
    const dropped = await analyze(fixtureSource(file()), { kMax: 4, features: 'beh' });
    expect(dropped.segmentation.labels).toEqual(kept.segmentation.labels);
    expect(dropped.clustering.sweep.points).toEqual(kept.clustering.sweep.points);

    const meta = { createdAt: new Date(0), appVersion: 'test', nonProductCodes: [] };
    const { model } = kept.session.saveModel({ k: kept.k }, meta);
    expect(model.features).toEqual([...BEHAVIOUR_NAMES]);
    const scored = await analyze(fixtureSource(file()), { model });
    expect(scored.segmentation.labels).toEqual(kept.segmentation.labels);
  });
});
