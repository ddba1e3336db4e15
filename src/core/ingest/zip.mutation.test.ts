/**
 * The zip reader on small archives built here with fflate: entries stored and deflated, found by
 * their names in any case, read whole or as a stream in slices with the share read so far, and
 * every kind of archive it does not handle (no end record, zip64, encryption, damage, another
 * compression) refused with UnsupportedZip, which sends the workbook to SheetJS instead.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { entryStream, inflateEntry, readEntry, UnsupportedZip, zipEntries } from './zip.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const TEXT = 'Customer,Amount\n' + 'C1,2.5\n'.repeat(400);

function archive(): Uint8Array {
  return zipSync({
    'Stored.txt': [encode('stored bytes'), { level: 0 }],
    'xl/Sheet.xml': [encode(TEXT), { level: 6 }],
    'empty.txt': [new Uint8Array(0), { level: 0 }],
  });
}

/** Where the end record and the central directory's entries start. */
function layout(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  return { view, end, central: view.getUint32(end + 16, true) };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  let text = '';
  const decoder = new TextDecoder();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    text += decoder.decode(next.value, { stream: true });
  return text + decoder.decode();
}

describe('zipEntries', () => {
  it('lists every entry by its lower-cased name, with method and sizes', () => {
    const entries = zipEntries(archive());
    expect([...entries.keys()]).toEqual(['stored.txt', 'xl/sheet.xml', 'empty.txt']);
    const stored = entries.get('stored.txt')!;
    expect(stored).toMatchObject({ name: 'Stored.txt', method: 0, size: 12, compressedSize: 12 });
    expect(stored.localHeader).toBe(0);
    const sheet = entries.get('xl/sheet.xml')!;
    expect(sheet.method).toBe(8);
    expect(sheet.size).toBe(TEXT.length);
    expect(sheet.compressedSize).toBeLessThan(TEXT.length);
    expect(sheet.localHeader).toBeGreaterThan(30 + 'Stored.txt'.length + 12 - 1);
  });

  it('finds the end record behind an archive comment, and drops a leading "/"', () => {
    const zip = zipSync({ '/A.xml': [encode('<a/>'), { level: 0 }] });
    const comment = encode('written by a shop system');
    const commented = new Uint8Array(zip.length + comment.length);
    commented.set(zip);
    commented.set(comment, zip.length);
    const { view, end } = layout(commented);
    view.setUint16(end + 20, comment.length, true);
    const entries = zipEntries(commented);
    expect([...entries.keys()]).toEqual(['a.xml']);
    expect(new TextDecoder().decode(readEntry(commented, entries, 'a.xml')!)).toBe('<a/>');
  });

  it('reads an archive of exactly one end record: no entries', () => {
    const empty = zipSync({});
    expect(empty.length).toBe(22);
    expect(zipEntries(empty).size).toBe(0);
  });

  it.each([
    ['no end record', /end of central directory/, (zip: Uint8Array) => zip.subarray(0, 40)],
    ['too short for one', /end of central directory/, () => new Uint8Array(21)],
    [
      'zip64 entry count',
      /zip64/,
      (zip: Uint8Array) => {
        const { view, end } = layout(zip);
        view.setUint16(end + 10, 0xffff, true);
        return zip;
      },
    ],
    [
      'zip64 directory offset',
      /zip64/,
      (zip: Uint8Array) => {
        const { view, end } = layout(zip);
        view.setUint32(end + 16, 0xffffffff, true);
        return zip;
      },
    ],
    [
      'a directory past the end',
      /damaged central directory/,
      (zip: Uint8Array) => {
        const { view, end } = layout(zip);
        view.setUint32(end + 16, zip.length - 2, true);
        return zip;
      },
    ],
    [
      'a damaged directory entry',
      /damaged central directory/,
      (zip: Uint8Array) => {
        const { view, central } = layout(zip);
        view.setUint32(central, 0x12345678, true);
        return zip;
      },
    ],
    [
      'an encrypted entry',
      /encrypted entry/,
      (zip: Uint8Array) => {
        const { view, central } = layout(zip);
        view.setUint16(central + 8, view.getUint16(central + 8, true) | 1, true);
        return zip;
      },
    ],
    [
      'a zip64 entry size',
      /zip64 entry/,
      (zip: Uint8Array) => {
        const { view, central } = layout(zip);
        view.setUint32(central + 24, 0xffffffff, true);
        return zip;
      },
    ],
    [
      'a zip64 compressed size',
      /zip64 entry/,
      (zip: Uint8Array) => {
        const { view, central } = layout(zip);
        view.setUint32(central + 20, 0xffffffff, true);
        return zip;
      },
    ],
  ])('refuses %s', (_, reason, damage) => {
    const damaged = damage(archive());
    expect(() => zipEntries(damaged)).toThrow(UnsupportedZip);
    expect(() => zipEntries(damaged)).toThrow(reason);
  });

  it('steps over the extra fields and comments of entries to the next one', () => {
    const zip = zipSync({
      'a.xml': [encode('<a/>'), { level: 0, comment: 'first', extra: { 0x6375: encode('xyz') } }],
      'b.xml': [encode('<b/>'), { level: 6, comment: 'second one' }],
    });
    const entries = zipEntries(zip);
    expect([...entries.keys()]).toEqual(['a.xml', 'b.xml']);
    expect(new TextDecoder().decode(readEntry(zip, entries, 'a.xml')!)).toBe('<a/>');
    expect(new TextDecoder().decode(readEntry(zip, entries, 'b.xml')!)).toBe('<b/>');
  });
});

