/**
 * What the lifetime-value screen tells an owner when a file does not suit it: a code per message
 * (its name in kebab case), plain sentences with no model jargon that end in full, counts written
 * with thousands separators and the right plural, and the threshold the owner is told about.
 */
import { describe, expect, it } from 'vitest';
import { dayOfIso, isoDay, clvOptionsJson } from './json.ts';
import { clvMessages, DROPOUT_NOT_ESTIMABLE, MIN_REPEAT_CUSTOMERS } from './messages.ts';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('clvMessages', () => {
  it('each has its own code, and a whole plain sentence an owner can act on', () => {
    const all = Object.entries(clvMessages).map(([name, make]) => [name, make(3)] as const);
    expect(all).toHaveLength(9);
    for (const [name, { code, message }] of all) {
      expect(code).toBe(kebab(name));
      expect(message.length).toBeGreaterThan(60);
      expect(message).toMatch(/^[A-Z0-9].*\.$/s);
      expect(message).not.toMatch(/BG\/NBD|Gamma|likelihood|parameter|optimi[sz]er|\bq\b/i);
      expect(message).not.toMatch(/ {2}|undefined|NaN/);
    }
  });

  it('counts customers with thousands separators and the right plural', () => {
    expect(clvMessages.noRepeatCustomers(1).message).toMatch(
      /^All 1 customer bought on a single day only, so the file shows no repeat purchases/,
    );
    expect(clvMessages.noRepeatCustomers(1234).message).toMatch(/^All 1,234 customers bought/);
    expect(clvMessages.fewRepeatCustomers(1).message).toMatch(
      new RegExp(
        `^Only 1 customer bought on more than one day; at least ${MIN_REPEAT_CUSTOMERS} are needed`,
      ),
    );
    expect(clvMessages.fewRepeatCustomers(12).message).toMatch(/^Only 12 customers bought/);
    expect(clvMessages.nonpositiveSpend(1).message).toMatch(
      /^1 repeat customer has zero or negative spend/,
    );
    expect(clvMessages.nonpositiveSpend(2).message).toMatch(
      /^2 repeat customers have zero or negative spend/,
    );
  });

  it('the boundary caveat starts with the sentence shown beside every chance of being active', () => {
    expect(clvMessages.dropoutNotEstimable().message.startsWith(`${DROPOUT_NOT_ESTIMABLE}: `)).toBe(
      true,
    );
    expect(clvMessages.singleDay().message).toContain('on the same day');
    expect(clvMessages.calibrationPeriod().message).toContain('Choose a date inside the period');
    expect(clvMessages.noPurchaseDays().message).toContain('Open the file again');
  });
});

describe('lifetime value dates in summary.json', () => {
  it('reads only whole YYYY-MM-DD dates that exist', () => {
    expect(dayOfIso('2011-12-09')).toBe(Date.UTC(2011, 11, 9) / 86_400_000);
    expect(isoDay(dayOfIso('2011-12-09')!)).toBe('2011-12-09');
    for (const bad of ['x2011-12-09', '2011-12-09x', '2011-02-30', '2011-1-09', ''])
      expect(dayOfIso(bad)).toBeNull();
  });

  it('writes the options as asked, null where left to the defaults', () => {
    expect(clvOptionsJson({})).toEqual({
      months: null,
      monthly_discount: null,
      observation_end: null,
      calibration_end: null,
    });
    const day = Date.UTC(2011, 5, 1) / 86_400_000;
    expect(
      clvOptionsJson({
        months: 6,
        monthlyDiscount: 0,
        observationEndDay: day,
        calibrationEndDay: day,
      }),
    ).toEqual({
      months: 6,
      monthly_discount: 0,
      observation_end: '2011-06-01',
      calibration_end: '2011-06-01',
    });
  });
});
