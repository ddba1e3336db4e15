/**
 * Issue 10 through the CLI: platform exports cut from fixed UCI customers
 * (core/testing/platform-fixtures.ts), every column recognised by the CLI itself (the platform
 * layouts, the generic names for the German file). customers.csv
 * must give each customer the Recency, Frequency and Monetary of the UCI lines the file was made
 * from (through the plain UCI path), and summary.json the new cleaning counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareText } from '../core/testing/fixtures.ts';
import { loadPlatformFixtures } from '../core/testing/platform-files.ts';
import {
  PLATFORMS,
  type PlatformFixture,
  type PlatformName,
  uciCsv,
} from '../core/testing/platform-fixtures.ts';
import { main } from './analyze.ts';
import { cliSandbox } from './sandbox.testing.ts';

const cli = cliSandbox('segment-platforms-');
let fixtures: Record<PlatformName, PlatformFixture>;
const expected = new Map<boolean, Map<string, number[]>>();

beforeAll(async () => {
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

/** Runs the CLI on the fixture; its customers.csv as id -> [R, F, M], and summary.json. */
async function runCli(fixture: PlatformFixture) {
  const input = cli.write(fixture.fileName, fixture.content);
  const out = `out-${fixture.platform}`;
  expect(await main([input, '--out', cli.path(out), '--quiet', '--skip-validation'])).toBe(0);
  const [header, ...rows] = cli
    .read(out, 'customers.csv')
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
  return { customers, summary: JSON.parse(cli.read(out, 'summary.json')) };
}

describe.each(PLATFORMS)('the CLI on the %s fixture', (platform) => {
  it('finds the columns itself and gives every customer the UCI lines’ RFM', async () => {
    const fixture = fixtures[platform];
    const { customers, summary } = await runCli(fixture);
    const want = expected.get(fixture.dateOnly)!;
    expect(customers.size).toBe(want.size);
    for (const [uciId, [recency, frequency, monetary]] of want) {
      const got = customers.get(fixture.customerIds.get(uciId)!);
      // Orders the fixture adds (net of a partial refund) at the time of one of theirs.
      const extra = fixture.extraOrders.filter((o) => o.customer === uciId);
      expect(got, `customer ${uciId}`).toBeDefined();
      expect(got![0]).toBe(recency);
      expect(got![1]).toBe(frequency! + extra.length);
      expect(got![2]).toBeCloseTo(monetary! + extra.reduce((s, o) => s + o.money, 0), 6);
    }
    expect(summary.cleaning).toMatchObject(fixture.expected);
    expect(Object.keys(summary.cleaning)).toEqual(
      expect.arrayContaining(['failed_payment', 'cancelled_status', 'refunded', 'refund_lines']),
    );
  });
});
