/**
 * The session's one-entry cache (Latest), the lifetime-value export columns and the comparison's
 * model meta (inputs.ts): what each keeps, when it computes again, what it disposes of.
 */
import { describe, expect, it } from 'vitest';
import { clvMessages } from '../clv/messages.ts';
import type { ValueView } from '../clv/view.ts';
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { clvColumns } from './exports.ts';
import { COMPARISON_META, Latest } from './inputs.ts';
import { analysisKey } from './key.ts';

describe('Latest', () => {
  it('computes once per key, again when the key changes, and disposes of the replaced value', () => {
    const disposed: string[] = [];
    let computed = 0;
    const cache = new Latest<string>((v) => disposed.push(v));
    const value = (key: string) =>
      cache.get(key, () => {
        computed++;
        return `value of ${key}`;
      });
    expect(cache.peek('a')).toBeUndefined();
    expect(value('a')).toBe('value of a');
    expect(value('a')).toBe('value of a');
    expect(computed).toBe(1);
    expect(disposed).toEqual([]);
    expect(cache.peek('a')).toBe('value of a');
    expect(cache.peek('b')).toBeUndefined();
    expect(value('b')).toBe('value of b');
    expect(computed).toBe(2);
    expect(disposed).toEqual(['value of a']);
    expect(cache.peek('a')).toBeUndefined();
    cache.clear();
    expect(disposed).toEqual(['value of a', 'value of b']);
    expect(cache.peek('b')).toBeUndefined();
    // Cleared: nothing left to dispose of, and the next question computes again.
    cache.clear();
    expect(disposed).toHaveLength(2);
    expect(value('b')).toBe('value of b');
    expect(computed).toBe(3);
  });

  it('without a dispose function, replacing and clearing just forget', () => {
    const cache = new Latest<number>();
    expect(cache.get('x', () => 1)).toBe(1);
    expect(cache.get('y', () => 2)).toBe(2);
    cache.clear();
    expect(cache.peek('y')).toBeUndefined();
  });

  it('a compute that throws keeps the previous value (nothing disposed)', () => {
    const disposed: number[] = [];
    const cache = new Latest<number>((v) => disposed.push(v));
    cache.get('x', () => 1);
    expect(() =>
      cache.get('y', () => {
        throw new Error('failed');
      }),
    ).toThrow('failed');
    expect(disposed).toEqual([]);
    expect(cache.peek('x')).toBe(1);
  });
});

describe('clvColumns', () => {
  it('names the value columns, CLV by its horizon, rounded 4 / 3 / 2 / 2 places', () => {
    const customers = {
      pAlive: Float64Array.of(0.5),
      expectedPurchases90: Float64Array.of(1.25),
      expectedSpend: Float64Array.of(20),
      clv: Float64Array.of(33),
    };
    const view = { ok: true, customers, options: { months: 6 } } as unknown as Extract<
      ValueView,
      { ok: true }
    >;
    expect(clvColumns(view)).toEqual([
      { name: 'p_alive', values: customers.pAlive, places: 4 },
      { name: 'expected_purchases_90d', values: customers.expectedPurchases90, places: 3 },
      { name: 'expected_avg_spend', values: customers.expectedSpend, places: 2 },
      { name: 'clv_6m', values: customers.clv, places: 2 },
    ]);
    // No columns when the value could not be estimated, or was not asked for.
    expect(clvColumns({ ok: false, problem: clvMessages.noPurchaseDays() })).toEqual([]);
    expect(clvColumns(null)).toEqual([]);
  });

  it('the comparison model meta is fixed and recognisable', () => {
    expect(COMPARISON_META).toEqual({
      createdAt: new Date(0),
      appVersion: 'comparison',
      nonProductCodes: [],
    });
  });
});

describe('analysisKey', () => {
  it('the options, k and the extra input, each as JSON', () => {
    const options = DEFAULT_CLUSTER_OPTIONS;
    expect(analysisKey(options, 3)).toBe(`${JSON.stringify(options)}|3|null`);
    expect(analysisKey(options, 2, { eps: 0.5 })).toBe(`${JSON.stringify(options)}|2|{"eps":0.5}`);
  });
});
