/**
 * Cases written for the survivors of a mutation run on read.ts (README "Mutation testing"), small
 * and fast where read.test.ts' properties and 1 MiB boundary cases take seconds: every kind of
 * quoted line the reader cuts out for PapaParse, checked cell by cell against PapaParse on the
 * whole text and by hand; byte-order marks, NULs, progress, abort and read errors; one file just
 * over the 1 MiB parse size in 64 KiB chunks.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { AnalysisError } from '../errors.ts';
import type { ByteSource } from './source.ts';
import { PARSE_CHUNK_CHARS, type RawTable, readTable, type ReadSettings } from './read.ts';

function settings(newline: '\n' | '\r\n', delimiter: ',' | ';' = ','): ReadSettings {
  return {
    encoding: 'utf-8',
    delimiter,
    newline,
    headers: ['id', 'note', 'n'],
    mapping: { customer: 0, description: 1, quantity: 2 },
  };
}

const read = (
  text: string | Uint8Array,
  newline: '\n' | '\r\n' = '\n',
  chunkSize = 1 << 16,
  report: (...args: unknown[]) => void = () => undefined,
) => readTable(memorySource(text, 'r.csv', chunkSize), settings(newline), report);

function rowsOf(t: RawTable): string[][] {
  return Array.from({ length: t.rowCount }, (_, r) =>
    (['customer', 'description', 'quantity'] as const).map((role) => {
      const column = t.columns[role]!;
      return column.values[column.codes[r]!]!;
    }),
  );
}

/** PapaParse on the whole text: trimmed cells, blank rows and the header left out. */
function papa(text: string, newline: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter: ',', newline: newline as '\n' })
    .data.filter((row) => !(row[0] === '' && row.every((c) => c.trim() === '')))
    .slice(1)
    .map((row) => [0, 1, 2].map((c) => (row[c] ?? '').trim()));
}

describe('readTable: lines with quotes', () => {
  const lines = [
    'id,note,n',
    'c1,plain,1',
    '"c2","simple, quoted",2', // read in place
    'c3,"a ""b"" c",3', // an escaped quote: PapaParse
    'c4,"two{NL}lines",4', // a break inside
    'c5,12" tray,5', // a literal quote inside a field
    'c6,"x"  ,6', // spaces after the closing quote, then the delimiter
    'c7,"y"   ', // spaces, then the break
    'c8,"q" z, r",8', // other text after the closing quote stays in the field
    'c9,after,9',
  ];

  it.each(['\n', '\r\n'] as const)(
    'are read as PapaParse reads the whole text (%j)',
    async (nl) => {
      const text = lines.join(nl).replaceAll('{NL}', nl) + nl;
      const table = await read(text, nl);
      const rows = rowsOf(table);
      expect(rows).toEqual(papa(text, nl));
      expect(rows).toEqual([
        ['c1', 'plain', '1'],
        ['c2', 'simple, quoted', '2'],
        ['c3', 'a "b" c', '3'],
        ['c4', `two${nl}lines`, '4'],
        ['c5', '12" tray', '5'],
        ['c6', 'x', '6'],
        ['c7', 'y', ''],
        ['c8', 'q" z, r', '8'],
        ['c9', 'after', '9'],
      ]);
      expect(table.malformedRows).toBe(1);
      expect(table.malformedExamples).toEqual([8]);
      // The same, one byte at a time.
      expect(rowsOf(await read(text, nl, 1))).toEqual(rows);
    },
  );

  it('a quoted field still open at the end of the file: PapaParse reads the rest', async () => {
    const text = 'id,note,n\nc1,x,1\nc2,"open,2\nc3,y,3\n';
    const rows = rowsOf(await read(text));
    expect(rows).toEqual(papa(text, '\n'));
    expect(rows[0]).toEqual(['c1', 'x', '1']);
    expect(rows[1]![0]).toBe('c2');
    expect(rows[1]![1]).toContain('open,2\nc3,y,3');
  });

  it('a quoted row that is the last line, without a break', async () => {
    for (const last of ['c2,"a ""b""",2', 'c2,"a, b",2', '"c2",x,2']) {
      const text = `id,note,n\nc1,x,1\n${last}`;
      const rows = rowsOf(await read(text));
      expect(rows, last).toEqual(papa(text, '\n'));
      expect(rows.length, last).toBe(2);
    }
  });

  it('only a quoted line can start the file after the header', async () => {
    const text = 'id,note,n\n"c1","a ""b""",1\n';
    expect(rowsOf(await read(text))).toEqual([['c1', 'a "b"', '1']]);
    // A quote in the header itself.
    expect(rowsOf(await read('"id","no""te",n\nc1,x,1\n'))).toEqual([['c1', 'x', '1']]);
  });
});

