import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DateFormat } from '../types';
import { formatDateExample } from './date-example.ts';
import { detectAndReadDates, detectDateFormat } from './date-detection.ts';
import { parseDate } from './dates';

// Epoch values below were computed independently (Python datetime, naive minus 1970-01-01).
const UCI_FIRST = 1291191960000; // 2010-12-01 08:26:00
const UCI_LAST = 1323435000000; // 2011-12-09 12:50:00

function at(value: string, format: DateFormat): string {
  return formatDateExample(parseDate(value, format));
}

describe('parseDate iso', () => {
  it('reads the forms a file uses', () => {
    expect(parseDate('2011-12-09 12:50:00', 'iso')).toBe(UCI_LAST);
    expect(parseDate('2011-12-09T12:50', 'iso')).toBe(UCI_LAST);
    expect(parseDate('2011-12-09 12:50', 'iso')).toBe(UCI_LAST);
    expect(parseDate('2011/12/09 12:50', 'iso')).toBe(UCI_LAST);
    expect(parseDate('2011-12-09', 'iso')).toBe(Date.UTC(2011, 11, 9));
    expect(parseDate('2011-1-5', 'iso')).toBe(Date.UTC(2011, 0, 5));
    expect(parseDate('2011-12-09 12:50:00.250', 'iso')).toBe(UCI_LAST + 250);
    expect(parseDate('2011-12-09 12:50:00.2509', 'iso')).toBe(UCI_LAST + 250);
  });

  it('drops (does not apply) a Z or an offset: timestamps are naive wall clock', () => {
    for (const v of [
      '2011-12-09T12:50:00Z',
      '2011-12-09T12:50:00.000Z',
      '2011-12-09T12:50:00+01:00',
      '2011-12-09T12:50:00-0500',
      '2011-12-09 12:50:00 +02',
    ]) {
      expect(parseDate(v, 'iso'), v).toBe(UCI_LAST);
    }
  });

  it('rejects what is not an iso date', () => {
    for (const v of [
      '',
      '2011-12',
      '2011-12-09 ',
      '2011-12/09',
      '2011-13-01',
      '2011-00-10',
      '2011-12-00',
      '2011-04-31',
      '2011-02-29',
      '2011-12-09 24:00',
      '2011-12-09 12:60',
      '2011-12-09 12:50:60',
      '2011-12-09 12',
      '2011-12-09 12:5',
      '2011-12-09x12:50',
      '2011-12-09 12:50:00 junk',
      '0099-12-09',
      '12/1/10 8:26',
      '20101201',
      '40513',
    ]) {
      expect(parseDate(v, 'iso'), v).toBeNaN();
    }
  });

  it('knows leap years', () => {
    expect(at('2012-02-29', 'iso')).toBe('2012-02-29 00:00:00');
    expect(at('2000-02-29', 'iso')).toBe('2000-02-29 00:00:00');
    expect(parseDate('1900-02-29', 'iso')).toBeNaN();
    expect(parseDate('2011-02-29', 'iso')).toBeNaN();
  });
});

