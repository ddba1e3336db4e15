/**
 * A file read in two parts (split.ts: up to a line break near the middle here, the rest by another
 * reader) must give the very table one pass gives: codes, dictionaries in order of first
 * appearance, counts and line numbers; and when the split point is inside a quoted field, when the
 * rest is not valid UTF-8 or fails, the same as one pass too. The other thread is played here by a
 * reader in the same thread, on a copy of the rest's bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import type { ColumnMapping, Delimiter } from '../types.ts';
import { readTable, type RawTable, type ReadSettings } from './read.ts';
import { PARSE_CHUNK_CHARS, scanSource } from './scan.ts';
import { readRest, type RestReader, type RestRequest, splitPoint } from './split.ts';
import type { ByteSource } from './source.ts';

const noReport = () => undefined;

/** A reader of the rest in this thread, counting its calls; splits files of any size. */
function sameThread(chunkSize = 1 << 12) {
  const requests: RestRequest[] = [];
  const reader: RestReader = {
    minBytes: 1,
    readRest(handle, request) {
      requests.push(request);
      return readRest(memorySource(handle as Uint8Array, 'rest.csv', chunkSize), request);
    },
  };
  return { reader, requests };
}

function settingsFor(
  headers: string[],
  mapping: ColumnMapping,
  options: Partial<ReadSettings> = {},
): ReadSettings {
  return { encoding: 'utf-8', delimiter: ',', newline: '\n', headers, mapping, ...options };
}

/** The table as plain values: each column's code array type, codes and dictionary. */
function plain(table: RawTable) {
  const columns = Object.fromEntries(
    Object.entries(table.columns).map(([role, column]) => [
      role,
      {
        type: column.codes.constructor.name,
        codes: Array.from(column.codes),
        values: column.values,
      },
    ]),
  );
  return { ...table, columns };
}

async function bothWays(bytes: Uint8Array, settings: ReadSettings, chunkSize = 1 << 12) {
  const once = await readTable(memorySource(bytes, 'f.csv', chunkSize), settings, noReport);
  const { reader, requests } = sameThread(chunkSize);
  const split = await readTable(
    memorySource(bytes, 'f.csv', chunkSize),
    settings,
    noReport,
    undefined,
    reader,
  );
  return { once: plain(once), split: plain(split), requests };
}

const encode = (text: string) => new TextEncoder().encode(text);
const HEADERS = ['Invoice', 'Customer', 'Date', 'Qty', 'Note'];
const MAPPING: ColumnMapping = { invoice: 0, customer: 1, date: 2, quantity: 3 };

/** Lines of a sales file: invoices over several lines, customers repeating. */
function lines(count: number, customers = 30) {
  return Array.from(
    { length: count },
    (_, i) =>
      `${1000 + Math.floor(i / 3)},C${i % customers},2024-01-${(i % 28) + 1},${i % 7},n${i}`,
  );
}

