/**
 * The streaming reader against our own CSV writer: random tables of awkward cells (quotes,
 * delimiters, LF and CRLF inside cells, non-ASCII) written with RFC 4180 quoting must read back
 * cell for cell whatever the byte chunking, including where the reader's 1 MiB parse boundary
 * falls inside a quoted multi-line field.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import type { ColumnMapping, ColumnRole, Delimiter } from '../types.ts';
import { PARSE_CHUNK_CHARS, readTable, type RawTable, type ReadSettings } from './read.ts';

const ROLES: readonly ColumnRole[] = [
  'customer',
  'date',
  'invoice',
  'quantity',
  'unitPrice',
  'amount',
];

/** RFC 4180 writing: a cell is quoted when it holds the delimiter, a quote or a line break. */
function writeCsv(rows: readonly (readonly string[])[], delimiter: string, newline: string) {
  const cell = (c: string) =>
    c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  return rows.map((row) => row.map(cell).join(delimiter)).join(newline);
}

/** The cells of every data row of the mapped columns, as the reader returns them. */
function cellsOf(table: RawTable, columns: number): string[][] {
  return Array.from({ length: table.rowCount }, (_, r) =>
    ROLES.slice(0, columns).map((role) => {
      const column = table.columns[role]!;
      return column.values[column.codes[r]!]!;
    }),
  );
}

/** What the reader must return: trimmed cells; rows with nothing in them are not rows. */
function expectedCells(rows: readonly (readonly string[])[]): string[][] {
  return rows
    .filter((row) => !(row[0] === '' && row.every((c) => c.trim() === '')))
    .slice(1) // the header
    .map((row) => row.map((c) => c.trim()));
}

async function readBack(
  text: string,
  columns: number,
  delimiter: Delimiter,
  newline: '\n' | '\r\n',
  chunkSize: number,
) {
  const mapping: ColumnMapping = {};
  ROLES.slice(0, columns).forEach((role, i) => (mapping[role] = i));
  const settings: ReadSettings = {
    encoding: 'utf-8',
    delimiter,
    newline,
    headers: Array.from({ length: columns }, (_, i) => `c${i}`),
    mapping,
  };
  return readTable(memorySource(text, 'p.csv', chunkSize), settings, () => undefined);
}

const awkwardCell = fc
  .array(
    fc.constantFrom('a', 'b', 'Z', '1', ' ', ',', ';', '"', '""', '\n', '\r\n', 'é', '£', '\t'),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const table = fc.integer({ min: 1, max: 6 }).chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.array(fc.array(awkwardCell, { minLength: columns, maxLength: columns }), {
      minLength: 1,
      maxLength: 12,
    }),
    delimiter: fc.constantFrom<Delimiter>(',', ';', '|', '\t'),
    newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    finalNewline: fc.boolean(),
  }),
);

function file(t: {
  columns: number;
  rows: string[][];
  delimiter: Delimiter;
  newline: string;
  finalNewline: boolean;
}) {
  const header = Array.from({ length: t.columns }, (_, i) => `c${i}`);
  const rows = [header, ...t.rows];
  return { rows, text: writeCsv(rows, t.delimiter, t.newline) + (t.finalNewline ? t.newline : '') };
}