describe('readEntry and inflateEntry', () => {
  it('reads stored and deflated entries whole, by name in any case; null when absent', () => {
    const zip = archive();
    const entries = zipEntries(zip);
    const read = (name: string) => new TextDecoder().decode(readEntry(zip, entries, name)!);
    expect(read('STORED.TXT')).toBe('stored bytes');
    expect(read('xl/Sheet.xml')).toBe(TEXT);
    expect(readEntry(zip, entries, 'empty.txt')).toEqual(new Uint8Array(0));
    expect(readEntry(zip, entries, 'xl/missing.xml')).toBeNull();
  });

  it('inflates in slices, the share of stored bytes rising to 1', () => {
    const zip = archive();
    const entry = zipEntries(zip).get('xl/sheet.xml')!;
    const chunks: Uint8Array[] = [];
    const finals: boolean[] = [];
    const inflater = inflateEntry(
      zip,
      entry,
      (chunk, final) => {
        chunks.push(chunk);
        finals.push(final);
      },
      10,
    );
    expect(inflater.fraction()).toBe(0);
    const fractions: number[] = [];
    let steps = 0;
    while (inflater.step()) {
      steps++;
      fractions.push(inflater.fraction());
    }
    expect(steps).toBe(Math.ceil(entry.compressedSize / 10) - 1);
    expect(fractions[0]).toBeCloseTo(10 / entry.compressedSize, 12);
    expect(inflater.fraction()).toBe(1);
    expect(inflater.step()).toBe(false);
    expect(finals.at(-1)).toBe(true);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(TEXT);
  });

  it('hands a stored entry over in slices, the last one final', () => {
    const zip = archive();
    const entry = zipEntries(zip).get('stored.txt')!;
    const parts: [string, boolean][] = [];
    const inflater = inflateEntry(
      zip,
      entry,
      (chunk, final) => {
        parts.push([new TextDecoder().decode(chunk), final]);
      },
      5,
    );
    while (inflater.step());
    expect(parts).toEqual([
      ['store', false],
      ['d byt', false],
      ['es', true],
    ]);
    const empty = inflateEntry(zip, zipEntries(zip).get('empty.txt')!, () => undefined);
    expect(empty.fraction()).toBe(1);
  });

  it('reads a large deflated entry whole, however many pieces the inflater hands out', () => {
    const big = Array.from({ length: 30_000 }, (_, n) => `C${n},${n % 97}.5`).join('\n');
    const zip = zipSync({ 'big.csv': [encode(big), { level: 6 }] });
    const entries = zipEntries(zip);
    expect(new TextDecoder().decode(readEntry(zip, entries, 'big.csv')!)).toBe(big);
  });

  it('refuses another compression, a damaged local header, a cut entry, bad deflate data', () => {
    const zip = archive();
    const entries = zipEntries(zip);
    const sheet = entries.get('xl/sheet.xml')!;
    const method = { ...sheet, method: 12 };
    expect(() => inflateEntry(zip, method, () => undefined)).toThrow(/compression method 12/);
    expect(() => entryStream(zip, { ...sheet, method: 14 })).toThrow(/compression method 14/);
    const damagedEntry = /damaged entry xl\/Sheet.xml/;
    expect(() => inflateEntry(zip, { ...sheet, localHeader: 1 }, () => undefined)).toThrow(
      damagedEntry,
    );
    expect(() => entryStream(zip, { ...sheet, localHeader: zip.length - 10 })).toThrow(
      damagedEntry,
    );
    expect(() => entryStream(zip, { ...sheet, localHeader: zip.length - 2 })).toThrow(damagedEntry);
    const cut = /entry xl\/Sheet.xml is cut/;
    expect(() => entryStream(zip, { ...sheet, compressedSize: zip.length })).toThrow(cut);
    const damaged = zip.slice();
    const { view } = layout(damaged);
    const start = sheet.localHeader + 30 + view.getUint16(sheet.localHeader + 26, true);
    damaged.fill(0xff, start, start + 8);
    const inflater = inflateEntry(damaged, sheet, () => undefined);
    expect(() => {
      while (inflater.step());
    }).toThrow(/^entry xl\/Sheet.xml: /);
  });
});