describe('parseDate mdy', () => {
  it('reads the classic UCI file form (M/D/YY H:MM, two-digit year)', () => {
    expect(parseDate('12/1/10 8:26', 'mdy')).toBe(UCI_FIRST);
    expect(parseDate('12/9/11 12:50', 'mdy')).toBe(UCI_LAST);
  });

  it('reads padded, four-digit-year, AM/PM and other separators', () => {
    expect(parseDate('12/01/2010 08:26:00', 'mdy')).toBe(UCI_FIRST);
    expect(parseDate('12/1/2010 8:26 AM', 'mdy')).toBe(UCI_FIRST);
    expect(parseDate('12/1/2010 08:26am', 'mdy')).toBe(UCI_FIRST);
    expect(at('12/1/2010 8:26 PM', 'mdy')).toBe('2010-12-01 20:26:00');
    expect(at('12/1/2010 12:05 AM', 'mdy')).toBe('2010-12-01 00:05:00');
    expect(at('12/1/2010 12:05 PM', 'mdy')).toBe('2010-12-01 12:05:00');
    expect(parseDate('12-1-2010 8:26', 'mdy')).toBe(UCI_FIRST);
    expect(parseDate('12.1.2010 8:26', 'mdy')).toBe(UCI_FIRST);
    expect(parseDate('12/1/2010', 'mdy')).toBe(Date.UTC(2010, 11, 1));
  });

  it('expands two-digit years as strptime %y: 00-68 -> 20xx, 69-99 -> 19xx', () => {
    expect(at('1/1/00', 'mdy')).toBe('2000-01-01 00:00:00');
    expect(at('12/31/68', 'mdy')).toBe('2068-12-31 00:00:00');
    expect(at('1/1/69', 'mdy')).toBe('1969-01-01 00:00:00');
    expect(at('12/31/99 23:59:59', 'mdy')).toBe('1999-12-31 23:59:59');
  });

  it('rejects invalid dates, times and shapes', () => {
    for (const v of [
      '13/1/10 8:26',
      '2/29/11',
      '4/31/2011',
      '0/1/10',
      '12/0/10',
      '12/1/201',
      '12/1/10 13:00 PM',
      '12/1/10 0:30 AM',
      '12/1/10 24:00',
      '12/1/10 8:6',
      '12/1/10 8:26 XM',
      '12/1-10',
      '12/1/10T8:26',
      '12/1/10 8:26Z',
      '121/1/10',
      '2010-12-01',
    ]) {
      expect(parseDate(v, 'mdy'), v).toBeNaN();
    }
  });
});

describe('parseDate dmy', () => {
  it('reads day-first forms', () => {
    expect(parseDate('01/12/2010 08:26', 'dmy')).toBe(UCI_FIRST);
    expect(parseDate('1.12.2010 8:26', 'dmy')).toBe(UCI_FIRST);
    expect(parseDate('01-12-2010 08:26:00', 'dmy')).toBe(UCI_FIRST);
    expect(parseDate('1/12/10 8:26', 'dmy')).toBe(UCI_FIRST);
    expect(parseDate('1.12.2010', 'dmy')).toBe(Date.UTC(2010, 11, 1));
    expect(at('31/12/2010 11:59 PM', 'dmy')).toBe('2010-12-31 23:59:00');
  });

  it('never rolls an invalid calendar date over', () => {
    expect(parseDate('31/04/2011', 'dmy')).toBeNaN();
    expect(parseDate('29/02/2011', 'dmy')).toBeNaN();
    expect(at('29/02/2012', 'dmy')).toBe('2012-02-29 00:00:00');
    expect(parseDate('01/13/2010', 'dmy')).toBeNaN();
  });
});

describe('parseDate ymd-compact', () => {
  it('reads YYYYMMDD with an optional time', () => {
    expect(parseDate('20101201', 'ymd-compact')).toBe(Date.UTC(2010, 11, 1));
    expect(parseDate('20101201 0826', 'ymd-compact')).toBe(UCI_FIRST);
    expect(parseDate('20101201 08:26', 'ymd-compact')).toBe(UCI_FIRST);
    expect(parseDate('20101201 082600', 'ymd-compact')).toBe(UCI_FIRST);
    expect(parseDate('20101201T0826', 'ymd-compact')).toBe(UCI_FIRST);
  });

  it('rejects other shapes', () => {
    for (const v of [
      '2010121',
      '201012011',
      '20101301',
      '20110229',
      '20101201 826',
      '20101201 2460',
      '2010-12-01',
    ]) {
      expect(parseDate(v, 'ymd-compact'), v).toBeNaN();
    }
  });
});

