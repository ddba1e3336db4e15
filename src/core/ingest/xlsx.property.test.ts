/**
 * The streaming .xlsx reader on random sheets (fast-check): the CSV text is SheetJS's, the table
 * read straight into columns is the CSV reader's table of that text, and the byte-level helpers
 * agree with the JavaScript built-ins they stand in for. Seconds long, so kept apart from the
 * example tests beside each file (and left out of mutation runs, where every surviving mutant
 * would re-run them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  book,
  bothWays,
  bySheetJs,
  type Cell,
  plain,
  settingsFor,
  streamed,
  write,
  writeRows,
} from '../testing/xlsx-books.ts';
import { isFiniteNumber, roundTrips, utf8 } from './xlsx-values.ts';

describe('streaming .xlsx reading gives what SheetJS gives', () => {
  it('random sheets of numbers, text and dates, with gaps', async () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.string({ maxLength: 12 }),
      fc.date({
        min: new Date(Date.UTC(1950, 0, 1)),
        max: new Date(Date.UTC(2040, 0, 1)),
        noInvalidDate: true,
      }),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { maxLength: 7 }), { minLength: 1, maxLength: 25 }),
        async (rows) => {
          const wb = book({ R: [['a', 'b', 'c'], ...rows] });
          for (const sst of [true, false]) {
            const bytes = write(wb, sst);
            expect(await streamed(bytes)).toBe(await bySheetJs(bytes));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a sheet read straight into columns', () => {
  it('gives the table the CSV reader makes of its text, for random sheets', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('Total', ' total: ', 'Subtotal', 'Grand Total', 'TOTALS', ' ', '  x '),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'nul\u0000here', '\u0000'),
      fc.constantFrom('C1', 'C2', 'C3', '536365', 'é ü', '00123'),
    );
    const cell = fc.oneof(
      fc.constant(null),
      text,
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.constantFrom(0.1 + 0.2, 1e-7, 123456789012345680000, 2.5499999999999998),
      fc.date({
        min: new Date(Date.UTC(1950, 0, 1)),
        max: new Date(Date.UTC(2040, 0, 1)),
        noInvalidDate: true,
      }),
      fc.boolean(),
    );
    // Rows where the CSV reader's two ways of spotting a totals row (on strings, or in place on
    // the bytes) part, and rows that are blank only once NULs are dropped.
    const awkwardRow = fc.constantFrom<Cell[]>(
      [' ', 'Total', 5],
      ['Total                 ', null, 5],
      [null, 'Total', 'C1'],
      ['\u0000', ' '],
      ['\u0000', 'x', 1],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.array(cell, { maxLength: 7 }), awkwardRow), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 7 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        async (rows, headerCount, fields, headerRow, sst) => {
          const settings = settingsFor(headerCount, fields, headerRow);
          const bytes = writeRows([['Shop'], ['a', 'b', 'c'], ...rows], sst);
          const [direct, viaCsv] = await bothWays(bytes, settings);
          expect(plain(direct)).toEqual(plain(viaCsv));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the same table when a column repeats its last value, or changes kind, from row to row', async () => {
    // A small pool per cell, so consecutive rows often repeat a value (each column remembers its
    // last cell) or put a number, a date, text of the same digits or nothing where it was.
    const day = new Date(Date.UTC(2010, 11, 1, 8, 30));
    const cell = fc.constantFrom<Cell>(null, '123', 123, 123.5, 0.1 + 0.2, day, 'x', ' ', true);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (rows, fields, sst) => {
          const settings = settingsFor(9, fields, 0);
          const bytes = writeRows([['h', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'h'], ...rows], sst);
          const [direct, viaCsv] = await bothWays(bytes, settings);
          expect(plain(direct)).toEqual(plain(viaCsv));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('roundTrips: numbers copied as they are print as String(Number()) would', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('agrees with String(Number(text)) wherever it says yes', () => {
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.stringMatching(/^-?[0-9]{1,17}(\.[0-9]{0,9})?$/),
    );
    fc.assert(
      fc.property(number, (text) => {
        if (roundTrips(bytes(text), 0, text.length)) expect(String(Number(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('isFiniteNumber', () => {
  it('agrees with Number.isFinite(Number(text))', () => {
    const numeric = fc.oneof(
      fc.double().map(String),
      fc.stringMatching(/^-?\d{0,320}(\.\d{0,5})?([eE][-+]?\d{0,4})?$/),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(numeric, (text) => {
        fc.pre(text !== '');
        const bytes = new TextEncoder().encode(text);
        expect(isFiniteNumber(bytes, 0, bytes.length)).toBe(Number.isFinite(Number(text)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('utf8', () => {
  it('gives the bytes TextEncoder gives', () => {
    expect([...utf8('2010-12-01 08:26:00')]).toEqual([
      ...new TextEncoder().encode('2010-12-01 08:26:00'),
    ]);
    expect([...utf8('Café \u{1F600} \uD800')]).toEqual([
      ...new TextEncoder().encode('Café \u{1F600} \uD800'),
    ]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
      }),
    );
  });
});
