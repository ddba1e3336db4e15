/**
 * Text encodings and binary files: Excel's "Unicode Text" (UTF-16 LE with a BOM, tab-separated)
 * and UTF-16 BE read exactly as the same text in UTF-8; stray NULs are dropped (and counted), not
 * a reason to refuse the file; real binary files are refused with what they are.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectAnalysisError, lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { detectEncoding, looksBinary, withoutNuls } from './encoding.ts';

const ROWS = [
  '536365\t85123A\tWHITE HANGING HEART T-LIGHT HOLDER\t6\t2010-12-01 08:26:00\t2.55\t17850\tUnited Kingdom',
  '536366\t22633\tHAND WARMER "UNION JACK"\t6\t2010-12-01 08:28:00\t1.85\t17850\tUnited Kingdom',
  '536367\t84879\tCAFÉ CRÈME £ 🎉 BOWL\t32\t2010-12-01 08:34:00\t1.69\t13047\tFrance',
  '536368\t22960\tJAM MAKING SET\t6\t2010-12-02 09:00:00\t4.25\tÉtienne\tFrance',
];
const TSV = lines(UCI_HEADER.replace(/,/g, '\t'), ...ROWS);

/** The text as UTF-16 code units, each as two bytes in the given order, after a BOM. */
function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const put = (i: number, unit: number) => {
    const [lo, hi] = [unit & 0xff, unit >> 8];
    bytes[2 * i] = order === 'le' ? lo : hi;
    bytes[2 * i + 1] = order === 'le' ? hi : lo;
  };
  if (bom) put(0, 0xfeff);
  for (let i = 0; i < text.length; i++) put(i + (bom ? 1 : 0), text.charCodeAt(i));
  return bytes;
}

describe('UTF-16 files read like the same text in UTF-8', () => {
  it.each([
    ['LE with a BOM', utf16(TSV, 'le'), 'utf-16le'],
    ['BE with a BOM', utf16(TSV, 'be'), 'utf-16be'],
    ['LE without a BOM', utf16(TSV, 'le', false), 'utf-16le'],
    ['BE without a BOM', utf16(TSV, 'be', false), 'utf-16be'],
  ] as const)('%s: the same RawTable, in any chunking', async (_, bytes, encoding) => {
    const expected = await prepareText(TSV);
    expect(expected.raw.rowCount).toBe(4);
    for (const chunkSize of [1, 7, 1 << 16]) {
      const data = await prepareText(bytes, { chunkSize });
      expect(data.sniff.encoding).toBe(encoding);
      expect(data.sniff.delimiter).toBe('\t');
      expect(data.sniff.headers).toEqual(expected.sniff.headers);
      expect(data.sniff.sampleRows).toEqual(expected.sniff.sampleRows);
      expect(data.raw).toEqual({ ...expected.raw, encoding });
      expect(data.groups.table).toEqual(expected.groups.table);
    }
  });

  it('keeps accents, the pound sign and characters outside the BMP', async () => {
    const data = await prepareText(utf16(TSV, 'le'), { chunkSize: 3 });
    expect(data.raw.columns.customer?.values).toEqual(['17850', '13047', 'Étienne']);
    expect(data.sniff.sampleRows[2]?.[2]).toBe('CAFÉ CRÈME £ 🎉 BOWL');
  });

  it('detectEncoding: byte order marks, and UTF-16 by its zero bytes', () => {
    expect(detectEncoding(Uint8Array.of(0xff, 0xfe, 0x41, 0))).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectEncoding(Uint8Array.of(0xfe, 0xff, 0, 0x41))).toEqual({
      encoding: 'utf-16be',
      bomLength: 2,
    });
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectEncoding(utf16('Customer,Date', 'be', false)).encoding).toBe('utf-16be');
    expect(detectEncoding(new TextEncoder().encode('Kunde;Datum;Betrag')).encoding).toBe('utf-8');
    expect(detectEncoding(Uint8Array.of(0x43, 0xe9, 0x2c, 0x31)).encoding).toBe('windows-1252');
  });
});