describe('parseDate excel-serial', () => {
  it('reads days since 1899-12-30, rounded to the second', () => {
    expect(parseDate('40513', 'excel-serial')).toBe(Date.UTC(2010, 11, 1));
    // 40513.3513889 is 08:26:00.00096: the rounding removes the float noise.
    expect(parseDate('40513.3513889', 'excel-serial')).toBe(UCI_FIRST);
    expect(parseDate('25569', 'excel-serial')).toBe(0);
    expect(at('20000', 'excel-serial')).toBe('1954-10-03 00:00:00');
    expect(at('80000', 'excel-serial')).toBe('2119-01-11 00:00:00');
  });

  it('rejects what is not a plausible plain serial', () => {
    for (const v of [
      '19999',
      '80001',
      '20101201',
      '4.05e4',
      '-40513',
      '40513.1.2',
      '.5',
      ' 40513',
      '0x9E41',
    ]) {
      expect(parseDate(v, 'excel-serial'), v).toBeNaN();
    }
  });
});

describe('no time zone anywhere', () => {
  // Wall-clock times that do not exist or exist twice in Europe (2011-03-27, 2011-10-30) and the
  // US (2011-03-13) are plain UTC here, whatever TZ the process runs in.
  it.each([
    ['2011-03-26 23:30:00', 1301182200000],
    ['2011-03-27 00:59:59', 1301187599000],
    ['2011-03-27 01:00:00', 1301187600000],
    ['2011-03-27 02:30:00', 1301193000000],
    ['2011-03-27 03:00:00', 1301194800000],
    ['2011-10-30 00:30:00', 1319934600000],
    ['2011-10-30 01:30:00', 1319938200000],
    ['2011-10-30 02:30:00', 1319941800000],
    ['2011-10-30 03:00:00', 1319943600000],
    ['2011-03-12 23:00:00', 1299970800000],
    ['2011-03-13 01:59:00', 1299981540000],
    ['2011-03-13 02:30:00', 1299983400000],
    ['2011-03-13 03:00:00', 1299985200000],
  ])('%s', (iso, expected) => {
    expect(parseDate(iso, 'iso')).toBe(expected);
    const [date, time] = iso.split(' ') as [string, string];
    const [y, m, d] = date.split('-') as [string, string, string];
    expect(parseDate(`${Number(m)}/${Number(d)}/${y.slice(2)} ${time}`, 'mdy')).toBe(expected);
    expect(parseDate(`${d}.${m}.${y} ${time}`, 'dmy')).toBe(expected);
    expect(parseDate(`${y}${m}${d} ${time.replaceAll(':', '')}`, 'ymd-compact')).toBe(expected);
    expect(formatDateExample(expected)).toBe(iso);
  });

  it('one hour apart across the switch is one hour of epoch time', () => {
    const a = parseDate('3/27/11 1:30', 'mdy');
    const b = parseDate('3/27/11 2:30', 'mdy');
    expect(b - a).toBe(3_600_000);
  });
});

describe('formatDateExample', () => {
  it('formats UTC and gives an empty string for NaN', () => {
    expect(formatDateExample(UCI_FIRST)).toBe('2010-12-01 08:26:00');
    expect(formatDateExample(0)).toBe('1970-01-01 00:00:00');
    expect(formatDateExample(NaN)).toBe('');
  });
});

