/**
 * Exports are safe to open in a spreadsheet (OWASP "CSV injection"): a TEXT cell starting with
 * =, +, -, @, tab or carriage return gets a leading apostrophe, so no spreadsheet runs it as a
 * formula; NUMBER cells are written as numbers, never altered.
 *
 * Decided: a customer id is text, so an id `-12` is written `'-12`, as OWASP says for every text
 * cell starting with `-`. Telling a harmless "-12" from `-2+3+cmd|' /C calc'!A0` by pattern is the
 * kind of cleverness such attacks slip through, and an id must stay text anyway (a spreadsheet
 * would turn `-0012` into -12). The number -12 (a negative amount) is written `-12`.
 *
 * And the exports are byte-identical for the same file, options and seed.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { segmentsFor } from '../pipeline.ts';
import { analyzeText, lines } from '../testing/fixtures.ts';
import { csvLine, delimitedChunks, neutraliseFormula, numberCell, toCsv } from './csv.ts';
import { customersCsv, customersCsvChunks, segmentsCsv } from './tables.ts';

const parse = (text: string) =>
  Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;

describe('formula neutralising (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-12', "'-12"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
  ])('text %j starts with an apostrophe', (text, safe) => {
    expect(neutraliseFormula(text)).toBe(safe);
    // And reads back as exactly that, quoting and all.
    expect(parse(csvLine([text]))[0]).toEqual([safe]);
  });

  it.each(['12', '00123', 'a=b', 'x+y', 'mail@example.com', '', ' =1', 'Champions', 'é=1'])(
    'text %j that does not start with a formula character is unchanged',
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );

  it('numbers stay numbers: a negative number is written as it is, a non-finite one is empty', () => {
    expect(csvLine([-12, 0, -0, 2.55, -1e-7, 1e21, 2 ** 64])).toBe(
      '-12,0,0,2.55,-1e-7,1e+21,18446744073709552000',
    );
    expect(csvLine([NaN, Infinity, -Infinity, null])).toBe(',,,');
    expect(numberCell(-12)).toBe('-12');
    // The same value as text and as number: only the text is prefixed.
    expect(csvLine(['-12', -12])).toBe("'-12,-12");
  });

  it('quoting: delimiters, quotes and line breaks, after the apostrophe is added', () => {
    expect(csvLine(['=1,2', 'a "b"', 'two\nlines', '-x\r\ny'])).toBe(
      `"'=1,2","a ""b""","two\nlines","'-x\r\ny"`,
    );
  });

  it('property: any text reads back as itself or with one apostrophe, and never starts a formula', () => {
    const dangerous = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '', '', 'a', '"', ',', '\n');
    const text = fc
      .tuple(dangerous, fc.string({ unit: 'binary', maxLength: 12 }))
      .map(([start, rest]) => start + rest);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
        // A row of one empty cell is an empty line in any CSV: nothing to read back.
        fc.pre(!(cells.length === 1 && cells[0] === ''));
        const [row] = parse(toCsv(['h'], [cells]).split('\r\n').slice(1).join('\r\n'));
        expect(row).toHaveLength(cells.length);
        row!.forEach((read, i) => {
          const original = cells[i]!;
          expect(read === original || read === `'${original}`).toBe(true);
          expect(/^[=+\-@\t\r]/.test(read)).toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: every finite double is written so that it reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const cell = csvLine([x]);
        expect(Number(cell)).toBe(x === 0 ? 0 : x);
        expect(cell.startsWith("'")).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** Customers whose ids, products and countries are formulas; some spend a lot, some little. */
function hostileFile(): string {
  const ids = ['=1+1', '-12', '+44 20 7946', '@SUM(1)', '\t=cmd', '12', '00012', 'plain', 'x=y'];
  const rows = [HEADER];
  ids.forEach((id, c) => {
    for (let o = 0; o <= c % 4; o++)
      rows.push(
        `${1000 + c * 10 + o},=P${o},"=HYPERLINK(""http://x"")",${1 + c},2011-0${1 + (o % 9)}-1${c % 10} 10:00:00,${(1.5 * (c + 1)).toFixed(2)},"${id}",=Country`,
      );
  });
  return lines(...rows);
}

describe('exports of a hostile file', () => {
  it('customer ids and names are neutralised in the customers export; numbers are not', async () => {
    const { data, clustering, segmentation } = await analyzeText(hostileFile(), { k: 2 });
    const { table } = data.groups;
    expect(table.ids).toEqual(expect.arrayContaining(['=1+1', '-12', '@SUM(1)', '=cmd']));
    const names = { 0: '=EVIL()', 1: '-Lost' };
    const renamed = segmentsFor(table, clustering, 2, names);
    const rows = parse(customersCsv(table, renamed.labels, renamed.segments));
    const byId = new Map(rows.slice(1).map((r) => [r[0]!, r]));
    expect([...byId.keys()].sort()).toEqual(
      ["'+44 20 7946", "'-12", "'=1+1", "'@SUM(1)", "'=cmd", '00012', '12', 'plain', 'x=y'].sort(),
    );
    for (const row of rows.slice(1)) {
      // Features and the cluster number are plain numbers.
      row.slice(1, 9).forEach((cell) => expect(cell).toMatch(/^\d+(\.\d+)?(e[+-]\d+)?$/));
      expect(["'=EVIL()", "'-Lost"]).toContain(row[9]);
    }
    expect(segmentation.segments).toHaveLength(2);
    for (const row of parse(segmentsCsv(renamed.segments)).slice(1)) {
      expect(["'=EVIL()", "'-Lost"]).toContain(row[1]);
      row.slice(2, 12).forEach((cell) => expect(Number.isFinite(Number(cell))).toBe(true));
    }
    for (const line of customersCsv(table, renamed.labels, renamed.segments).split('\r\n'))
      for (const cell of parse(line)[0] ?? []) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
  });
});