describe('stray NUL bytes are text, not a binary file', () => {
  const withNul = lines(
    UCI_HEADER,
    '536365,85123A,WHITE HANGING\u0000 HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
    '536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,1785\u00000,United Kingdom',
    '536367,84879,BIRD\u0000\u0000 ORNAMENT,32,2010-12-01 08:34:00,1.69,13047,France',
  );
  const clean = withNul.replaceAll('\u0000', '');

  it('are dropped in the sniff and the reader alike, counted, and mentioned', async () => {
    for (const chunkSize of [1, 5, 1 << 16]) {
      const data = await prepareText(withNul, { chunkSize });
      const expected = await prepareText(clean, { chunkSize });
      expect(data.sniff.sampleRows).toEqual(expected.sniff.sampleRows);
      expect(data.raw.columns).toEqual(expected.raw.columns);
      expect(data.raw.columns.customer?.values).toEqual(['17850', '13047']);
      expect(data.raw.nulBytes).toBe(4);
      expect(data.warnings.find((w) => w.code === 'nul-bytes')?.message).toBe(
        'The file had 4 stray NUL characters (invisible, usually from a broken export); they were removed.',
      );
    }
  });

  it('in UTF-16 too (NUL characters)', async () => {
    const data = await prepareText(utf16(withNul, 'le'), { chunkSize: 7 });
    expect(data.sniff.encoding).toBe('utf-16le');
    expect(data.raw.columns).toEqual((await prepareText(clean)).raw.columns);
    expect(data.raw.nulBytes).toBe(4);
  });

  it('withoutNuls copies only when there is one', () => {
    const plain = Uint8Array.of(1, 2, 3);
    expect(withoutNuls(plain).bytes).toBe(plain);
    expect(withoutNuls(Uint8Array.of(0, 1, 0, 0, 2, 0))).toEqual({
      bytes: Uint8Array.of(1, 2),
      removed: 4,
    });
  });
});

/** A real PNG: signature, IHDR, one IDAT of a 1x1 white pixel, IEND (CRCs left zero). */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    new DataView(out.buffer).setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    return out;
  };
  const ihdr = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0);
  const idat = new Uint8Array(deflateSync(Uint8Array.of(0, 255, 255, 255)));
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** The start of a real PDF (version line, binary comment, a first object). */
const PDF = new Uint8Array([
  ...new TextEncoder().encode('%PDF-1.7\n%'),
  0xe2,
  0xe3,
  0xcf,
  0xd3,
  ...new TextEncoder().encode(
    '\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n',
  ),
]);

describe('binary files are refused, saying what they are', () => {
  it.each([
    ['a PNG image', png(), 'photo.csv'],
    ['a PDF document', PDF, 'report.csv'],
    ['a JPEG image', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46), 'x'],
    ['an SQLite database', new TextEncoder().encode('SQLite format 3\u0000\u0010\u0000'), 'x'],
  ])('%s', async (what, bytes, name) => {
    const error = await expectAnalysisError(prepareText(bytes, { name }), 'binary-file');
    expect(error.message).toBe(
      `This looks like ${what}, not a sales export. Export your sales as CSV (or an Excel workbook) and drop that file here.`,
    );
  });

  it('many control bytes without a known signature: binary, in general words', async () => {
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => (i * 37) % 256);
    const error = await expectAnalysisError(prepareText(noise), 'binary-file');
    expect(error.message).toMatch(/^This file is not text: it holds binary data/);
  });

  it('a text line that starts like a short signature ("MZ", "BZh") is still text', async () => {
    const text = lines(
      'MZ Shop: sales',
      'Customer,Date,Amount',
      'a,2011-01-01,5',
      'b,2011-01-02,6',
    );
    const data = await prepareText(text);
    expect(data.sniff.headerRow).toBe(1);
    expect(data.raw.rowCount).toBe(2);
    const bzh = await prepareText(text.replace('MZ', 'BZh'));
    expect(bzh.raw.rowCount).toBe(2);
    expect(looksBinary(new TextEncoder().encode(text))).toBe(false);
  });
});
