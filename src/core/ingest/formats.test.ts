/**
 * The file variety SPEC "Input" promises, end to end through sniffing, reading, decoding and
 * cleaning: delimiters and decimal commas, Windows-1252, BOM, CRLF, quoting, blank and ragged
 * lines, gzip, and the inputs that must fail with a clear error.
 */
import { describe, expect, it } from 'vitest';
import {
  cp1252,
  customer,
  expectAnalysisError,
  gzip,
  lines,
  prepareText,
  UCI_HEADER,
} from '../testing/fixtures.ts';
import { SNIFF_BYTES } from './sniff.ts';

/** The summary of a prepared file that must not depend on how its bytes were delivered. */
async function digest(content: string | Uint8Array, chunkSize?: number) {
  const data = await prepareText(content, chunkSize === undefined ? {} : { chunkSize });
  const { table } = data.groups;
  return {
    report: data.cleaned.report,
    malformed: data.raw.malformedRows,
    ids: table.ids,
    features: Object.fromEntries(
      Object.entries(table.features).map(([name, values]) => [name, Array.from(values)]),
    ),
    snapshot: table.snapshot,
    cohort: data.cohort,
  };
}

describe('delimiters and number styles', () => {
  it('semicolons with decimal commas and day-first dotted dates', async () => {
    const data = await prepareText(
      lines(
        'Rechnung;Artikel;Menge;Datum;Einzelpreis;Kundennummer;Land',
        'R1;A1;2;27.03.2011 10:00;1,25;K1;DE',
        'R1;A2;1;27.03.2011 10:00;1.234,50;K1;DE',
        'R2;A1;3;28.03.2011 09:00;0,5;K2;DE',
      ),
      {
        mapping: { invoice: 0, product: 1, quantity: 2, date: 3, unitPrice: 4, customer: 5 },
      },
    );
    expect(data.sniff.delimiter).toBe(';');
    expect(data.tx.unitPrice?.decimal).toBe(',');
    expect(data.tx.dateFormat).toBe('dmy');
    expect(customer(data, 'K1')).toMatchObject({ Monetary: 2.5 + 1234.5, Frequency: 1 });
    expect(customer(data, 'K2')).toMatchObject({ Monetary: 1.5, Recency: 1 });
  });

  it.each([
    ['tab', '\t'],
    ['pipe', '|'],
  ])('%s separated', async (_, d) => {
    const data = await prepareText(
      lines(
        ['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice'].join(d),
        ['1', '2011-01-01 10:00', '2', '1.5'].join(d),
        ['2', '2011-01-02 10:00', '1', '3'].join(d),
      ),
    );
    expect(data.sniff.delimiter).toBe(d);
    expect(customer(data, '1').Monetary).toBe(3);
  });
});