describe('entryStream', () => {
  it('streams stored and deflated entries, the share fed rising with the reading', async () => {
    const zip = archive();
    const entries = zipEntries(zip);
    const stored = entryStream(zip, entries.get('stored.txt')!, 5);
    expect(stored.fraction()).toBe(0);
    const reader = stored.stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('store');
    expect(stored.fraction()).toBeCloseTo(5 / 12, 12);
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      rest += new TextDecoder().decode(next.value);
    expect(rest).toBe('d bytes');
    expect(stored.fraction()).toBe(1);

    // The default slices (256 KiB), then small ones.
    expect(await readStream(entryStream(zip, entries.get('xl/sheet.xml')!).stream)).toBe(TEXT);
    expect(await readStream(entryStream(zip, entries.get('stored.txt')!).stream)).toBe(
      'stored bytes',
    );
    const sheet = entryStream(zip, entries.get('xl/sheet.xml')!, 16);
    expect(await readStream(sheet.stream)).toBe(TEXT);
    expect(sheet.fraction()).toBe(1);
    const empty = entryStream(zip, entries.get('empty.txt')!);
    expect(empty.fraction()).toBe(1);
    expect(await readStream(empty.stream)).toBe('');
  });

  it('inflates with fflate where the platform has no deflate-raw inflater', async () => {
    const zip = archive();
    const entry = zipEntries(zip).get('xl/sheet.xml')!;
    const native = globalThis.DecompressionStream;
    class GzipOnly extends native {
      constructor(format: CompressionFormat) {
        if (format === 'deflate-raw') throw new TypeError('unsupported');
        super(format);
      }
    }
    globalThis.DecompressionStream = GzipOnly;
    try {
      expect(await readStream(entryStream(zip, entry, 7).stream)).toBe(TEXT);
    } finally {
      globalThis.DecompressionStream = native;
    }
  });
});
