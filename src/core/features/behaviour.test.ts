/**
 * Behaviour features (README "Behaviour features") on a hand-checkable file: every expected value
 * is worked out in the comments from the rows below.
 */
import { describe, expect, it } from 'vitest';
import { lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { BEHAVIOUR_NAMES } from '../types.ts';
import { coefficientOfVariation, entropyBits, normalisedSlope } from './behaviour.ts';
import { featureColumn } from './customers.ts';

const row = (inv: string, stock: string, q: number, date: string, price: number, id: string) =>
  `${inv},${stock},x,${q},${date},${price},${id},UK`;

describe('the measures behind the features', () => {
  it('coefficient of variation: population std over the mean, 0 below two values', () => {
    // 1, 3, 1: mean 5/3, variance (4/9 + 16/9 + 4/9) / 3 = 8/9, CV = (2 sqrt 2 / 3) / (5/3).
    expect(coefficientOfVariation([1, 3, 1])).toBeCloseTo((2 * Math.SQRT2) / 5, 14);
    expect(coefficientOfVariation([7, 7, 7])).toBe(0);
    expect(coefficientOfVariation([42])).toBe(0);
    expect(coefficientOfVariation([])).toBe(0);
    // Only the first `count` values are read (the scratch buffers are longer).
    expect(coefficientOfVariation([2, 4, 1000], 2)).toBeCloseTo(1 / 3, 14);
  });

  it('normalised slope: least-squares slope over the mean', () => {
    // 100, 200: slope 100, mean 150.
    expect(normalisedSlope([100, 200])).toBeCloseTo(2 / 3, 14);
    expect(normalisedSlope([5, 5, 5, 5])).toBe(0);
    // A straight decline 30, 20, 10: slope -10, mean 20.
    expect(normalisedSlope([30, 20, 10])).toBeCloseTo(-0.5, 14);
    expect(normalisedSlope([9])).toBe(0);
    expect(normalisedSlope([0, 0])).toBe(0);
  });

  it('entropy in bits of spend shares', () => {
    expect(entropyBits([1, 1], 2, 2)).toBeCloseTo(1, 14);
    expect(entropyBits([1, 1, 1, 1], 4, 4)).toBeCloseTo(2, 14);
    expect(entropyBits([5], 1, 5)).toBe(0);
    expect(entropyBits([2, 3], 2, 5)).toBeCloseTo(
      -(0.4 * Math.log2(0.4) + 0.6 * Math.log2(0.6)),
      14,
    );
    expect(entropyBits([], 0, 0)).toBe(0);
  });
});

describe('behaviour features of a hand example', () => {
  // The data ends on 2011-04-15 (customer B), so every window ends with April 2011.
  const text = lines(
    UCI_HEADER,
    // A: January 100 (P), March 300 (Q), April 100 (P).
    row('1', 'P', 1, '2011-01-10 10:00:00', 100, 'A'),
    row('2', 'Q', 3, '2011-03-05 10:00:00', 100, 'A'),
    row('3', 'P', 2, '2011-04-05 09:00:00', 50, 'A'),
    // B: one purchase, the last of the data.
    row('4', 'P', 2, '2011-04-15 12:00:00', 50, 'B'),
    // C: two products for the same amount on one day, two invoices.
    row('5', 'P', 1, '2011-02-01 08:00:00', 20, 'C'),
    row('6', 'R', 1, '2011-02-01 17:00:00', 20, 'C'),
    // D: November 2010 (fourth quarter) 60, February 2011 (first quarter) 40.
    row('7', 'P', 1, '2010-11-15 10:00:00', 60, 'D'),
    row('8', 'P', 1, '2011-02-15 10:00:00', 40, 'D'),
  );

  const behaviourOf = async (id: string) => {
    const { table } = (await prepareText(text)).groups;
    const c = table.ids.indexOf(id);
    return Object.fromEntries(BEHAVIOUR_NAMES.map((f) => [f, featureColumn(table, f)[c]]));
  };

  it('are computed on first use, once, and survive a structured clone (a saved session)', async () => {
    const { table } = (await prepareText(text)).groups;
    const own = Object.getOwnPropertyDescriptor(table, 'behaviour');
    expect(typeof own?.get).toBe('function');
    const first = table.behaviour;
    expect(table.behaviour).toBe(first);
    expect(structuredClone(table).behaviour).toEqual(first);
  });

  it('a customer with three active months of four', async () => {
    const a = await behaviourOf('A');
    // Active months 100, 300, 100: CV 2 sqrt(2) / 5.
    expect(a.SpendCV).toBeCloseTo((2 * Math.SQRT2) / 5, 12);
    // Window January..April: 100, 0, 300, 100, mean 125. Against t = 0..3 (mean 1.5):
    // covariance sum -1.5(-25) - 0.5(-125) + 0.5(175) + 1.5(-25) = 150, sum of t^2 = 5,
    // slope 30 a month, / 125 = 0.24.
    expect(a.Growth).toBeCloseTo(0.24, 12);
    expect(a.Consistency).toBe(0.75);
    // First quarter 100 + 300, second quarter 100: 400 / 500.
    expect(a.Seasonality).toBeCloseTo(0.8, 14);
    // P 200, Q 300 of 500: shares 0.4 and 0.6.
    expect(a.Diversity).toBeCloseTo(0.970950594454669, 12);
    // Gaps: 10 January -> 5 March = 54 days, 5 March -> 5 April = 31: mean 42.5, std 11.5.
    expect(a.GapCV).toBeCloseTo(11.5 / 42.5, 12);
  });

  it('one purchase: steady, whole, and no gaps to vary', async () => {
    expect(await behaviourOf('B')).toEqual({
      SpendCV: 0,
      Diversity: 0,
      Growth: 0,
      Seasonality: 1,
      Consistency: 1,
      GapCV: 0,
    });
  });

  it('two products for equal spend are one bit; two orders on one day are one purchase day', async () => {
    const c = await behaviourOf('C');
    expect(c.Diversity).toBeCloseTo(1, 14);
    expect(c.GapCV).toBe(0);
    expect(c.SpendCV).toBe(0); // one active month
    // February..April: 40, 0, 0: slope -20, mean 40/3 -> -1.5.
    expect(c.Growth).toBeCloseTo(-1.5, 12);
    expect(c.Consistency).toBeCloseTo(1 / 3, 14);
  });

  it('quarters pool across years; the window crosses the year end', async () => {
    const d = await behaviourOf('D');
    expect(d.Seasonality).toBeCloseTo(0.6, 14);
    // November..April: 6 months, 2 active.
    expect(d.Consistency).toBeCloseTo(2 / 6, 14);
    // 60, 0, 0, 40, 0, 0 (mean 50/3) against t = 0..5 (mean 2.5): covariance sum -130, sum of
    // t^2 = 17.5, slope -130 / 17.5, / (50/3).
    expect(d.Growth).toBeCloseTo(-130 / 17.5 / (100 / 6), 12);
    // 60 and 40: mean 50, std 10.
    expect(d.SpendCV).toBeCloseTo(0.2, 14);
    // 15 November -> 15 February: 92 days, a single gap.
    expect(d.GapCV).toBe(0);
  });

  it('without a product column diversity is 0 for everyone', async () => {
    const noProduct = lines(
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID',
      '1,1,2011-01-10 10:00:00,100,A',
      '2,1,2011-02-10 10:00:00,100,A',
    );
    const { table } = (await prepareText(noProduct)).groups;
    expect(Array.from(table.behaviour!.Diversity)).toEqual([0]);
    expect(Array.from(table.behaviour!.Consistency)).toEqual([1]);
  });
});
