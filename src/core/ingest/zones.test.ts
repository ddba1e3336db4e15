/**
 * Issue 10: exports stamp times with a zone (Shopify `2011-06-01 12:05:00 +0100`, others `Z`,
 * `-05:00`, ` UTC`) or keep the time of day in a column of its own (Square `Time`). Both read as
 * the naive wall-clock time written (SPEC "Dates"): the zone is dropped, never applied.
 */
import { describe, expect, it } from 'vitest';
import { detectDateFormat } from './date-detection.ts';
import { parseDate, parseTimeOfDay } from './dates.ts';

const NOON_05 = Date.UTC(2011, 5, 1, 12, 5);

describe('a zone after an ISO time', () => {
  it('is dropped in every form exports write', () => {
    for (const v of [
      '2011-06-01 12:05:00 +0100',
      '2011-06-01 12:05:00 +0000',
      '2011-06-01 12:05:00 -05:00',
      '2011-06-01T12:05:00-05:00',
      '2011-06-01 12:05:00Z',
      '2011-06-01 12:05:00 UTC',
      '2011-06-01 12:05 utc',
      '2011-06-01 12:05:00 GMT',
      '2011-06-01 12:05:00 GMT+01:00',
      '2011-06-01 12:05:00 UTC-0500',
    ])
      expect(parseDate(v, 'iso'), v).toBe(NOON_05);
  });

  it('is not any trailing text', () => {
    for (const v of [
      '2011-06-01 12:05:00 CET',
      '2011-06-01 12:05:00 UTCX',
      '2011-06-01 12:05:00 +1',
      '2011-06-01 12:05:00 UTC+',
      '2011-06-01 12:05:00 soon',
    ])
      expect(parseDate(v, 'iso'), v).toBeNaN();
  });

  it('leaves a Shopify column detected as ISO', () => {
    expect(
      detectDateFormat(['2011-06-01 12:05:00 +0100', '2011-12-09 08:00:00 +0000'])?.format,
    ).toBe('iso');
  });
});

describe('parseTimeOfDay', () => {
  it('reads a time column: 24-hour, AM/PM, seconds optional, a zone dropped', () => {
    expect(parseTimeOfDay('14:05:33')).toBe(((14 * 60 + 5) * 60 + 33) * 1000);
    expect(parseTimeOfDay('2:05 PM')).toBe((14 * 60 + 5) * 60_000);
    expect(parseTimeOfDay('12:00 AM')).toBe(0);
    expect(parseTimeOfDay('09:30')).toBe(570 * 60_000);
    expect(parseTimeOfDay('14:05:33 +01:00')).toBe(((14 * 60 + 5) * 60 + 33) * 1000);
  });

  it('is NaN for what is not a time of day', () => {
    for (const v of ['', 'noon', '25:00', '14:60', '14', '2011-06-01', '13:00 PM'])
      expect(parseTimeOfDay(v), v).toBeNaN();
  });
});
