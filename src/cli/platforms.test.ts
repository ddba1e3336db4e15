/**
 * Issue 10 through the CLI: platform exports cut from fixed UCI customers
 * (core/testing/platform-fixtures.ts), every column recognised by the CLI itself. customers.csv
 * must give each customer the Recency, Frequency and Monetary of the UCI lines the file was made
 * from (through the plain UCI path), and summary.json the new cleaning counts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareText } from '../core/testing/fixtures.ts';
import { loadPlatformFixtures } from '../core/testing/platform-files.ts';
import {
  type PlatformFixture,
  type PlatformName,
  uciCsv,
} from '../core/testing/platform-fixtures.ts';
import { main } from './analyze.ts';

let dir: string;
let fixtures: Record<PlatformName, PlatformFixture>;
const expected = new Map<boolean, Map<string, number[]>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'segment-platforms-'));
  const loaded = loadPlatformFixtures();
  fixtures = loaded.fixtures;
  const { lines } = loaded;
  for (const dateOnly of [false, true]) {
    const { ids, features } = (await prepareText(uciCsv(lines, dateOnly))).groups.table;
    expected.set(
      dateOnly,
      new Map(
        ids.map((id, i) => [
          id,
          [features.Recency[i]!, features.Frequency[i]!, features.Monetary[i]!],
        ]),
      ),
    );
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

/** Runs the CLI on the fixture; its customers.csv as id -> [R, F, M], and summary.json. */
async function runCli(fixture: PlatformFixture) {
  const input = join(dir, fixture.fileName);
  writeFileSync(input, fixture.content);
  const out = join(dir, `out-${fixture.platform}`);
  expect(await main([input, '--out', out, '--quiet', '--skip-validation'])).toBe(0);
  const [header, ...rows] = readFileSync(join(out, 'customers.csv'), 'utf8')
    .split('\r\n')
    .filter((l) => l !== '');
  expect(header!.split(',').slice(0, 4)).toEqual([
    'CustomerID',
    'Recency',
    'Frequency',
    'Monetary',
  ]);
  const customers = new Map(
    rows.map((line) => {
      // Ids here have no commas or quotes, so a plain split reads the row.
      const cells = line.split(',');
      return [cells[0]!, cells.slice(1, 4).map(Number)];
    }),
  );
  return { customers, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) };
}

describe.each(['german', 'etsy', 'woocommerce'] as const)(
  'the CLI on the %s fixture',
  (platform) => {
    it('finds the columns itself and gives every customer the UCI lines’ RFM', async () => {
      const fixture = fixtures[platform];
      const { customers, summary } = await runCli(fixture);
      const want = expected.get(fixture.dateOnly)!;
      expect(customers.size).toBe(want.size);
      for (const [uciId, [recency, frequency, monetary]] of want) {
        const got = customers.get(fixture.customerIds.get(uciId)!);
        expect(got, `customer ${uciId}`).toBeDefined();
        expect(got![0]).toBe(recency);
        expect(got![1]).toBe(frequency);
        expect(got![2]).toBeCloseTo(monetary!, 6);
      }
      expect(summary.cleaning).toMatchObject(fixture.expected);
      expect(Object.keys(summary.cleaning)).toEqual(
        expect.arrayContaining(['failed_payment', 'cancelled_status', 'refunded', 'refund_lines']),
      );
    });
  },
);
