/**
 * sniffFile's own rules, each on a small file: line ends, a head cut mid-file, the delimiter, blank
 * and title rows, header names, the sample (totals rows out, cells trimmed, 200 rows), the date
 * guess, and the refusals of empty and header-only files. The readers' tests reach it through whole
 * analyses.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { expectAnalysisError } from '../testing/fixtures.ts';
import { detectEncoding, detectNewline, SNIFF_BYTES, sniffFile } from './sniff.ts';

const sniff = (text: string | Uint8Array, chunk?: number) =>
  sniffFile(memorySource(text, 'sales.csv', chunk));

describe('detectNewline', () => {
  it('takes the first line end: CRLF, LF, a lone CR, and LF for a single line', () => {
    expect(detectNewline('a,b\r\n1,2\n')).toBe('\r\n');
    expect(detectNewline('a,b\n1,2\r\n')).toBe('\n');
    expect(detectNewline('a,b\r1,2\r')).toBe('\r');
    expect(detectNewline('a,b')).toBe('\n');
    // A line feed first in the text has no carriage return before it.
    expect(detectNewline('\na,b\r\n')).toBe('\n');
    expect(detectNewline('\r\na,b')).toBe('\r\n');
  });
});

describe('detectEncoding', () => {
  it('says whether a byte order mark is there', () => {
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toEqual({
      encoding: 'utf-8',
      bom: true,
    });
    expect(detectEncoding(Uint8Array.of(0x61, 0x2c, 0x62))).toEqual({
      encoding: 'utf-8',
      bom: false,
    });
  });
});

describe('sniffFile', () => {
  it('reads the header, delimiter, line end and a trimmed sample', async () => {
    const text = 'Customer ID;Invoice Date;Amount\r\n a1 ; 2011-01-02 ;5\r\nb2;2011-01-03;6\r\n';
    const s = await sniff(text);
    expect(s.name).toBe('sales.csv');
    expect(s.size).toBe(text.length);
    expect(s.container).toBe('plain');
    expect(s.workbook).toBeUndefined();
    expect('workbook' in s).toBe(false);
    expect(s.encoding).toBe('utf-8');
    expect(s.delimiter).toBe(';');
    expect(s.newline).toBe('\r\n');
    expect(s.headers).toEqual(['Customer ID', 'Invoice Date', 'Amount']);
    expect(s.headerRow).toBe(0);
    expect(s.sampleRows).toEqual([
      ['a1', '2011-01-02', '5'],
      ['b2', '2011-01-03', '6'],
    ]);
    expect(s.mapping).toMatchObject({ customer: 0, date: 1, amount: 2 });
    expect(s.dateGuess).toMatchObject({ format: 'iso', ambiguous: false });
  });

  it('two columns are enough for a header', async () => {
    expect((await sniff('Customer,Amount\na,1\n')).headers).toEqual(['Customer', 'Amount']);
  });

  it('tabs and pipes are delimiters too', async () => {
    expect((await sniff('Customer\tDate\tAmount\na\t2011-01-02\t1\n')).delimiter).toBe('\t');
    expect((await sniff('Customer|Date|Amount\na|2011-01-02|1\n')).delimiter).toBe('|');
  });

  it('a header name wrapped in its cell is one name; spaces around names go', async () => {
    const s = await sniff('"Customer\nID",  Date ,"Amount  paid"\na,2011-01-02,1\n');
    expect(s.headers).toEqual(['Customer ID', 'Date', 'Amount paid']);
  });

  it('skips a title block and blank rows above the header, and blank rows in the sample', async () => {
    const s = await sniff(
      'My Shop,,\nSales report,,\n,,\nCustomer,Date,Amount\n,,\na,2011-01-02,1\n\n  , ,\nb,2011-01-03,2\n',
    );
    expect(s.headerRow).toBe(2);
    expect(s.headers).toEqual(['Customer', 'Date', 'Amount']);
    expect(s.sampleRows.map((r) => r[0])).toEqual(['a', 'b']);
  });

  it('leaves totals rows out of the sample, and a header-only file is refused', async () => {
    const s = await sniff('Customer,Date,Amount\na,2011-01-02,1\nTotal,,1\n');
    expect(s.sampleRows).toEqual([['a', '2011-01-02', '1']]);
    const onlyTotals = await expectAnalysisError(
      sniff('Customer,Date,Amount\nTotal,,1\n'),
      'no-rows',
    );
    expect(onlyTotals.message).toBe(
      'This file has a header but no rows of sales. Check that you exported the right period.',
    );
  });

  it('samples the first 200 rows', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `c${i},2011-01-02,1`);
    const s = await sniff(['Customer,Date,Amount', ...rows].join('\n'));
    expect(s.sampleRows).toHaveLength(200);
    expect(s.sampleRows.at(-1)?.[0]).toBe('c199');
  });

  it('judges a head cut mid-file on whole lines only', async () => {
    // More than the sniffed head: the line cut at 256 KiB must not enter the sample, whatever the
    // chunking; a file that fits whole keeps its last line even without a line end.
    // Rows of 1,400 bytes: the cut falls within the first 200 rows, which the sample holds.
    const row = `${'x'.repeat(1380)},2011-01-02,123.45`;
    const count = Math.ceil((SNIFF_BYTES * 1.5) / (row.length + 1));
    const big = ['Customer,Date,Amount', ...Array(count).fill(row)].join('\n');
    for (const chunk of [1000, 1 << 16, 1 << 20]) {
      const s = await sniff(big, chunk);
      expect(s.sampleRows.every((r) => r.join(',') === row)).toBe(true);
      expect(s.sampleRows).toHaveLength(Math.floor((SNIFF_BYTES - 21) / (row.length + 1)));
    }
    const whole = await sniff('Customer,Date,Amount\na,2011-01-02,1');
    expect(whole.sampleRows).toEqual([['a', '2011-01-02', '1']]);
  });

  it('the date guess reads the sample’s distinct dates; no date column, no guess', async () => {
    const dayFirst = await sniff('Customer,Date,Amount\na,13/01/2011,1\nb,,2\nc,13/01/2011,3\n');
    expect(dayFirst.dateGuess).toMatchObject({ format: 'dmy', ambiguous: false });
    const noDate = await sniff('Customer,Note,Amount\na,hello,1\n');
    expect(noDate.mapping.date).toBeUndefined();
    expect(noDate.dateGuess).toBeNull();
  });

  it('a gzipped file says so and sniffs as its text', async () => {
    const s = await sniff(gzipSync('Customer,Date,Amount\na,2011-01-02,1\n'));
    expect(s.container).toBe('gzip');
    expect(s.headers).toEqual(['Customer', 'Date', 'Amount']);
  });

  it('refuses empty files, blank ones and a file of one column, each with its reason', async () => {
    const empty = 'This file is empty. Export your sales again and drop the new file.';
    expect((await expectAnalysisError(sniff(''), 'empty-file')).message).toBe(empty);
    expect((await expectAnalysisError(sniff(gzipSync('')), 'empty-file')).message).toBe(empty);
    expect((await expectAnalysisError(sniff(' \n\n \r\n'), 'empty-file')).message).toBe(empty);
    expect((await expectAnalysisError(sniff('Customer\na\n'), 'no-header')).message).toBe(
      'The first line of this file does not look like a header of column names separated by commas, semicolons, tabs or pipes. Export the sales with a header row and try again.',
    );
  });

  it('drops stray NUL bytes from the head as the reader does, in UTF-8 and UTF-16', async () => {
    const withNul = await sniff('Cust\u0000omer,Date,Amount\na,2011-01-02,1\n');
    expect(withNul.headers[0]).toBe('Customer');
    const text = '\ufeffCust\u0000omer,Date,Amount\na,2011-01-02,1\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      utf16[2 * i] = text.charCodeAt(i) & 0xff;
      utf16[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const s = await sniff(utf16);
    expect(s.encoding).toBe('utf-16le');
    expect(s.headers).toEqual(['Customer', 'Date', 'Amount']);
  });
});
