/**
 * Test-only helpers: small in-memory files through the real pipeline, and the reference cohort
 * matrix (reference.ts has the other reference loaders). Node only; never imported by the app.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { memorySource } from '../../node/file-source.ts';
import { type AnalysisErrorCode, isAnalysisError } from '../errors.ts';
import { type LoadOptions, prepare } from '../pipeline.ts';
import { analyze } from '../session/analyze.ts';
import type { ClusterOptions } from '../pipeline.ts';
import type { ColumnMapping } from '../types.ts';
import { sharedPath } from './reference.ts';

export { memorySource };

/** Header of the UCI file: every role mapped, unit price money. */
export const UCI_HEADER =
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** The UCI mapping, given rather than guessed (a handful of random rows could mislead a guess). */
export const UCI_MAPPING: ColumnMapping = {
  invoice: 0,
  product: 1,
  description: 2,
  quantity: 3,
  date: 4,
  unitPrice: 5,
  customer: 6,
  country: 7,
};

/** Joins lines with `\n` and ends with one; `lines(a, b)` is `a\nb\n`. */
export const lines = (...rows: string[]) => rows.join('\n') + '\n';

const noProgress = () => undefined;

export interface FixtureOptions extends LoadOptions {
  chunkSize?: number;
  name?: string;
}

export function fixtureSource(content: string | Uint8Array, options: FixtureOptions = {}) {
  return memorySource(content, options.name ?? 'fixture.csv', options.chunkSize ?? 1 << 16);
}

/** Reads, decodes, cleans and groups an in-memory file. */
export function prepareText(content: string | Uint8Array, options: FixtureOptions = {}) {
  const { chunkSize: _c, name: _n, ...load } = options;
  return prepare(fixtureSource(content, options), load, noProgress);
}

/** The whole analysis of an in-memory file, as the CLI runs it. */
export function analyzeText(
  content: string | Uint8Array,
  options: FixtureOptions &
    Partial<ClusterOptions> & { k?: number; noMonthlyActivity?: boolean } = {},
) {
  const { chunkSize: _c, name: _n, ...rest } = options;
  return analyze(fixtureSource(content, options), rest);
}

/** The features of one customer of a prepared file, by id. */
export function customer(data: Awaited<ReturnType<typeof prepare>>, id: string) {
  const { table } = data.groups;
  const i = table.ids.indexOf(id);
  if (i < 0) throw new Error(`no customer ${JSON.stringify(id)} in ${table.ids.join(' ')}`);
  return Object.fromEntries(
    Object.entries(table.features).map(([name, values]) => [name, values[i]]),
  ) as Record<keyof typeof table.features, number>;
}

/** Awaits `work` and checks it fails with an AnalysisError of `code`; returns the error. */
export async function expectAnalysisError(work: Promise<unknown>, code: AnalysisErrorCode) {
  let caught: unknown;
  try {
    await work;
  } catch (error) {
    caught = error;
  }
  expect(isAnalysisError(caught), `expected AnalysisError ${code}, got ${String(caught)}`).toBe(
    true,
  );
  if (!isAnalysisError(caught)) throw caught;
  expect(caught.code).toBe(code);
  return caught;
}

export const gzip = (text: string | Uint8Array) => new Uint8Array(gzipSync(text));

/** Windows-1252 bytes of text whose characters all exist there (ASCII and a few letters). */
export function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '£': 0xa3, é: 0xe9, è: 0xe8, '€': 0x80 };
  return Uint8Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const byte = special[ch];
    if (byte === undefined) throw new Error(`no cp1252 byte for ${ch} in this helper`);
    return byte;
  });
}

/** The reference cohort matrix (online_retail.cohort.csv); an empty cell becomes null. */
export interface ReferenceCohort {
  cohorts: string[];
  sizes: number[];
  retention: (number | null)[][];
}

export function loadReferenceCohort(): ReferenceCohort {
  const rows = readFileSync(sharedPath('reference', 'online_retail.cohort.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .slice(1)
    .map((line) => line.split(','));
  return {
    cohorts: rows.map((r) => r[0] ?? ''),
    sizes: rows.map((r) => Number(r[1])),
    retention: rows.map((r) => r.slice(2).map((cell) => (cell === '' ? null : Number(cell)))),
  };
}