describe('readTable: where a quoted row ends', () => {
  // Each row holds a line break inside a quoted field after something that could be taken for
  // the end of a field: cutting the row at that break would split it in two.
  const lines = [
    'id,note,n',
    'c1,"a"",{NL}b",1', // an escaped quote, then the delimiter
    'c2,12" tray,"m{NL}n"', // a literal quote, then a quoted field
    'c3,"x"  ,"p{NL}q"', // spaces after the closing quote, the delimiter, a quoted field
    'c4,"y" z,"r{NL}s"', // text after the closing quote
    'c5,"t"\t,"u{NL}v"', // a tab after the closing quote
    '"c6","w{NL}x",6',
    'c7,end,7',
  ];

  it.each(['\n', '\r\n'] as const)(
    'only at a break outside every quoted field (%j)',
    async (nl) => {
      const text = lines.join(nl).replaceAll('{NL}', nl) + nl;
      const rows = rowsOf(await read(text, nl));
      expect(rows).toEqual(papa(text, nl));
      expect(rows.map((row) => row[0])).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
      expect(rows[0]).toEqual(['c1', `a",${nl}b`, '1']);
      expect(rows[1]).toEqual(['c2', '12" tray', `m${nl}n`]);
      expect(rows[2]).toEqual(['c3', 'x', `p${nl}q`]);
      expect(rows[5]).toEqual(['c6', `w${nl}x`, '6']);
    },
  );

  it('with semicolons, commas inside a quoted field are not delimiters', async () => {
    const text = 'id;note;n\nc1;"a, ""b"", c, d";1\nc2;"e, f";2\n';
    const table = await readTable(memorySource(text), settings('\n', ';'), () => undefined);
    expect(rowsOf(table)).toEqual([
      ['c1', 'a, "b", c, d', '1'],
      ['c2', 'e, f', '2'],
    ]);
  });

  it('the last line needs no break', async () => {
    expect(rowsOf(await read('id,note,n\nc1,x,1\nc2,y,2'))).toEqual([
      ['c1', 'x', '1'],
      ['c2', 'y', '2'],
    ]);
  });
});

describe('readTable: the file around the rows', () => {
  it('skips one or two byte-order marks at the start only', async () => {
    const bom = [0xef, 0xbb, 0xbf];
    const body = new TextEncoder().encode('id,note,n\n\uFEFFc1,x,1\n');
    for (const marks of [1, 2]) {
      const bytes = Uint8Array.from([...Array(marks).fill(bom).flat(), ...body]);
      const rows = rowsOf(await read(bytes));
      // A mark inside the file is a character of its cell.
      expect(rows).toEqual([['\uFEFFc1', 'x', '1']]);
    }
  });

  it('removes stray NUL bytes and counts them', async () => {
    const table = await read('id,note,n\nc1,x\u0000y,1\u0000\u0000\n');
    expect(rowsOf(table)).toEqual([['c1', 'xy', '1']]);
    expect(table.nulBytes).toBe(3);
    expect(table.encoding).toBe('utf-8');
    expect(table.encodingFallback).toBe(false);
    expect(table.totalsRows).toBe(0);
  });

  it('reports progress by bytes read, then 1 and done', async () => {
    const calls: unknown[][] = [];
    await read('id,note,n\nc1,x,1\nc2,y,2\n', '\n', 4, (...args) => calls.push(args));
    expect(calls).toEqual([
      ['read', 1, 2],
      ['read', 1, 2, true],
    ]);
    const own: unknown[][] = [];
    const source: ByteSource = { ...memorySource('id,note,n\nc1,x,1\n'), progress: () => 0.25 };
    await readTable(source, settings('\n'), (...args: unknown[]) => own.push(args));
    expect(own).toEqual([
      ['read', 0.25, 1],
      ['read', 1, 1, true],
    ]);
    const empty: unknown[][] = [];
    await readTable({ ...memorySource(''), size: 0 }, settings('\n'), (...args: unknown[]) =>
      empty.push(args),
    );
    expect(empty).toEqual([
      ['read', 0, 0],
      ['read', 1, 0, true],
    ]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      readTable(
        memorySource('id,note,n\nc1,x,1\n'),
        settings('\n'),
        () => undefined,
        controller.signal,
      ),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('a stream that fails is a read error that says so', async () => {
    const failing: ByteSource = {
      name: 'f.csv',
      size: 100,
      // The first chunk arrives; the next read fails (the file went away).
      stream: () => {
        let pulls = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('id,note,n\nc1,x,1\n'));
            else controller.error(new Error('disk gone'));
          },
        });
      },
    };
    const error = await readTable(failing, settings('\n'), () => undefined).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AnalysisError);
    expect(error).toMatchObject({
      code: 'read-failed',
      message:
        'The file could not be read to the end. If it is compressed, it may be damaged; try exporting it again.',
    });
    expect(String((error as AnalysisError).detail)).toContain('disk gone');
  });

  it('a file that is not UTF-8 after its head is read again as Windows-1252', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('id,note,n\nc1,caf'), 0xe9, ...new TextEncoder().encode(',1\n')]); // prettier-ignore
    const table = await read(bytes);
    expect(table.encoding).toBe('windows-1252');
    expect(table.encodingFallback).toBe(true);
    expect(rowsOf(table)).toEqual([['c1', 'café', '1']]);
    // Windows-1252 asked for: read as such, no fallback.
    const asked = await readTable(memorySource(bytes), { ...settings('\n'), encoding: 'windows-1252' }, () => undefined); // prettier-ignore
    expect(asked.encodingFallback).toBe(false);
    expect(rowsOf(asked)).toEqual([['c1', 'café', '1']]);
  });
});