describe('detectDateFormat', () => {
  it('reads the ISO copy of the UCI file', () => {
    const values = ['2010-12-01 08:26:00', '2010-12-01 08:28:00', '2011-12-09 12:50:00'];
    expect(detectDateFormat(values)).toEqual({
      format: 'iso',
      ambiguous: false,
      candidates: ['iso'],
    });
  });

  it('reads the classic UCI file (month-first, two-digit year)', () => {
    const values = [
      '12/1/10 8:26',
      '12/1/10 8:28',
      '12/13/10 9:00',
      '1/4/11 10:00',
      '12/9/11 12:50',
    ];
    expect(detectDateFormat(values)).toEqual({
      format: 'mdy',
      ambiguous: false,
      candidates: ['mdy'],
    });
  });

  it('is month-first but ambiguous when both readings fit every value', () => {
    const values = ['12/1/10 8:26', '1/12/11 9:00', '3/4/11 10:00', '', '12/12/11 12:00'];
    expect(detectDateFormat(values)).toEqual({
      format: 'mdy',
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
    });
  });

  it('is day-first when a first field exceeds 12', () => {
    const values = ['01/12/2010 08:26', '13/12/2010 09:00', '05/01/2011 10:00'];
    expect(detectDateFormat(values)).toEqual({
      format: 'dmy',
      ambiguous: false,
      candidates: ['dmy'],
    });
  });

  it('is day-first when one value in many has a first field above 12, even within tolerance', () => {
    const values: string[] = [];
    for (let i = 0; i < 300; i++) values.push(`${(i % 12) + 1}/${(i % 11) + 1}/2011 ${i % 24}:00`);
    values.push('13/1/2011 8:00');
    const detected = detectDateFormat(values);
    expect(detected?.format).toBe('dmy');
    expect(detected?.ambiguous).toBe(false);
    expect(detected?.candidates).toEqual(['mdy', 'dmy']); // the user may still switch
  });

  it('reads compact dates and does not take 8-digit numbers for Excel serials', () => {
    expect(detectDateFormat(['20101201', '20101202', '20111209'])).toEqual({
      format: 'ymd-compact',
      ambiguous: false,
      candidates: ['ymd-compact'],
    });
    expect(detectDateFormat(['20101201 0826', '20101201 0828'])?.format).toBe('ymd-compact');
  });

  it('reads Excel serials', () => {
    expect(detectDateFormat(['40513.3513889', '40513.35278', '40886'])).toEqual({
      format: 'excel-serial',
      ambiguous: false,
      candidates: ['excel-serial'],
    });
  });

  it('tolerates up to 1% unreadable values (they become bad dates)', () => {
    const values: string[] = [];
    for (let i = 0; i < 200; i++)
      values.push(
        `2011-01-01 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')}`,
      );
    values.push('not a date', '2011-02-30');
    expect(detectDateFormat(values)?.format).toBe('iso');
    values.push('garbage');
    expect(detectDateFormat(values)).toBeNull();
  });

  it('prefers the format that reads everything over one within tolerance', () => {
    // 199 mdy values, 1 ISO value: mdy fails 1 (within 1% of 200), iso fails 199.
    const values: string[] = [];
    for (let i = 0; i < 199; i++)
      values.push(`${(i % 12) + 1}/15/2011 ${i % 24}:${String(i % 60).padStart(2, '0')}`);
    values.push('2011-01-15 08:00');
    expect(detectDateFormat(values)).toEqual({
      format: 'mdy',
      ambiguous: false,
      candidates: ['mdy'],
    });
  });

  it('does not choose a format failing on more than 1% in a mix', () => {
    const values: string[] = [];
    for (let i = 0; i < 100; i++)
      values.push(`2011-01-${String((i % 28) + 1).padStart(2, '0')} 08:00`);
    for (let i = 0; i < 100; i++) values.push(`1/${(i % 28) + 1}/11 8:00`);
    expect(detectDateFormat(values)).toBeNull();
  });

  it('returns null for nothing to read', () => {
    expect(detectDateFormat([])).toBeNull();
    expect(detectDateFormat(['', ''])).toBeNull();
    expect(detectDateFormat(['abc', 'def'])).toBeNull();
  });
});

