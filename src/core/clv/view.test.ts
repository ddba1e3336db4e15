/** The screens' view of lifetime value: customer-table order, the P(alive) matrix, dates. */
import { describe, expect, it } from 'vitest';
import { probabilityAlive } from './bgnbd.ts';
import type { LifetimeValueOutcome } from './index.ts';
import { dayOfIso, isoDay } from './json.ts';
import { clvMessages } from './messages.ts';
import { aliveMatrix, PREDICTION_COLUMNS, valueView } from './view.ts';

const params = { r: 0.8, alpha: 70, a: 0.1, b: 4 };

describe('aliveMatrix', () => {
  it('rows x = 1..max (at most 20), columns every ceil(T / 23) days from 0 to T', () => {
    const m = aliveMatrix(params, 100, 7);
    expect(m.frequencies).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(m.daysSinceLast).toEqual(Array.from({ length: 21 }, (_, i) => i * 5));
    expect(m.T).toBe(100);
    // x = 3, last purchase 40 days ago: t_x = 60 of T = 100.
    expect(m.pAlive[2]![8]).toBe(probabilityAlive(params, 3, 60, 100));
    expect(aliveMatrix(params, 100, 50).frequencies).toHaveLength(20);
    expect(aliveMatrix(params, 10, 0).frequencies).toEqual([1]);
  });

  it('P(alive) falls with the days since the last purchase and is in [0, 1]', () => {
    const { pAlive } = aliveMatrix(params, 365, 10);
    for (const row of pAlive)
      row.forEach((p, j) => {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        if (j > 0) expect(p).toBeLessThanOrEqual(row[j - 1]!);
      });
  });
});

describe('valueView', () => {
  it('puts each summarised customer at its table index; the others are NaN', () => {
    const column = (...v: number[]) => Float64Array.from(v);
    const outcome = {
      ok: true,
      value: {
        options: {
          months: 12,
          monthlyDiscount: 0.01,
          observationEndDay: 100,
          calibrationEndDay: null,
        },
        summary: {
          customer: Int32Array.of(0, 2),
          x: column(3, 0),
          tx: column(50, 0),
          T: column(90, 30),
          m: column(10, 0),
          endDay: 100,
          purchaseDays: 5,
          repeatCustomers: 1,
        },
        models: {
          bgnbd: { params, logLikelihood: -1, converged: true, iterations: 1, onBoundary: true },
          gammaGamma: {
            params: { p: 2, q: 3, v: 4 },
            logLikelihood: -2,
            converged: true,
            iterations: 1,
          },
          spendCustomers: 1,
          warnings: [clvMessages.dropoutNotEstimable()],
        },
        predictions: Object.fromEntries(
          PREDICTION_COLUMNS.map((name, j) => [name, column(j, 10 + j)]),
        ),
        calibration: null,
        warnings: [clvMessages.dropoutNotEstimable()],
      },
    } as unknown as LifetimeValueOutcome;
    const view = valueView(outcome, 3);
    if (!view.ok) throw new Error('ok');
    expect(Array.from(view.customers.clv)).toEqual([5, NaN, 15]);
    expect(Array.from(view.customers.pAlive)).toEqual([0, NaN, 10]);
    expect(view.dropoutNotEstimable).toBe(true);
    expect(view.fits).toMatchObject({ customers: 2, repeatCustomers: 1, spendCustomers: 1 });
    expect(view.aliveMatrix.T).toBe(90);
    expect(view.aliveMatrix.frequencies).toEqual([1, 2, 3]);
  });

  it('passes a problem through', () => {
    const problem = clvMessages.singleDay();
    expect(valueView({ ok: false, problem }, 4)).toEqual({ ok: false, problem });
  });
});

describe('dayOfIso and isoDay', () => {
  it('read real YYYY-MM-DD dates only, and write them back', () => {
    expect(dayOfIso('1970-01-02')).toBe(1);
    expect(isoDay(dayOfIso('2011-09-09')!)).toBe('2011-09-09');
    expect(dayOfIso('2012-02-29')).not.toBeNull();
    for (const bad of ['2011-02-29', '2011-13-01', '2011-9-9', '09/09/2011', '', '2011-09-09x'])
      expect(dayOfIso(bad), bad).toBeNull();
  });
});