describe('readTable: settings', () => {
  it('skips the title block and leaves out totals rows without a customer', async () => {
    const text = 'Shop report\nid,note,n\nc1,x,1\nTotal,,1\nc2,Total,2\n';
    const table = await readTable(
      memorySource(text),
      { ...settings('\n'), headerRow: 1 },
      () => undefined,
    );
    expect(rowsOf(table)).toEqual([
      ['c1', 'x', '1'],
      ['c2', 'Total', '2'],
    ]);
    expect(table.totalsRows).toBe(1);
  });

  it('a byte that is not UTF-8 in a column not kept still means Windows-1252', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('id,note,n,other\nc1,x,1,caf'), 0xe9, 10]); // prettier-ignore
    const table = await readTable(
      memorySource(bytes),
      { ...settings('\n'), headers: ['id', 'note', 'n', 'other'] },
      () => undefined,
    );
    expect(table.encoding).toBe('windows-1252');
    expect(table.encodingFallback).toBe(true);
    expect(rowsOf(table)).toEqual([['c1', 'x', '1']]);
  });

  it('UTF-16 is read as text', async () => {
    const text = 'id,note,n\nc1,Zoë,1\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
    const table = await readTable(memorySource(le), { ...settings('\n'), encoding: 'utf-16le' }, () => undefined); // prettier-ignore
    expect(rowsOf(table)).toEqual([['c1', 'Zoë', '1']]);
    expect(table.encoding).toBe('utf-16le');
  });

  it('a read that fails is not tried again as Windows-1252', async () => {
    let opened = 0;
    const once: ByteSource = {
      name: 'f.csv',
      size: 100,
      // The first reading fails after its first chunk; a second one would succeed.
      stream: () => {
        const attempt = opened++;
        let pulls = 0;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('id,note,n\nc1,x,1\n'));
            else if (attempt === 0) controller.error(new Error('disk gone'));
            else controller.close();
          },
        });
      },
    };
    await expect(readTable(once, settings('\n'), () => undefined)).rejects.toMatchObject({
      code: 'read-failed',
    });
    expect(opened).toBe(1);
  });
});

describe('readTable: a file just over the 1 MiB parse size', () => {
  it('a plain row across the first parse is read whole', async () => {
    const filler = `c,${'f'.repeat(50)},1\n`;
    const rows = Math.floor((PARSE_CHUNK_CHARS - 200) / filler.length);
    const head = 'id,note,n\n' + filler.repeat(rows);
    // The 1 MiB point falls inside the "m" row, well before its break.
    const text = `${head}m,${'g'.repeat(400)},2\nz,"q",3\n`;
    const table = await read(text);
    expect(table.rowCount).toBe(rows + 2);
    expect(rowsOf(table).slice(rows)).toEqual([
      ['m', 'g'.repeat(400), '2'],
      ['z', 'q', '3'],
    ]);
  });

  it('rows and a quoted field across the first parse are read whole, progress in between', async () => {
    const nl = '\n';
    const filler = `c,${'f'.repeat(50)},1${nl}`;
    const rows = Math.floor((PARSE_CHUNK_CHARS - 200) / filler.length);
    // The quoted field starts a few bytes before the 1 MiB point and ends after it.
    const head = 'id,note,n' + nl + filler.repeat(rows);
    const pad = 'p'.repeat(PARSE_CHUNK_CHARS - head.length - 12);
    const text = `${head}q,${pad},2${nl}r,"a ""b""${nl}c",3${nl}s,"plain",4${nl}`;
    const calls: unknown[][] = [];
    const table = await read(text, nl, 1 << 16, (...args) => calls.push(args));
    expect(table.rowCount).toBe(rows + 3);
    const all = rowsOf(table);
    expect(all[0]).toEqual(['c', 'f'.repeat(50), '1']);
    expect(all.slice(rows)).toEqual([
      ['q', pad, '2'],
      ['r', `a "b"${nl}c`, '3'],
      ['s', 'plain', '4'],
    ]);
    expect(all.filter((row) => row[0] === 'c').length).toBe(rows);
    // One report at the first parse, with the rows read so far, then the end.
    expect(calls.length).toBe(3);
    expect(calls[0]![1]).toBeCloseTo(PARSE_CHUNK_CHARS / text.length, 2);
    expect(calls[0]![2]).toBe(rows + 1);
    expect(calls.slice(1)).toEqual([
      ['read', 1, rows + 3],
      ['read', 1, rows + 3, true],
    ]);
  });
});