describe('detectAndReadDates', () => {
  /** 150 ISO dates, one empty and one unreadable value among them (within 1%). */
  const iso = [
    '',
    ...Array.from(
      { length: 150 },
      (_, i) => `2011-${pad(1 + (i % 12))}-${pad(1 + (i % 28))} 08:0${i % 10}`,
    ),
    '2011-02-30 10:00',
  ];

  it('detects as detectDateFormat does, empty values or not', () => {
    for (const values of [iso, iso.filter((v) => v !== ''), ['3/4/2011', '', '5/6/2011']])
      expect(detectAndReadDates(values).detection).toEqual(
        detectDateFormat(values.filter((v) => v !== '')),
      );
  });

  it('keeps every value as parseDate reads it in the format found, empty and unreadable ones too', () => {
    const { detection, read } = detectAndReadDates(iso);
    expect(detection?.format).toBe('iso');
    expect(read).toEqual(Float64Array.from(iso, (v) => parseDate(v, 'iso')));
    expect(Number.isNaN(read?.[0])).toBe(true);
    expect(Number.isNaN(read?.[iso.length - 1])).toBe(true);
    const compact = detectAndReadDates(['20111209', '20100101 0830', '']);
    expect(compact.detection?.format).toBe('ymd-compact');
    expect(compact.read?.[1]).toBe(Date.UTC(2010, 0, 1, 8, 30));
  });

  it('keeps nothing where detection did not read the values in that format', () => {
    // Day and month orders are judged from one scan without reading the dates.
    const dayFirst = detectAndReadDates(['13/4/2011', '5/6/2011']);
    expect(dayFirst.detection?.format).toBe('dmy');
    expect(dayFirst.read).toBeNull();
    expect(detectAndReadDates(['abc', 'def'])).toEqual({ detection: null, read: null });
  });
});

// Round trip: a random wall-clock second, written in each format, reads back as itself.
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}
const writers: Array<[DateFormat, (p: Parts, ms: number) => string]> = [
  ['iso', (p) => `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`],
  ['iso', (p) => `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}Z`],
  ['iso', (p) => `${p.y}/${pad(p.mo)}/${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`],
  ['mdy', (p) => `${p.mo}/${p.d}/${pad(p.y % 100)} ${p.h}:${pad(p.mi)}:${pad(p.s)}`],
  ['mdy', (p) => `${pad(p.mo)}/${pad(p.d)}/${p.y} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`],
  [
    'mdy',
    (p) =>
      `${p.mo}-${p.d}-${p.y} ${p.h % 12 === 0 ? 12 : p.h % 12}:${pad(p.mi)}:${pad(p.s)} ${p.h < 12 ? 'AM' : 'PM'}`,
  ],
  ['dmy', (p) => `${pad(p.d)}/${pad(p.mo)}/${p.y} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`],
  ['dmy', (p) => `${p.d}.${p.mo}.${pad(p.y % 100)} ${p.h}:${pad(p.mi)}:${pad(p.s)}`],
  ['ymd-compact', (p) => `${p.y}${pad(p.mo)}${pad(p.d)} ${pad(p.h)}${pad(p.mi)}${pad(p.s)}`],
  ['ymd-compact', (p) => `${p.y}${pad(p.mo)}${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`],
  ['excel-serial', (_p, ms) => String(ms / 86_400_000 + 25_569)],
];

describe('round trip (property)', () => {
  const from = Date.UTC(1990, 0, 1) / 1000;
  const to = Date.UTC(2060, 11, 31, 23, 59, 59) / 1000;
  it.each(writers.map(([format, write], i) => [`${format} #${i}`, format, write] as const))(
    '%s',
    (_name, format, write) => {
      fc.assert(
        fc.property(fc.integer({ min: from, max: to }), (seconds) => {
          const ms = seconds * 1000;
          const t = new Date(ms);
          const parts: Parts = {
            y: t.getUTCFullYear(),
            mo: t.getUTCMonth() + 1,
            d: t.getUTCDate(),
            h: t.getUTCHours(),
            mi: t.getUTCMinutes(),
            s: t.getUTCSeconds(),
          };
          const text = write(parts, ms);
          expect(parseDate(text, format), text).toBe(ms);
        }),
        { numRuns: 500 },
      );
    },
  );
});