describe('encodings', () => {
  const text = lines(
    'Customer,Date,Quantity,Price,Product',
    'José,2011-01-01 10:00,1,£2.50,Café crème',
    'Renée,2011-01-02 10:00,2,£1.00,Thé',
  );

  it('Windows-1252 bytes (0xA3 = £, 0xE9 = é) are decoded as such', async () => {
    const bytes = cp1252(text);
    expect(bytes.includes(0xa3)).toBe(true);
    expect(bytes.includes(0xc3)).toBe(false); // no UTF-8 lead byte: these are cp1252 bytes
    const data = await prepareText(bytes);
    expect(data.raw.encoding).toBe('windows-1252');
    expect(data.groups.table.ids).toEqual(['José', 'Renée']);
    expect(customer(data, 'José').Monetary).toBe(2.5);
    expect(data.tx.product?.values).toContain('Café crème');
  });

  it('the same text as UTF-8 gives the same result', async () => {
    const data = await prepareText(text);
    expect(data.raw.encoding).toBe('utf-8');
    expect(data.groups.table.ids).toEqual(['José', 'Renée']);
    expect(customer(data, 'José').Monetary).toBe(2.5);
  });

  it('a file that is UTF-8 in its head but not later is re-read as Windows-1252, with a warning', async () => {
    const filler = 'Someone,2011-01-01 10:00,1,1.00,Plain\n'.repeat(
      Math.ceil((SNIFF_BYTES * 1.5) / 38),
    );
    const bytes = cp1252(text + filler + 'Noél,2011-01-03 10:00,1,£4.00,Thé\n');
    const data = await prepareText(bytes, { chunkSize: 4096 });
    expect(data.sniff.encoding).toBe('windows-1252'); // the head already has é: no fallback
    const late = cp1252(
      lines('Customer,Date,Quantity,Price,Product') +
        filler +
        'Noél,2011-01-03 10:00,1,£4.00,Thé\n',
    );
    const fallback = await prepareText(late, { chunkSize: 4096 });
    expect(fallback.sniff.encoding).toBe('utf-8');
    expect(fallback.raw.encoding).toBe('windows-1252');
    expect(fallback.raw.encodingFallback).toBe(true);
    expect(fallback.warnings.map((w) => w.code)).toContain('encoding-fallback');
    expect(customer(fallback, 'Noél').Monetary).toBe(4);
    expect(data.groups.table.ids).toContain('José');
  });

  it('a UTF-8 BOM is not part of the first header name, whatever the chunking', async () => {
    const withBom =
      '\uFEFF' + lines('CustomerID,InvoiceDate,Quantity,UnitPrice', '1,2011-01-01,1,2');
    for (const chunkSize of [1, 2, 3, 4, 1 << 16]) {
      const data = await prepareText(withBom, { chunkSize });
      expect(data.sniff.headers[0]).toBe('CustomerID');
      expect(data.mapping.customer).toBe(0);
      expect(data.groups.table.ids).toEqual(['1']);
    }
  });
});

describe('line ends, quoting and ragged files', () => {
  const rows = [
    UCI_HEADER,
    '1,P1,"Mug, large",2,2011-01-01 10:00:00,1.5,"Smith, J",UK',
    '2,P2,"He said ""hi""",1,2011-01-02 10:00:00,3,"O""Brien",UK',
    '3,P3,"two\nlines",1,2011-01-03 10:00:00,4,"multi\nline id",UK',
    '4,P4,plain,1,2011-01-04 10:00:00,5,"Smith, J",UK',
  ];

  it('quoted fields with delimiters, quotes and line breaks; LF and CRLF read alike', async () => {
    const lf = await prepareText(rows.join('\n') + '\n');
    const crlf = await prepareText(
      rows.join('\r\n').replace('two\r\nlines', 'two\nlines') + '\r\n',
    );
    expect(crlf.sniff.newline).toBe('\r\n');
    for (const data of [lf, crlf]) {
      expect(data.raw.rowCount).toBe(4);
      expect(data.raw.malformedRows).toBe(0);
      expect(data.groups.table.ids).toEqual(['multi\nline id', 'O"Brien', 'Smith, J']);
      expect(customer(data, 'Smith, J')).toMatchObject({ Frequency: 2, Monetary: 8 });
      expect(customer(data, 'O"Brien').Monetary).toBe(3);
    }
  });

  it('CRLF: no carriage return is left in the last column', async () => {
    const data = await prepareText(
      [
        'CustomerID,InvoiceDate,Quantity,UnitPrice',
        'a,2011-01-01,1,2',
        'b,2011-01-02,1,3',
        '',
      ].join('\r\n'),
    );
    expect(data.tx.unitPrice?.values).toEqual(Float64Array.from([2, 3]));
    expect(data.cleaned.report.rows_kept).toBe(2);
  });

  it('trailing empty lines, blank lines and lines of bare delimiters are not rows', async () => {
    const data = await prepareText(
      lines(UCI_HEADER, '', '1,A,x,1,2011-01-01 10:00:00,1,7,UK', ',,,,,,,', '', '') + '\n\n',
    );
    expect(data.raw.rowCount).toBe(1);
    expect(data.raw.malformedRows).toBe(0);
    expect(data.cleaned.report.rows_in).toBe(1);
  });

  it('rows with too few or too many fields are counted as malformed, not fatal', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        '1,A,x,1,2011-01-01 10:00:00,1,7,UK',
        '2,A,x,1,2011-01-02 10:00:00,1,8', // one field short: Country empty
        '3,A,x,1,2011-01-03 10:00:00,1,9,UK,extra', // one field too many
        '4,A,x,1', // far too short: no date, no price, no customer
      ),
    );
    expect(data.raw.malformedRows).toBe(3);
    expect(data.raw.malformedExamples).toHaveLength(3);
    expect(data.warnings.find((w) => w.code === 'malformed-rows')?.message).toMatch(/^3 rows/);
    expect(data.cleaned.report).toMatchObject({ rows_in: 4, missing_customer: 1, rows_kept: 3 });
    expect(data.groups.table.ids).toEqual(['7', '8', '9']);
  });

  it('a literal quote inside an unquoted field (12" tray) does not swallow later rows', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        '1,A,12" tray,1,2011-01-01 10:00:00,1,7,UK',
        '2,B,"quoted\nacross lines",1,2011-01-02 10:00:00,2,8,UK',
        '3,C,5" pan,1,2011-01-03 10:00:00,3,9,UK',
      ),
    );
    expect(data.raw.rowCount).toBe(3);
    expect(data.raw.malformedRows).toBe(0);
    expect(data.groups.table.ids).toEqual(['7', '8', '9']);
  });

  it('the same file in 1-, 7- and 64 KiB chunks, plain and gzipped, gives identical results', async () => {
    const text =
      '\uFEFF' +
      rows.join('\r\n') +
      '\r\n' +
      '5,P5,"a ""quoted""\r\nmulti-line, with commas",3,2011-02-01 10:00:00,2,"Smith, J",UK\r\n\r\n';
    const reference = await digest(text);
    expect(reference.report.rows_kept).toBe(5);
    for (const chunkSize of [1, 7, 64 << 10]) {
      expect(await digest(text, chunkSize)).toEqual(reference);
      expect(await digest(gzip(text), chunkSize)).toEqual(reference);
    }
  });
});

