/**
 * The session's lifetime value: computed from the purchase days kept at prepare time, cached per
 * options, kept through a snapshot, and added to the customer export (all customers or some).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clvLinesFromGroups, lifetimeValue } from '../clv/index.ts';
import { DEFAULT_CLUSTER_OPTIONS, type PreparedData } from '../pipeline.ts';
import { fixtureSource, lines } from '../testing/fixtures.ts';
import { AnalysisSession } from './session.ts';

const noReport = () => undefined;

/** 60 customers over a year, most buying on several days. */
function file(): string {
  const rows = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  let invoice = 1;
  for (let c = 0; c < 60; c++)
    for (let o = 0; o < 1 + ((c * 7) % 11); o++) {
      const day = 1 + ((c * 13 + o * 29) % 330);
      const date = new Date(Date.UTC(2011, 0, day, 9 + (o % 8))).toISOString().slice(0, 16);
      rows.push(
        `${invoice++},P${o % 5},${1 + (c % 4)},${date.replace('T', ' ')},${1 + ((c * c) % 41)},C${c}`,
      );
    }
  return lines(...rows);
}

let session: AnalysisSession;
let data: PreparedData;

beforeAll(async () => {
  session = new AnalysisSession();
  data = await session.prepare(fixtureSource(file()), {}, noReport);
  await session.cluster({ ...DEFAULT_CLUSTER_OPTIONS, kMax: 4, restarts: 2 }, noReport);
});

describe('AnalysisSession.lifetimeValue', () => {
  it('equals the engine on the cleaned lines, in customer-table order, and times its stage', () => {
    const view = session.lifetimeValue({ calibrationEndDay: null });
    const engine = lifetimeValue(clvLinesFromGroups(data.tx, data.groups), {
      calibrationEndDay: null,
    });
    if (!view.ok || !engine.ok) throw new Error('fits');
    expect(view.customers.clv).toHaveLength(data.groups.table.ids.length);
    engine.value.summary.customer.forEach((c, i) => {
      expect(view.customers.clv[c]).toBeCloseTo(engine.value.predictions.clv[i]!, 8);
      expect(view.customers.pAlive[c]).toBeCloseTo(engine.value.predictions.pAlive[i]!, 10);
    });
    expect(view.calibration).toBeNull();
    expect(data.timings.clv).toBeGreaterThan(0);
  });

  it('answers for the options asked, from a cache for the same options', () => {
    const progress: number[] = [];
    const twelve = session.lifetimeValue({}, (f) => progress.push(f));
    expect(progress).toEqual([0.05, 0.5, 0.6]);
    expect(session.lifetimeValue({})).toBe(twelve);
    const six = session.lifetimeValue({ months: 6, monthlyDiscount: 0.1 });
    if (!twelve.ok || !six.ok) throw new Error('fits');
    expect(six.options).toMatchObject({ months: 6, monthlyDiscount: 0.1 });
    expect(six.customers.pAlive).toEqual(twelve.customers.pAlive);
    const i = twelve.customers.clv.findIndex((v) => v > 1);
    expect(six.customers.clv[i]).toBeLessThan(twelve.customers.clv[i]!);
    expect(twelve.calibration?.ok).toBe(true); // the default: the last quarter held out
  });

  it('adds the value columns to the export, for every customer or the ones asked', () => {
    const all = session.customersCsv({ k: 3 }, { clv: {} }).split('\r\n');
    expect(all[0]!.split(',').slice(-4)).toEqual([
      'p_alive',
      'expected_purchases_90d',
      'expected_avg_spend',
      'clv_12m',
    ]);
    expect(all.filter(Boolean)).toHaveLength(61);
    const some = session.customersCsv({ k: 3 }, { clv: { months: 3 }, rows: [5, 2] }).split('\r\n');
    expect(some[0]!.endsWith(',clv_3m')).toBe(true);
    expect(some.slice(1, 3).map((l) => l.split(',')[0])).toEqual(['C5', 'C2']);
    expect(some.filter(Boolean)).toHaveLength(3);
    expect(session.customersCsv({ k: 3 }).split('\r\n')[0]!.endsWith(',Segment')).toBe(true);
  });

  it('is kept through a snapshot; an analysis saved without purchase days says what to do', () => {
    const before = session.lifetimeValue({});
    const restored = new AnalysisSession();
    restored.restore(structuredClone(session.snapshot()));
    const after = restored.lifetimeValue({});
    if (!before.ok || !after.ok) throw new Error('fits');
    expect(after.customers.clv).toEqual(before.customers.clv);

    const old = structuredClone(session.snapshot());
    delete old.state.purchaseDays;
    const legacy = new AnalysisSession();
    legacy.restore(old);
    const view = legacy.lifetimeValue({});
    expect(view.ok).toBe(false);
    if (!view.ok) expect(view.problem.code).toBe('no-purchase-days');
  });
});
