import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrationCsv, migrationMatrix, migrationSummary, moversCsv } from './migration.ts';

const NAMES = ['Champions', 'Loyal', 'At risk'];

/**
 * By hand: a stays a Champion, b drops to Loyal, c from Loyal to At risk, d (Loyal) and e
 * (At risk) are not in the later period (lapsed), f and g are new.
 */
const earlier = {
  customerIds: ['a', 'b', 'c', 'd', 'e'],
  segments: [0, 0, 1, 1, 2],
  revenue: [100, 50, 30, 20, 5],
};
const later = {
  customerIds: ['f', 'a', 'b', 'c', 'g'],
  segments: [0, 0, 1, 2, 2],
  revenue: [40, 10, 0, 0, 7],
};

describe('migrationMatrix', () => {
  const migration = migrationMatrix(earlier, later, NAMES);
  const { matrix } = migration;

  it('counts each flow, with new as the last row and lapsed as the last column', () => {
    expect(matrix.customers).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 1],
      [1, 0, 1, 0],
    ]);
    expect(matrix.earlierSizes).toEqual([2, 2, 1]);
    expect(matrix.laterSizes).toEqual([2, 1, 2]);
  });

  it('gives each flow its later-period revenue (0 when lapsed) and its earlier revenue', () => {
    expect(matrix.revenue).toEqual([
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [40, 0, 7, 0],
    ]);
    expect(matrix.earlierRevenue).toEqual([
      [100, 50, 0, 0],
      [0, 0, 30, 20],
      [0, 0, 0, 5],
      [0, 0, 0, 0],
    ]);
  });

  it('lists the movers to a worse segment or lapsed, most earlier revenue first', () => {
    expect(migration.movers).toEqual([
      { customerId: 'b', from: 0, to: 1, earlierRevenue: 50, laterRevenue: 0 },
      { customerId: 'c', from: 1, to: 2, earlierRevenue: 30, laterRevenue: 0 },
      { customerId: 'd', from: 1, to: 3, earlierRevenue: 20, laterRevenue: 0 },
      { customerId: 'e', from: 2, to: 3, earlierRevenue: 5, laterRevenue: 0 },
    ]);
    expect(moversCsv(migration)).toBe(
      'CustomerID,from,to,earlier_revenue,later_revenue\r\n' +
        'b,Champions,Loyal,50,0\r\nc,Loyal,At risk,30,0\r\nd,Loyal,lapsed,20,0\r\ne,At risk,lapsed,5,0\r\n',
    );
  });

  it('writes migration.csv: one line per non-empty flow, from new, to lapsed', () => {
    expect(migrationCsv(migration)).toBe(
      [
        'from,to,customers,revenue',
        'Champions,Champions,1,10',
        'Champions,Loyal,1,0',
        'Loyal,At risk,1,0',
        'Loyal,lapsed,1,0',
        'At risk,lapsed,1,0',
        'new,Champions,1,40',
        'new,At risk,1,7',
      ].join('\r\n') + '\r\n',
    );
  });

  it('says in plain words what changed', () => {
    expect(migrationSummary(migration)).toEqual([
      '1 Champions customer is now Loyal, worth 50 last period.',
      '1 Loyal customer is now At risk, worth 30 last period.',
      '2 customers of the earlier period are not in the later one (lapsed), worth 25 last period.',
      '2 new customers, worth 47 this period.',
    ]);
  });

  it("words the issue's example: the biggest move first, thousands separated", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    // 41 Loyal -> At risk at 300 each; 9 Champions -> Loyal at 1,000 each (fewer customers).
    const from = ids.map((_, i) => (i < 41 ? 1 : 0));
    const to = ids.map((_, i) => (i < 41 ? 2 : 1));
    const summary = migrationSummary(
      migrationMatrix(
        { customerIds: ids, segments: from, revenue: ids.map((_, i) => (i < 41 ? 300 : 1000)) },
        { customerIds: ids, segments: to, revenue: ids.map(() => 0) },
        NAMES,
      ),
    );
    expect(summary).toEqual([
      '41 Loyal customers are now At risk, worth 12,300 last period.',
      '9 Champions customers are now Loyal, worth 9,000 last period.',
    ]);
    // A name that already says "customers" is not doubled; money is rounded to whole units.
    expect(
      migrationSummary(
        migrationMatrix(
          { customerIds: ['a', 'b', 'c'], segments: [0, 0, 0], revenue: [0.25, 1000.3, 0.2] },
          { customerIds: ['a', 'b', 'c'], segments: [1, 1, 1], revenue: [0, 0, 0] },
          ['Loyal customers', 'Big Customer', 'x'],
        ),
      ),
    ).toEqual(['3 Loyal customers are now Big Customer, worth 1,001 last period.']);
    expect(
      migrationSummary(
        migrationMatrix(
          { customerIds: ['a'], segments: [1], revenue: [5] },
          { customerIds: ['a'], segments: [0], revenue: [5] },
          NAMES,
        ),
      ),
    ).toEqual(['No customer moved to a worse segment.']);
  });

  it('writes revenue to the cent in the CSVs, whatever float noise the sums carry', () => {
    const noisy = migrationMatrix(
      { customerIds: ['a', 'b'], segments: [0, 0], revenue: [0.1, 0.2] },
      { customerIds: ['a', 'b'], segments: [1, 1], revenue: [0.1, 0.2] },
      ['Loyal', 'At risk'],
    );
    expect(noisy.matrix.revenue[0]![1]).toBe(0.1 + 0.2);
    expect(migrationCsv(noisy)).toBe('from,to,customers,revenue\r\nLoyal,At risk,2,0.3\r\n');
    expect(moversCsv(noisy)).toContain('b,Loyal,At risk,0.2,0.2\r\n');
  });

  it('refuses a segment outside the model and a customer listed twice', () => {
    expect(() =>
      migrationMatrix({ customerIds: ['a'], segments: [3], revenue: [1] }, later, NAMES),
    ).toThrow(RangeError);
    expect(() =>
      migrationMatrix({ customerIds: ['a', 'a'], segments: [0, 1], revenue: [1, 1] }, later, NAMES),
    ).toThrow(/twice/);
  });

  it('sums rows to the earlier sizes and columns to the later sizes, revenue to the later total', () => {
    const period = fc
      .uniqueArray(
        fc.record({ id: fc.integer({ min: 0, max: 30 }), s: fc.nat(3), r: fc.nat(500) }),
        {
          selector: (c) => c.id,
          maxLength: 25,
        },
      )
      .map((cs) => ({
        customerIds: cs.map((c) => `id${c.id}`),
        segments: cs.map((c) => c.s),
        revenue: cs.map((c) => c.r),
      }));
    fc.assert(
      fc.property(period, period, (before, after) => {
        const { matrix } = migrationMatrix(before, after, ['A', 'B', 'C', 'D']);
        const k = 4;
        const size = (p: typeof before, s: number) => p.segments.filter((x) => x === s).length;
        for (let s = 0; s < k; s++) {
          expect(matrix.customers[s]!.reduce((a, b) => a + b, 0)).toBe(size(before, s));
          expect(matrix.customers.reduce((a, row) => a + row[s]!, 0)).toBe(size(after, s));
        }
        const kept = new Set(before.customerIds);
        const newcomers = after.customerIds.filter((id) => !kept.has(id)).length;
        const gone = new Set(after.customerIds);
        const lapsed = before.customerIds.filter((id) => !gone.has(id)).length;
        expect(matrix.customers[k]!.reduce((a, b) => a + b, 0)).toBe(newcomers);
        expect(matrix.customers.reduce((a, row) => a + row[k]!, 0)).toBe(lapsed);
        expect(matrix.customers[k]![k]).toBe(0);
        const total = matrix.revenue.flat().reduce((a, b) => a + b, 0);
        expect(total).toBe(after.revenue.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