describe('reader round trip (property)', () => {
  it('small files, any chunk size from 1 byte: the same cells', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 64 }), async (t, chunkSize) => {
        const { rows, text } = file(t);
        const read = await readBack(text, t.columns, t.delimiter, t.newline, chunkSize);
        expect(cellsOf(read, t.columns)).toEqual(expectedCells(rows));
        expect(read.malformedRows).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('the 1 MiB parse boundary anywhere inside the random rows: the same cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(
          PARSE_CHUNK_CHARS / 256,
          PARSE_CHUNK_CHARS / 16,
          PARSE_CHUNK_CHARS,
          PARSE_CHUNK_CHARS * 4,
        ),
        async (t, where, chunkSize) => {
          const { rows, text } = file(t);
          // Plain rows up to just before the boundary, then the random rows straddling it.
          const filler = Array.from({ length: t.columns }, () => 'x'.repeat(40)).join(t.delimiter);
          const body = text.slice(text.indexOf(t.newline) + t.newline.length);
          const fillerRows = Math.floor(
            (PARSE_CHUNK_CHARS - Math.floor(where * body.length)) /
              (filler.length + t.newline.length),
          );
          const header = text.slice(0, text.indexOf(t.newline) + t.newline.length);
          const big = header + (filler + t.newline).repeat(fillerRows) + body;
          const read = await readBack(big, t.columns, t.delimiter, t.newline, chunkSize);
          const cells = cellsOf(read, t.columns);
          expect(cells.length).toBe(fillerRows + expectedCells(rows).length);
          expect(cells.slice(fillerRows)).toEqual(expectedCells(rows));
          expect(
            cells.slice(0, fillerRows).every((row) => row.every((c) => c === 'x'.repeat(40))),
          ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/**
 * Any text at all, including sloppy CSV (`12" tray` unquoted, junk after a closing quote, a quote
 * never closed): the reader's segmenting around quotes must not change how PapaParse reads the
 * whole text at once.
 */
describe('reader = PapaParse on the whole text (property)', () => {
  const sloppy = fc.record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
    newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    tokens: fc.array(fc.constantFrom('a', 'b ', '"', '""', 'D', 'N', 'N', '\n', '\r', 'é'), {
      maxLength: 60,
    }),
  });
  const textOf = (t: { delimiter: string; newline: string; tokens: string[] }) =>
    `c0${t.delimiter}c1${t.delimiter}c2${t.newline}` +
    t.tokens.map((x) => (x === 'D' ? t.delimiter : x === 'N' ? t.newline : x)).join('');
  const oracle = (text: string, delimiter: Delimiter, newline: string) =>
    expectedCells(Papa.parse<string[]>(text, { delimiter, newline: newline as '\n' }).data).map(
      (row) => [0, 1, 2].map((c) => row[c] ?? ''),
    );

  it('small files, chunks from 1 byte', async () => {
    await fc.assert(
      fc.asyncProperty(sloppy, fc.integer({ min: 1, max: 32 }), async (t, chunkSize) => {
        const text = textOf(t);
        const read = await readBack(text, 3, t.delimiter, t.newline, chunkSize);
        expect(cellsOf(read, 3)).toEqual(oracle(text, t.delimiter, t.newline));
      }),
      { numRuns: 400 },
    );
  });

  it('with the 1 MiB parse boundary inside the sloppy part', async () => {
    await fc.assert(
      fc.asyncProperty(sloppy, fc.nat(200), async (t, back) => {
        const text = textOf(t);
        const header = text.slice(0, text.indexOf(t.newline) + t.newline.length);
        const filler = ['x'.repeat(40), 'y', 'z'].join(t.delimiter) + t.newline;
        const rows = Math.floor((PARSE_CHUNK_CHARS - header.length - back) / filler.length);
        const big = header + filler.repeat(rows) + text.slice(header.length);
        const read = await readBack(big, 3, t.delimiter, t.newline, PARSE_CHUNK_CHARS / 16);
        const expected = oracle(big, t.delimiter, t.newline);
        expect(read.rowCount).toBe(expected.length);
        expect(cellsOf(read, 3).slice(rows)).toEqual(expected.slice(rows));
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * The reader works on the file's bytes and decodes only values and quoted lines: the result must
 * be that of decoding the whole file first (falling back to Windows-1252 if it is not UTF-8) and
 * then parsing the text, whatever the bytes.
 */
describe('reader = decoding the whole file, then PapaParse (property)', () => {
  const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
  const PIECES: Record<string, number[]> = {
    a: ascii('a'),
    spaced: ascii(' b '),
    quote: ascii('"'),
    cr: [13],
    lf: [10],
    tab: [9],
    eAcuteUtf8: [0xc3, 0xa9],
    euroUtf8: [0xe2, 0x82, 0xac],
    nbspUtf8: [0xc2, 0xa0],
    emojiUtf8: [0xf0, 0x9f, 0x98, 0x80],
    bom: [0xef, 0xbb, 0xbf],
    // Not UTF-8: Windows-1252 é, €, right quote, no-break space; a cut sequence; a surrogate.
    eAcute1252: [0xe9],
    euro1252: [0x80],
    quote1252: [0x92],
    nbsp1252: [0xa0],
    cut: [0xe2, 0x82],
    surrogate: [0xed, 0xa0, 0x80],
  };
  const file = fc.record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
    newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    encoding: fc.constantFrom<'utf-8' | 'windows-1252'>('utf-8', 'windows-1252'),
    bom: fc.boolean(),
    pieces: fc.array(fc.constantFrom(...Object.keys(PIECES), 'D', 'N', 'N', 'a', 'a'), {
      maxLength: 50,
    }),
  });

  it('any bytes, chunks from 6 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 6, max: 40 }), async (t, chunkSize) => {
        const head = `c0${t.delimiter}c1${t.delimiter}c2${t.newline}`;
        const bytes = Uint8Array.from([
          ...(t.bom ? PIECES.bom! : []),
          ...ascii(head),
          ...t.pieces.flatMap((p) =>
            p === 'D' ? ascii(t.delimiter) : p === 'N' ? ascii(t.newline) : PIECES[p]!,
          ),
        ]);
        let encoding = t.encoding;
        let text = '';
        try {
          if (encoding === 'utf-8') text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          encoding = 'windows-1252';
        }
        // Streaming: Node 20.18.3+ decodes Windows-1252 as Latin-1 otherwise (nodejs/node#60888).
        if (encoding === 'windows-1252')
          text = new TextDecoder(encoding).decode(bytes, { stream: true });
        // The decoder drops one UTF-8 byte-order mark and the reader a second one.
        else if (text.startsWith('\ufeff')) text = text.slice(1);
        const settings: ReadSettings = {
          encoding: t.encoding,
          delimiter: t.delimiter,
          newline: t.newline,
          headers: ['c0', 'c1', 'c2'],
          mapping: Object.fromEntries(ROLES.slice(0, 3).map((role, i) => [role, i])),
        };
        const read = await readTable(memorySource(bytes, 'b.csv', chunkSize), settings, () => {});
        // Cells are trimmed when they start or end with a space or control character (one edged
        // only by a no-break space is kept as it is); blank lines are left out.
        const trimmed = (cell: string) =>
          cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32)
            ? cell.trim()
            : cell;
        const expected = Papa.parse<string[]>(text, {
          delimiter: t.delimiter,
          newline: t.newline as '\n',
        })
          .data.filter((row) => !(row[0] === '' && row.every((c) => c.trim() === '')))
          .slice(1)
          .map((row) => [0, 1, 2].map((c) => trimmed(row[c] ?? '')));
        expect(cellsOf(read, 3)).toEqual(expected);
        expect(read.encoding).toBe(encoding);
        expect(read.encodingFallback).toBe(encoding !== t.encoding);
      }),
      { numRuns: 500 },
    );
  });
});

describe('reader: chunk boundaries by hand', () => {
  const settings = (newline: '\n' | '\r\n'): ReadSettings => ({
    encoding: 'utf-8',
    delimiter: ',',
    newline,
    headers: ['id', 'note'],
    mapping: { customer: 0, description: 1 },
  });
  const read = (text: string, newline: '\n' | '\r\n', chunkSize: number) =>
    readTable(memorySource(text, 'b.csv', chunkSize), settings(newline), () => undefined);
  const rowsOf = (t: RawTable) =>
    Array.from({ length: t.rowCount }, (_, r) => [
      t.columns.customer!.values[t.columns.customer!.codes[r]!],
      t.columns.description!.values[t.columns.description!.codes[r]!],
    ]);

  it.each(['\n', '\r\n'] as const)(
    'a quoted multi-line field across the parse boundary, 7-byte and 1 MiB chunks (newline %j)',
    async (newline) => {
      const line = `x,${'plain'.repeat(20)}${newline}`;
      const quoted = `q,"first${newline}second, ""quoted""${newline}third"${newline}`;
      // With 7-byte chunks the first parse happens at the first multiple of 7 >= 2^20 characters.
      const boundary = Math.ceil(PARSE_CHUNK_CHARS / 7) * 7;
      // The boundary just inside the opening quote, on the line break inside the field (between
      // CR and LF with CRLF), and just before the closing quote.
      for (const before of [3, 8, quoted.length - 2]) {
        const fillers = Math.floor((boundary - before - 100) / line.length);
        const head = `id,note${newline}` + line.repeat(fillers);
        // The quoted row starts `before` characters ahead of the boundary.
        const pad = 'y'.repeat(boundary - before - head.length - 2 - newline.length);
        const text = head + `p,${pad}${newline}` + quoted + `z,last${newline}`;
        expect(text.indexOf('q,"first')).toBe(boundary - before);
        const small = rowsOf(await read(text, newline, 7));
        const large = rowsOf(await read(text, newline, PARSE_CHUNK_CHARS * 4));
        expect(small).toEqual(large);
        expect(small.length).toBe(fillers + 3);
        expect(small[fillers]).toEqual(['p', pad]);
        expect(small[fillers + 1]).toEqual(['q', `first${newline}second, "quoted"${newline}third`]);
        expect(small[fillers + 2]).toEqual(['z', 'last']);
      }
    },
    30_000,
  );
});
