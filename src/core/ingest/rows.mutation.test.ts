/**
 * Cases written for the survivors of a mutation run on rows.ts and bytes.ts (README "Mutation
 * testing"): the rows a `RowSink` keeps from lines read in place (`plain`, `quotedLine`) and from
 * rows already split, worked out line by line: the title block and header skipped, blank lines,
 * totals rows, ragged rows and their line numbers, simple and other quoted lines, LF, CR LF and
 * CR breaks, and invalid UTF-8.
 */
import { describe, expect, it } from 'vitest';
import {
  bomLength,
  EncodingMismatch,
  indexOfBreak,
  isBreakAt,
  lastIndexOfBreak,
  lineBreak,
  textDecoder,
  textEncoder,
} from './bytes.ts';
import { RowSink, type RowLayout } from './rows.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A sink for `headerCount` fields keeping `fields`, reading UTF-8 with validation. */
function sink(
  fields: readonly number[],
  headerCount: number,
  newline: '\n' | '\r\n' | '\r' = '\n',
  layout?: RowLayout,
  delimiter = ',',
) {
  const textOf = textDecoder('utf-8');
  return new RowSink(
    fields,
    headerCount,
    delimiter,
    lineBreak(newline),
    textOf,
    textEncoder('utf-8'),
    (bytes, start, end) => void textOf(bytes, start, end),
    layout,
  );
}

/** The kept rows, one array of cells per row in the order of `fields`. */
function kept(s: RowSink): string[][] {
  const columns = s.finish();
  return Array.from({ length: s.rowCount }, (_, r) => columns.map((c) => c.values[c.codes[r]!]!));
}

/** Everything of `text` through `plain`, as the reader passes a last chunk. */
function plain(s: RowSink, text: string) {
  const bytes = utf8(text);
  return s.plain(bytes, 0, bytes.length, false);
}

