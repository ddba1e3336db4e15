/**
 * Till and EPOS reports: a title block above the header row and a Totals row below the data. The
 * file reads exactly as the same table without them, and the totals are never revenue.
 */
import { describe, expect, it } from 'vitest';
import { customer, lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { findHeaderRow, isTotalsLabel, isTotalsRow } from './layout.ts';

const DATA = [
  '536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  '536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom',
  '536367,84879,BIRD ORNAMENT,32,2010-12-02 08:34:00,1.69,13047,France',
  '536368,22960,JAM MAKING SET,6,2010-12-03 09:00:00,4.25,12583,France',
];
const PLAIN = lines(UCI_HEADER, ...DATA);
const split = (text: string, delimiter = ',') =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(delimiter));

describe('findHeaderRow', () => {
  it('a file that starts with its header: 0', () => {
    expect(findHeaderRow(split(PLAIN))).toBe(0);
  });

  it('below a title block of one-cell rows, rows padded with delimiters, and a period line', () => {
    const rows = split(
      lines(
        'Corner Shop Ltd,,,,,,,',
        'Sales report,,,,,,,',
        'Period,01/12/2010,31/12/2010,,,,,',
        UCI_HEADER,
        ...DATA,
      ),
    );
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('a title row with several text cells but narrower than the table is not the header', () => {
    const rows = split(lines('Shop,Corner Shop,Branch,Leeds', UCI_HEADER, ...DATA));
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('a first row with an unnamed last column is still the header, not a row of text below', () => {
    const rows = split(
      lines(
        'Name,Email,City,Status,',
        'Ann,ann@example.com,Leeds,paid,note',
        'Bob,bob@example.com,York,paid,note',
        'Cy,cy@example.com,Hull,open,note',
      ),
    );
    expect(findHeaderRow(rows)).toBe(0);
  });

  it('no row looks like a header: the first row, as before', () => {
    expect(findHeaderRow(split(lines('1,2,3', '4,5,6', '7,8,9')))).toBe(0);
    expect(findHeaderRow([])).toBe(0);
  });
});

describe('totals rows', () => {
  it.each([
    'Total',
    'TOTALS',
    'Grand total:',
    ' grand  Total ',
    'Summe',
    'Gesamt',
    'Total général',
    'Totaal',
    'Subtotal',
  ])('%s is a totals label', (label) => expect(isTotalsLabel(label)).toBe(true));
  it.each(['Totally Tea', 'Tot', 'Sum of all fears', '', 'Totalkosten'])('%s is not', (label) =>
    expect(isTotalsLabel(label)).toBe(false),
  );

  it('a row of another column that says Total but has a customer is a sale', () => {
    expect(isTotalsRow(['', 'Total', '', '99.5'], 0)).toBe(true);
    expect(isTotalsRow(['Total', '', '99.5'], 0)).toBe(true);
    expect(isTotalsRow(['Total', 'C042', '99.5'], 1)).toBe(false);
    expect(isTotalsRow(['Total', 'C042', '99.5'], -1)).toBe(true);
  });
});

describe('a till report: title block above, totals below', () => {
  const REPORT = lines(
    'Corner Shop Ltd,,,,,,,',
    'Sales by line,,,,,,,',
    ',,,,,,,',
    'From 01/12/2010 to 03/12/2010,,,,,,,',
    '',
    UCI_HEADER,
    ...DATA,
    ',,,,,,,',
    'Total,,,50,,10.34,,',
  );

  it('reads as the same table without them, in any chunking; the totals row is counted', async () => {
    const expected = await prepareText(PLAIN);
    for (const chunkSize of [1, 9, 1 << 16]) {
      const data = await prepareText(REPORT, { chunkSize });
      expect(data.sniff.headerRow).toBe(3);
      expect(data.sniff.headers).toEqual(expected.sniff.headers);
      expect(data.sniff.sampleRows).toEqual(expected.sniff.sampleRows);
      expect(data.raw.columns).toEqual(expected.raw.columns);
      expect(data.raw.rowCount).toBe(4);
      expect(data.raw.totalsRows).toBe(1);
      expect(data.raw.malformedRows).toBe(0);
      expect(data.groups.table).toEqual(expected.groups.table);
    }
  });

  it('the totals are not revenue; the warning says a totals row was left out', async () => {
    const data = await prepareText(REPORT);
    expect(customer(data, '17850').Monetary).toBeCloseTo(6 * 2.55 + 6 * 1.85, 10);
    const revenue = data.groups.table.ids.reduce((sum, id) => sum + customer(data, id).Monetary, 0);
    expect(revenue).toBeCloseTo(6 * 2.55 + 6 * 1.85 + 32 * 1.69 + 6 * 4.25, 10);
    expect(data.warnings.find((w) => w.code === 'totals-row')?.message).toBe(
      'A totals row (starting "Total" or similar, with no customer) was left out: it is not sales.',
    );
  });

  it('German semicolon report: "Gesamt" and "Summe" rows, one with quotes, are left out', async () => {
    const data = await prepareText(
      lines(
        'Kassenbericht Filiale Köln',
        'Zeitraum;01.12.2010;03.12.2010',
        'Kunde;Datum;Betrag',
        'K1;01.12.2010;10,50',
        'K2;02.12.2010;5,25',
        '"Summe";;15,75',
        'K1;03.12.2010;1,00',
        'Gesamt;;16,75',
      ),
    );
    expect(data.sniff.delimiter).toBe(';');
    expect(data.sniff.headers).toEqual(['Kunde', 'Datum', 'Betrag']);
    expect(data.raw.rowCount).toBe(3);
    expect(data.raw.totalsRows).toBe(2);
    expect(customer(data, 'K1').Monetary).toBeCloseTo(11.5, 10);
    expect(data.warnings.find((w) => w.code === 'totals-row')?.message).toMatch(
      /^2 totals rows .* were left out: they are not sales\.$/,
    );
  });

  it('a product called "Total" on a sale with a customer is kept', async () => {
    const data = await prepareText(
      lines('Product,Customer,Date,Amount', 'Total,a,2011-01-01,5', 'Mug,b,2011-01-02,6'),
    );
    expect(data.raw.rowCount).toBe(2);
    expect(data.raw.totalsRows).toBe(0);
  });
});
