/** The per-customer summary (SPEC "Lifetime value") on hand examples. */
import { describe, expect, it } from 'vitest';
import { lines as csv, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { defaultCalibrationEnd } from './calibration.ts';
import {
  type ClvLines,
  clvLinesFromGroups,
  DAY_MS,
  dayOf,
  purchaseDaysBetween,
  summariseCustomers,
} from './summary.ts';

const D = dayOf(Date.parse('2011-03-01T00:00:00Z'));
const at = (day: number, hour = 12) => (D + day) * DAY_MS + hour * 3_600_000;

/**
 * Customer 0: day 0 (10 + 5), day 3 at 08:00 and 20:00 (20 + 4: one purchase day), day 10 (30).
 * Customer 1: day 5 only (7). Customer 2: day 15 only (9). Customer 3: no lines.
 */
const example: ClvLines = {
  customer: Int32Array.of(0, 1, 0, 0, 2, 0, 0),
  timestamp: Float64Array.of(at(0), at(5), at(3, 8), at(10), at(15), at(0, 23), at(3, 20)),
  total: Float64Array.of(10, 7, 20, 30, 9, 5, 4),
  customerCount: 4,
};

describe('summariseCustomers', () => {
  it('counts purchase days, not lines, and leaves the first day out of m', () => {
    const s = summariseCustomers(example);
    expect(s.endDay).toBe(D + 15);
    expect(Array.from(s.customer)).toEqual([0, 1, 2]);
    expect(Array.from(s.x)).toEqual([2, 0, 0]);
    expect(Array.from(s.tx)).toEqual([10, 0, 0]);
    expect(Array.from(s.T)).toEqual([15, 10, 0]);
    expect(Array.from(s.m)).toEqual([(24 + 30) / 2, 0, 0]);
    expect(s.repeatCustomers).toBe(1);
    expect(s.purchaseDays).toBe(5); // days 0, 3, 5, 10, 15
  });

  it('ignores lines after the observation end and measures T to it', () => {
    const s = summariseCustomers(example, D + 12);
    expect(Array.from(s.customer)).toEqual([0, 1]);
    expect(Array.from(s.T)).toEqual([12, 7]);
    expect(s.purchaseDays).toBe(4);
    const early = summariseCustomers(example, D + 4);
    expect(Array.from(early.x)).toEqual([1]);
    expect(Array.from(early.m)).toEqual([24]);
    expect(Array.from(early.T)).toEqual([4]);
  });

  it('a purchase at 23:59 and one at 00:01 are two days; the date part decides', () => {
    const s = summariseCustomers({
      customer: Int32Array.of(0, 0),
      timestamp: Float64Array.of(at(0, 23.99), at(1, 0.01)),
      total: Float64Array.of(1, 2),
      customerCount: 1,
    });
    expect(Array.from(s.x)).toEqual([1]);
    expect(Array.from(s.tx)).toEqual([1]);
  });

  it('holdout purchase days are counted after one day and up to another', () => {
    expect(Array.from(purchaseDaysBetween(example, D + 3, D + 15))).toEqual([1, 1, 1, 0]);
    expect(Array.from(purchaseDaysBetween(example, D - 1, D + 10))).toEqual([3, 1, 0, 0]);
  });
});

describe('clvLinesFromGroups', () => {
  it('gives the cleaned lines of a prepared file, by customer in table order', async () => {
    const row = (inv: string, qty: number, date: string, price: number, id: string) =>
      `${inv},P1,x,${qty},${date},${price},${id},UK`;
    const data = await prepareText(
      csv(
        UCI_HEADER,
        row('1', 2, '2011-01-05 10:00:00', 3.5, 'b'),
        row('2', 1, '2011-01-05 16:00:00', 4, 'b'),
        row('C3', 1, '2011-01-09 10:00:00', 4, 'b'),
        row('4', 3, '2011-01-20 10:00:00', 2, 'b'),
        row('5', 1, '2011-01-07 10:00:00', 10, 'a'),
      ),
    );
    const lines = clvLinesFromGroups(data.tx, data.groups);
    expect(data.groups.table.ids).toEqual(['a', 'b']);
    expect(Array.from(lines.customer)).toEqual([0, 1, 1, 1]);
    expect(Array.from(lines.total)).toEqual([10, 7, 4, 6]);
    const s = summariseCustomers(lines);
    expect(s.endDay).toBe(dayOf(Date.parse('2011-01-20T00:00:00Z')));
    expect(Array.from(s.x)).toEqual([0, 1]); // the cancelled invoice is not a purchase
    expect(Array.from(s.tx)).toEqual([0, 15]);
    expect(Array.from(s.T)).toEqual([13, 15]);
    expect(Array.from(s.m)).toEqual([0, 6]);
  });
});

describe('defaultCalibrationEnd: three calendar months before the observation end', () => {
  const day = (iso: string) => dayOf(Date.parse(`${iso}T00:00:00Z`));
  it.each([
    ['2011-12-09', '2011-09-09'],
    ['1998-06-30', '1998-03-30'],
    ['2011-05-31', '2011-02-28'],
    ['2012-05-31', '2012-02-29'],
    ['2011-02-15', '2010-11-15'],
  ])('%s -> %s', (end, expected) => expect(defaultCalibrationEnd(day(end))).toBe(day(expected)));
});