describe('RowSink.plain: lines without quotes', () => {
  it('skips the header and blank lines, keeps the mapped fields, trims them', () => {
    const s = sink([2, 0], 3);
    const text = 'id,date,name\n1,d1, Ann \n\n,,\n2,d2,Bob\n3,d3,Ann';
    expect(plain(s, text)).toBe(text.length);
    expect(kept(s)).toEqual([
      ['Ann', '1'],
      ['Bob', '2'],
      ['Ann', '3'],
    ]);
    expect(s.rowCount).toBe(3);
    expect(s.line).toBe(6);
    expect(s.malformedRows).toBe(0);
  });

  it('with ignoreLastRow, stops before a last line that has no break, to read it with more bytes', () => {
    const s = sink([0, 1], 2);
    const bytes = utf8('a,b\n1,x\n2,y');
    expect(s.plain(bytes, 0, bytes.length, true)).toBe(8);
    expect(kept(s)).toEqual([['1', 'x']]);
    // From where it stopped, with the rest.
    expect(s.plain(bytes, 8, bytes.length, false)).toBe(bytes.length);
    expect(kept(s)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    // Nothing to read: nothing read.
    expect(s.plain(bytes, 5, 5, false)).toBe(5);
    expect(s.plain(bytes, 6, 5, false)).toBe(6);
    expect(s.rowCount).toBe(2);
  });

  it('counts rows with too few or too many fields, keeps them, and names their lines (first 5)', () => {
    const s = sink([0, 2], 3);
    plain(s, 'a,b,c\n1,2\n2,x,y,z\n3,p,q\n4\n5\n6\n7\n8,r,s');
    expect(s.malformedRows).toBe(6);
    expect(s.malformedExamples).toEqual([2, 3, 5, 6, 7]);
    expect(kept(s)).toEqual([
      ['1', ''],
      ['2', 'y'],
      ['3', 'q'],
      ['4', ''],
      ['5', ''],
      ['6', ''],
      ['7', ''],
      ['8', 's'],
    ]);
  });

  it('a mapped field past the header is empty in every row', () => {
    const s = sink([0, 5], 2);
    plain(s, 'a,b\n1,x\n2,y,z,w,v,u');
    expect(kept(s)).toEqual([
      ['1', ''],
      ['2', 'u'],
    ]);
    expect(s.malformedRows).toBe(1);
  });

  it('skips a title block of the given number of rows above the header, blank lines not counted', () => {
    const s = sink([0, 1], 2, '\n', { headerRow: 2, customerField: 0 });
    plain(s, 'Shop report\n\nMarch\nid,amount\nc1,5\nc2,6\n');
    expect(kept(s)).toEqual([
      ['c1', '5'],
      ['c2', '6'],
    ]);
    // Six lines, and the empty one after the last break (blank, not a row).
    expect(s.line).toBe(7);
  });

  it('CR LF and bare CR breaks; a lone CR in a CR LF file is data', () => {
    const crlf = sink([0, 1], 2, '\r\n');
    plain(crlf, 'a,b\r\n1,x\ry\r\n2,z\r\n');
    expect(kept(crlf)).toEqual([
      ['1', 'x\ry'],
      ['2', 'z'],
    ]);
    const cr = sink([0, 1], 2, '\r');
    plain(cr, 'a,b\r1,x\r2,y');
    expect(kept(cr)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });

  it('other delimiters: a comma is then data', () => {
    const s = sink([0, 1], 2, '\n', undefined, ';');
    plain(s, 'a;b\n1,5;x\n');
    expect(kept(s)).toEqual([['1,5', 'x']]);
  });

  it('invalid UTF-8 in a kept line throws EncodingMismatch; valid UTF-8 is read', () => {
    const s = sink([0, 1], 2);
    const bytes = Uint8Array.from([...utf8('a,b\nCafé,1\n'), 0x43, 0xe9, 0x2c, 0x32, 10]);
    expect(() => s.plain(bytes, 0, bytes.length, false)).toThrow(EncodingMismatch);
    expect(kept(s)).toEqual([['Café', '1']]);
  });
});

describe('RowSink: totals rows', () => {
  it('leaves out a totals label with no customer, wherever the first filled cell is', () => {
    const s = sink([0, 1, 2], 3, '\n', { headerRow: 0, customerField: 0 });
    plain(
      s,
      'customer,label,amount\n' +
        'c1,x,5\n' +
        'Total,,9\n' + // the customer column itself says Total
        ',Subtotal:,9\n' + // first filled cell, no customer
        'c2,Total,9\n' + // a customer: a sale
        ', GRAND  total ,9\n' + // spaces and case, decided on the text
        ',Totally Tea,9\n' + // not a label
        ',To,9\n' + // too short
        ',Tax total amount due now,9\n' + // too long for a label
        ',,\n',
    );
    expect(s.totalsRows).toBe(3);
    expect(kept(s).map((row) => row.join('|'))).toEqual([
      'c1|x|5',
      'c2|Total|9',
      '|Totally Tea|9',
      '|To|9',
      '|Tax total amount due now|9',
    ]);
  });

  it('a customer in a later column than the label makes it a sale, whether scanned or split', () => {
    const header = 'label,amount,customer\n';
    const lines = 'Total,9,c9\n' + 'Total,8,\n' + 'Summe,7,   \n' + ',Total,c8\n';
    const scanned = sink([0, 1, 2], 3, '\n', { headerRow: 0, customerField: 2 });
    plain(scanned, header + lines);
    const split = sink([0, 1, 2], 3, '\n', { headerRow: 0, customerField: 2 });
    split.rows(
      (header + lines)
        .trimEnd()
        .split('\n')
        .map((line) => line.split(',')),
    );
    for (const s of [scanned, split]) {
      // A label with only spaces where the customer goes is a totals row too.
      expect(s.totalsRows).toBe(2);
      expect(kept(s).map((row) => row.join('|'))).toEqual(['Total|9|c9', '|Total|c8']);
    }
  });

  it('with no customer column mapped, or one past the row, a totals label is enough', () => {
    for (const customerField of [-1, 7]) {
      const s = sink([0, 1], 2, '\n', { headerRow: 0, customerField });
      plain(s, 'label,amount\nx,1\nSumme,2\n');
      expect(s.totalsRows).toBe(1);
      expect(kept(s)).toEqual([['x', '1']]);
    }
  });

  it('rows already split are judged the same way', () => {
    const s = sink([0, 1], 2, '\n', { headerRow: 0, customerField: 0 });
    s.rows([
      ['id', 'amount'],
      ['Total', '3'],
      ['', ''],
      ['c', '4'],
    ]);
    expect(s.totalsRows).toBe(1);
    expect(s.line).toBe(4);
    expect(kept(s)).toEqual([['c', '4']]);
  });
});

describe('RowSink.quotedLine: simple quoted fields read in place', () => {
  /** The header through `plain`, then `line` through `quotedLine`. */
  function quoted(line: string, newline: '\n' | '\r\n' | '\r' = '\n', fields = [0, 1, 2]) {
    const s = sink(fields, 3, newline);
    plain(s, `a,b,c${newline}`);
    const bytes = utf8(line);
    return { s, end: s.quotedLine(bytes, 0, bytes.length), bytes };
  }

  it('reads "..." fields and plain ones, and returns the index after the line break', () => {
    const { s, end } = quoted('"c1",2011-01-01,"x, y"\nnext');
    expect(end).toBe(23);
    expect(kept(s)).toEqual([['c1', '2011-01-01', 'x, y']]);
    const crlf = quoted('"c1","2",3\r\n', '\r\n');
    expect(crlf.end).toBe(12);
    expect(kept(crlf.s)).toEqual([['c1', '2', '3']]);
    const cr = quoted('"c1","2",3\r', '\r');
    expect(cr.end).toBe(11);
    expect(kept(cr.s)).toEqual([['c1', '2', '3']]);
  });

  it('leaves any other line to PapaParse, having kept nothing', () => {
    for (const line of [
      '"c1",2,3', // no line break
      '"c1","2",3', // no line break after a plain field either
      '"c1" ,2,3\n', // a space after the closing quote
      '"c""1"x,2,3\n', // anything but the delimiter after the closing quote, escapes or not
      '"c""', // an escaped quote at the end of the bytes: the field may go on
      '"c\n1",2,3\n', // a break inside
      '"c1,2,3\n', // never closed
      '"c1",2\n', // too few fields
      '"c1",2,3,4\n', // too many
      '"",2,3\n', // first cell empty: possibly a blank line
      '"c1",2,"3"\r4\n', // a CR, not the break, after a closing quote
    ]) {
      const { s, end } = quoted(line);
      expect(end, line).toBe(-1);
      expect(s.rowCount, line).toBe(0);
    }
    const crlf = quoted('"c1","2"\r3\r\n', '\r\n');
    expect(crlf.end).toBe(-1);
  });

  it('reads each "" inside quotes as one quote, the line\'s cells as text', () => {
    const { s, end } = quoted('"c""1","""",x""y\n');
    expect(end).toBe(17);
    expect(kept(s)).toEqual([['c"1', '"', 'x""y']]);
    const spaced = quoted('" 7"" FRAME ",2,"a"""\n');
    expect(kept(spaced.s)).toEqual([['7" FRAME', '2', 'a"']]);
    // Judged as PapaParse's rows are: a totals label with no customer is left out.
    const totals = quoted('"Total",,"a""b"\n');
    expect(totals.end).toBe(16);
    expect(totals.s.rowCount).toBe(0);
    expect(totals.s.totalsRows).toBe(1);
  });

  it('is never the header', () => {
    const s = sink([0, 1, 2], 3);
    const bytes = utf8('"a","b","c"\n');
    expect(s.quotedLine(bytes, 0, bytes.length)).toBe(-1);
    expect(s.rowCount).toBe(0);
  });

  it('a quoted cell with non-ASCII text is decoded; an invalid one throws', () => {
    const { s } = quoted('"Zoë",1,"£5"\n');
    expect(kept(s)).toEqual([['Zoë', '1', '£5']]);
    const bad = sink([0, 1, 2], 3);
    plain(bad, 'a,b,c\n');
    const bytes = Uint8Array.from([0x22, 0xe9, 0x22, 0x2c, 0x31, 0x2c, 0x32, 10]);
    expect(() => bad.quotedLine(bytes, 0, bytes.length)).toThrow(EncodingMismatch);
  });
});

describe('line breaks and byte-order marks as bytes', () => {
  const crlf = lineBreak('\r\n');
  const lf = lineBreak('\n');

  it('finds CR LF breaks forwards and backwards, passing lone CRs and LFs', () => {
    const bytes = utf8('a\rb\nc\r\nd\r\n');
    expect(crlf).toEqual({ first: 13, second: 10, length: 2 });
    expect(lineBreak('\r')).toEqual({ first: 13, second: -1, length: 1 });
    expect(indexOfBreak(bytes, 0, crlf)).toBe(5);
    expect(indexOfBreak(bytes, 6, crlf)).toBe(8);
    expect(indexOfBreak(bytes, 9, crlf)).toBe(-1);
    expect(indexOfBreak(bytes, 0, lf)).toBe(3);
    expect(lastIndexOfBreak(bytes, 9, crlf)).toBe(8);
    expect(lastIndexOfBreak(bytes, 7, crlf)).toBe(5);
    expect(lastIndexOfBreak(bytes, 4, crlf)).toBe(-1);
    expect(lastIndexOfBreak(utf8('\r\nx'), 2, crlf)).toBe(0);
    expect(lastIndexOfBreak(bytes, 9, lf)).toBe(9);
    expect(isBreakAt(bytes, 5, crlf)).toBe(true);
    expect(isBreakAt(bytes, 1, crlf)).toBe(false);
    expect(isBreakAt(bytes, 3, lf)).toBe(true);
  });

  it('one or two UTF-8 byte-order marks are skipped, and only in UTF-8', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(bomLength(Uint8Array.from([...bom, 0x61]), 'utf-8')).toBe(3);
    expect(bomLength(Uint8Array.from([...bom, ...bom, 0x61]), 'utf-8')).toBe(6);
    expect(bomLength(Uint8Array.from([...bom, ...bom, 0x61]), 'windows-1252')).toBe(0);
    expect(bomLength(Uint8Array.from([0xef, 0xbb, 0x61]), 'utf-8')).toBe(0);
    expect(bomLength(utf8('abc'), 'utf-8')).toBe(0);
  });

  it('Windows-1252 text and bytes both ways, short and long cells alike', () => {
    const bytes = Uint8Array.of(0x80, 0x20, 0xe9, 0x92);
    const text = textDecoder('windows-1252')(bytes, 0, 4);
    expect(text).toBe('€ é’');
    expect([...textEncoder('windows-1252')(text)]).toEqual([...bytes]);
    expect(() => textEncoder('windows-1252')('Ā')).toThrow('windows-1252 has no byte for U+100');
    const long = 'x'.repeat(300) + 'é';
    expect(textEncoder('windows-1252')(long).length).toBe(301);
    expect(textEncoder('utf-8')(long).length).toBe(302);
    // The ASCII shortcut and the decoder agree, up to 64 bytes and beyond.
    const ascii = utf8('y'.repeat(80));
    const decode = textDecoder('utf-8');
    expect(decode(ascii, 3, 67, true)).toBe('y'.repeat(64));
    expect(decode(ascii, 0, 80, true)).toBe('y'.repeat(80));
    expect(decode(utf8('abc'), 1, 3, true)).toBe('bc');
  });
});