describe('gzip', () => {
  it('a .gz file is decompressed transparently', async () => {
    const text = lines(UCI_HEADER, '1,A,x,2,2011-01-01 10:00:00,1.5,7,UK');
    const data = await prepareText(gzip(text), { name: 'sales.csv.gz' });
    expect(data.sniff.container).toBe('gzip');
    expect(customer(data, '7').Monetary).toBe(3);
  });

  it('a damaged .gz file is a read error, not a crash', async () => {
    const bytes = gzip(lines(UCI_HEADER, '1,A,x,2,2011-01-01 10:00:00,1.5,7,UK'));
    await expectAnalysisError(prepareText(bytes.slice(0, 20)), 'read-failed');
  });
});

describe('inputs that cannot be analysed fail with a clear error code', () => {
  it.each([
    ['an empty file', new Uint8Array(0), 'empty-file'],
    ['only blank lines', '\n\n  \n', 'empty-file'],
    ['a header and no rows', lines(UCI_HEADER), 'no-rows'],
    ['a header and blank lines', lines(UCI_HEADER, '', ',,,'), 'no-rows'],
    [
      'PNG bytes',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'binary-file',
    ],
    ['a zip archive named .csv', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'zip-archive'],
    ['one column only', lines('just one column', 'a', 'b'), 'no-header'],
    ['no customer column', lines('Date,Quantity,Price', '2011-01-01,1,2'), 'missing-columns'],
    ['no money columns', lines('Customer,Date,Quantity', 'a,2011-01-01,1'), 'missing-columns'],
    [
      'a date column without dates',
      lines('Customer,Date,Amount', 'a,soon,1', 'b,later,2'),
      'missing-columns',
    ],
  ] as const)('%s', async (_, content, code) => {
    const error = await expectAnalysisError(prepareText(content), code);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('names the column passed over for a missing role, and why', async () => {
    const content = lines('Customer,Date,Amount', 'a,soon,1', 'b,later,2');
    const error = await expectAnalysisError(prepareText(content), 'missing-columns');
    expect(error.message).toBe(
      'We could not find the order date column. Choose it in the column mapping. ' +
        `Columns considered and not used: "Date" as Order date: no dates (e.g. 'soon').`,
    );
  });

  it('a date column chosen by hand that holds no dates is a dates error', async () => {
    const content = lines('Customer,Date,Amount', 'a,soon,1', 'b,later,2');
    const mapping = { customer: 0, date: 1, amount: 2 };
    await expectAnalysisError(prepareText(content, { mapping }), 'no-dates');
  });
});