/** 60 customers, varied enough for several segments. */
function file(): string {
  const rows = [HEADER];
  let invoice = 5000;
  for (let c = 0; c < 60; c++)
    for (let o = 0; o < 1 + ((c * 7) % 5); o++)
      rows.push(
        `${invoice++},P${(c + o) % 7},"Item, ${o}",${1 + ((c * 3) % 7)},2011-${String(1 + ((c + 5 * o) % 12)).padStart(2, '0')}-${String(1 + ((c * 11 + o) % 28)).padStart(2, '0')} ${String(8 + (c % 10)).padStart(2, '0')}:15:00,${(0.85 + ((c * 13) % 40) / 4).toFixed(2)},${13000 + c * 17},${c % 3 ? 'United Kingdom' : 'France'}`,
      );
  return lines(...rows);
}

describe('same file, same options, same seed: byte-identical exports', () => {
  it.each([
    ['rfm, log1p, standard', {}],
    [
      'ext, none, robust, seed 7',
      { features: 'ext', transform: 'none', scaling: 'robust', seed: 7 },
    ],
  ] as const)(
    '%s: customers and segments CSV and the cohort equal byte for byte',
    async (_, options) => {
      const exports = async (chunkSize: number) => {
        const r = await analyzeText(file(), { ...options, chunkSize });
        return [
          customersCsv(r.data.groups.table, r.segmentation.labels, r.segmentation.segments),
          segmentsCsv(r.segmentation.segments),
          JSON.stringify(r.data.cohort),
          String(r.k),
        ];
      };
      const first = await exports(1 << 16);
      const second = await exports(1 << 16);
      const otherChunks = await exports(113);
      expect(new TextEncoder().encode(second.join('\u0000'))).toEqual(
        new TextEncoder().encode(first.join('\u0000')),
      );
      expect(otherChunks).toEqual(first);
      expect(first[0]!.split('\r\n').length).toBe(62); // header, 60 customers, final line end
    },
  );
});

describe('a large CSV written in pieces', () => {
  const rows = Array.from({ length: 7 }, (_, i) => [`c${i}`, i * 1.5, i % 2 ? '=SUM(A1)' : null]);

  it('splits after every `linesPerChunk` lines, the header counted in the first piece', () => {
    const pieces = [...delimitedChunks(['id', 'x', 'note'], rows, undefined, 3)];
    expect(pieces.map((p) => p.split('\r\n').length - 1)).toEqual([3, 3, 2]);
    expect(pieces[0]!.startsWith('id,x,note\r\nc0,0,\r\n')).toBe(true);
    expect(pieces[2]).toBe("c5,7.5,'=SUM(A1)\r\nc6,9,\r\n");
    expect(pieces.join('')).toBe(toCsv(['id', 'x', 'note'], rows));
  });

  it('ends with the last full piece when the lines fill it: no empty piece after', () => {
    const pieces = [...delimitedChunks(['id', 'x', 'note'], rows.slice(0, 5), undefined, 3)];
    expect(pieces.map((p) => p.split('\r\n').length - 1)).toEqual([3, 3]);
  });

  it('joins the pieces of a long file with nothing between them', () => {
    const many = Array.from({ length: 4500 }, (_, i) => [`c${i}`, i]);
    const text = toCsv(['id', 'n'], many);
    expect(text).toBe(['id,n', ...many.map(([id, n]) => `${id},${n}`), ''].join('\r\n'));
  });

  it('gives the header alone for no rows, and one piece when the lines fit', () => {
    expect([...delimitedChunks(['id'], [])]).toEqual(['id\r\n']);
    expect([...delimitedChunks(['id', 'x', 'note'], rows)]).toEqual([
      toCsv(['id', 'x', 'note'], rows),
    ]);
  });

  it("customers.csv's pieces are its text", async () => {
    const r = await analyzeText(file(), { k: 3 });
    const { table } = r.data.groups;
    const { labels, segments } = r.segmentation;
    const pieces = [...customersCsvChunks(table, labels, segments)];
    expect(pieces.length).toBe(1);
    expect(pieces.join('')).toBe(customersCsv(table, labels, segments));
    expect(pieces[0]!.split('\r\n').length - 2).toBe(table.ids.length);
  });
});