describe('reading a file in two parts', () => {
  it('gives the table one pass gives, with the rest read by the other reader', async () => {
    const text = [HEADERS.join(','), ...lines(2000)].join('\n') + '\n';
    const { once, split, requests } = await bothWays(encode(text), settingsFor(HEADERS, MAPPING));
    expect(requests).toHaveLength(1);
    expect(split).toEqual(once);
    expect(split.rowCount).toBe(2000);
  });

  it('keeps dictionaries in order of first appearance and widens codes the halves share', async () => {
    // 200 customers in the first half, 200 others in the second: 400 values need two bytes.
    const first = Array.from({ length: 600 }, (_, i) => `1,A${i % 200},2024-01-01,1,x`);
    const second = Array.from({ length: 600 }, (_, i) => `2,B${i % 200},2024-01-02,1,x`);
    const text = [HEADERS.join(','), ...first, ...second].join('\n');
    const { once, split, requests } = await bothWays(encode(text), settingsFor(HEADERS, MAPPING));
    expect(requests).toHaveLength(1);
    expect(split).toEqual(once);
    expect(split.columns.customer?.type).toBe('Uint16Array');
    expect(split.columns.customer?.values.slice(198, 202)).toEqual(['A198', 'A199', 'B0', 'B1']);
  });

  it('numbers malformed lines, totals, blank lines and NUL bytes of the second part as in one pass', async () => {
    const body = lines(400);
    body.splice(50, 0, '1,2,3'); // malformed, first part
    body.splice(300, 0, '', '9,9,9', 'Total,,,,'); // a blank line, malformed, a totals row
    body.splice(380, 0, `1\u0000,C1,2024-01-01,1,x`, '7,7'); // a NUL byte; malformed
    const text = ['Report of sales', '', HEADERS.join(','), ...body].join('\r\n');
    const settings = settingsFor(HEADERS, MAPPING, { newline: '\r\n', headerRow: 1 });
    const { once, split, requests } = await bothWays(encode(text), settings);
    expect(requests).toHaveLength(1);
    expect(split).toEqual(once);
    expect(split.malformedExamples).toEqual([54, 305, 385]);
    expect(split.totalsRows).toBe(1);
    expect(split.nulBytes).toBe(1);
  });

  it('reads the file again in one piece when a quoted field runs across the split point', async () => {
    const before = lines(200);
    const after = lines(200);
    const head = [HEADERS.join(','), ...before].join('\n') + '\n';
    // A note whose line breaks start just before the middle of the file and end well after it.
    const note = `9,C1,2024-02-01,1,"${'line\n'.repeat(Math.ceil(head.length / 5) + 50)}end"\n`;
    const text = head + note + after.join('\n');
    const bytes = encode(text);
    const middle = Math.floor(bytes.length / 2);
    expect(middle).toBeGreaterThan(head.length);
    expect(middle).toBeLessThan(head.length + note.length);
    const { once, split, requests } = await bothWays(bytes, settingsFor(HEADERS, MAPPING));
    expect(requests).toHaveLength(1); // tried, then read in one piece
    expect(split).toEqual(once);
    expect(split.rowCount).toBe(401);
  });

  it('re-reads as Windows-1252 when only the second part is not UTF-8', async () => {
    const body = lines(600);
    const text = [HEADERS.join(','), ...body].join('\n');
    const bytes = new Uint8Array([
      ...encode(text),
      ...encode('\n1,Caf'),
      0xe9,
      ...encode(',2024-01-01,1,x'),
    ]);
    const { once, split, requests } = await bothWays(bytes, settingsFor(HEADERS, MAPPING));
    expect(requests.map((r) => r.encoding)).toEqual(['utf-8', 'windows-1252']);
    expect(split).toEqual(once);
    expect(split.encodingFallback).toBe(true);
    expect(split.columns.customer?.values).toContain('Café');
  });

  it('reads the file in one piece when the other reader fails or crashes', async () => {
    const text = [HEADERS.join(','), ...lines(500)].join('\n');
    const settings = settingsFor(HEADERS, MAPPING);
    const once = await readTable(memorySource(encode(text)), settings, noReport);
    const failing: RestReader = {
      minBytes: 1,
      readRest: () => Promise.resolve({ failed: 'other', message: 'worker gone' }),
    };
    const split = await readTable(
      memorySource(encode(text)),
      settings,
      noReport,
      undefined,
      failing,
    );
    expect(plain(split)).toEqual(plain(once));
    const crashing: RestReader = {
      minBytes: 1,
      readRest: () => Promise.reject(new Error('worker crashed')),
    };
    const source = memorySource(encode(text));
    const crashed = await readTable(source, settings, noReport, undefined, crashing);
    expect(plain(crashed)).toEqual(plain(once));
  });

  it('does not split small, compressed or UTF-16 files', async () => {
    const text = [HEADERS.join(','), ...lines(300)].join('\n');
    const settings = settingsFor(HEADERS, MAPPING);
    const source = memorySource(encode(text));
    expect(await splitPoint(source, settings, source.size + 1)).toBeNull();
    expect(await splitPoint(source, { ...settings, encoding: 'utf-16le' }, 1)).toBeNull();
    const gzip = new Uint8Array(
      await new Response(
        new Blob([encode(text)]).stream().pipeThrough(new CompressionStream('gzip')),
      ).arrayBuffer(),
    );
    expect(await splitPoint(memorySource(gzip), settings, 1)).toBeNull();
    const { once, split, requests } = await bothWays(gzip, settings);
    expect(requests).toHaveLength(0);
    expect(split).toEqual(once);
  });

  it('splits just after the first line break past the middle', async () => {
    const text = 'h1,h2\r\n' + 'a,b\r\n'.repeat(10);
    const source = memorySource(encode(text));
    const settings = settingsFor(['h1', 'h2'], {}, { newline: '\r\n' });
    // 57 bytes: the middle (28) is inside the line from 27; its CR LF ends at 32.
    expect(await splitPoint(source, settings, 1)).toBe(32);
    const oneLine = memorySource(encode('h1,h2\n' + 'x'.repeat(40)));
    expect(await splitPoint(oneLine, settingsFor(['h1', 'h2'], {}), 1)).toBeNull();
  });

  it('gives the table one pass gives for random files with quoted cells and line breaks', async () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        'x',
        'C1',
        'C2',
        'é',
        '12" tray',
        'a,b',
        'two\nlines',
        'q""q',
        ' pad ',
      ),
      fc.string({ maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom<Delimiter>(',', ';'),
        fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        fc.integer({ min: 3, max: 64 }),
        async (rows, delimiter, newline, chunkSize) => {
          const quote = (c: string) =>
            c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
          const text = [['a', 'b', 'c'], ...rows]
            .map((row) => row.map(quote).join(delimiter))
            .join(newline);
          const settings = settingsFor(
            ['a', 'b', 'c'],
            { customer: 0, invoice: 1, product: 2 },
            {
              delimiter,
              newline,
            },
          );
          const { once, split } = await bothWays(encode(text), settings, chunkSize);
          expect(split).toEqual(once);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads each byte once when the split holds, and the whole file again when it does not', async () => {
    const counted = (bytes: Uint8Array) => {
      const base = memorySource(bytes);
      let wholeReads = 0;
      const source = {
        ...base,
        stream: () => {
          wholeReads++;
          return base.stream();
        },
      };
      return { source, reads: () => wholeReads };
    };
    const settings = settingsFor(HEADERS, MAPPING);
    const aligned = counted(encode([HEADERS.join(','), ...lines(300)].join('\n')));
    await readTable(aligned.source, settings, noReport, undefined, sameThread().reader);
    expect(aligned.reads()).toBe(0);
    const head = [HEADERS.join(','), ...lines(20)].join('\n') + '\n';
    const note = `9,C1,2024-02-01,1,"${'x\n'.repeat(head.length)}"\n`;
    const across = counted(encode(head + note + lines(20).join('\n')));
    const table = await readTable(
      across.source,
      settings,
      noReport,
      undefined,
      sameThread().reader,
    );
    expect(across.reads()).toBe(1);
    expect(table.rowCount).toBe(41);
  });

  it('reads a source it cannot slice in one piece', async () => {
    const base = memorySource(encode([HEADERS.join(','), ...lines(100)].join('\n')));
    const unsliceable: ByteSource = { name: base.name, size: base.size, stream: base.stream };
    const { reader, requests } = sameThread();
    const table = await readTable(
      unsliceable,
      settingsFor(HEADERS, MAPPING),
      noReport,
      undefined,
      reader,
    );
    expect(requests).toHaveLength(0);
    expect(table.rowCount).toBe(100);
  });

  it('splits files from minBytes on', async () => {
    const source = memorySource(encode([HEADERS.join(','), ...lines(100)].join('\n')));
    const settings = settingsFor(HEADERS, MAPPING);
    expect(await splitPoint(source, settings, source.size)).not.toBeNull();
    expect(await splitPoint(source, settings, source.size + 1)).toBeNull();
  });

  it('skips a byte-order mark before a blank line and the header, in one pass and in two', async () => {
    const text = '\n' + [HEADERS.join(','), ...lines(300)].join('\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
    const { once, split } = await bothWays(bytes, settingsFor(HEADERS, MAPPING));
    expect(split).toEqual(once);
    expect(split.rowCount).toBe(300);
    expect(split.columns.invoice?.values[0]).toBe('1000');
  });

  it('keeps a row labelled Total that names a customer, and leaves out one that does not', async () => {
    const body = lines(300);
    body.splice(250, 0, 'Total,C7,2024-01-02,1,x', 'Total,,,9,x');
    const text = [HEADERS.join(','), ...body].join('\n');
    const { once, split } = await bothWays(encode(text), settingsFor(HEADERS, MAPPING));
    expect(split).toEqual(once);
    expect(split.rowCount).toBe(301);
    expect(split.totalsRows).toBe(1);
    expect(split.columns.invoice?.values).toContain('Total');
  });

  it('reports the rows of the whole file while reading its first part', async () => {
    // Progress is reported once per parsed chunk: a first part of a few chunks.
    const count = Math.ceil((PARSE_CHUNK_CHARS * 6) / 35);
    const bytes = encode([HEADERS.join(','), ...lines(count)].join('\n') + '\n');
    const split = (await splitPoint(memorySource(bytes), settingsFor(HEADERS, MAPPING), 1))!;
    const reports: number[] = [];
    const { sink } = await scanSource(
      memorySource(bytes, 'f.csv', 1 << 16).slice(0, split),
      settingsFor(HEADERS, MAPPING),
      'utf-8',
      (_stage, _fraction, rows) => reports.push(rows),
      undefined,
      'head',
      0.5,
    );
    expect(reports.length).toBeGreaterThan(1);
    expect(reports[reports.length - 1]).toBe(sink.rowCount * 2);
  });
});
