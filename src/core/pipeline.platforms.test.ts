/**
 * Issue 10: the files shop owners export, each cut from the same fixed UCI customers
 * (testing/platform-fixtures.ts). The expected Recency, Frequency and Monetary of every customer
 * come from those UCI lines through the plain UCI path, not from the platform file; the orders
 * added with a partial refund are added by hand arithmetic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CleaningReport } from './clean/clean.ts';
import { prepareText } from './testing/fixtures.ts';
import { loadPlatformFixtures } from './testing/platform-files.ts';
import {
  explicitMapping,
  PLATFORMS,
  type PlatformFixture,
  uciCsv,
} from './testing/platform-fixtures.ts';

type Rfm = { Recency: number; Frequency: number; Monetary: number };
type Prepared = Awaited<ReturnType<typeof prepareText>>;

let fixtures: ReturnType<typeof loadPlatformFixtures>['fixtures'];
const expected = new Map<boolean, Map<string, Rfm>>();
let uciReport: CleaningReport;

function rfmById(data: Prepared): Map<string, Rfm> {
  const { ids, features } = data.groups.table;
  return new Map(
    ids.map((id, i) => [
      id,
      {
        Recency: features.Recency[i]!,
        Frequency: features.Frequency[i]!,
        Monetary: features.Monetary[i]!,
      },
    ]),
  );
}

beforeAll(async () => {
  const loaded = loadPlatformFixtures();
  fixtures = loaded.fixtures;
  const { lines } = loaded;
  for (const dateOnly of [false, true]) {
    const data = await prepareText(uciCsv(lines, dateOnly));
    expected.set(dateOnly, rfmById(data));
    if (!dateOnly) uciReport = data.cleaned.report;
  }
}, 60_000);

/** Every customer's RFM equals the UCI lines' (plus the added orders), under the file's ids. */
function expectSameCustomers(fixture: PlatformFixture, data: Prepared) {
  const want = expected.get(fixture.dateOnly)!;
  const got = rfmById(data);
  expect(got.size).toBe(want.size);
  for (const [uciId, rfm] of want) {
    const id = fixture.customerIds.get(uciId)!;
    const extra = fixture.extraOrders.filter((o) => o.customer === uciId);
    const actual = got.get(id);
    expect(actual, `${fixture.platform}: customer ${id} (UCI ${uciId})`).toBeDefined();
    expect(actual!.Recency, `Recency of ${id}`).toBe(rfm.Recency);
    expect(actual!.Frequency, `Frequency of ${id}`).toBe(rfm.Frequency + extra.length);
    const money = rfm.Monetary + extra.reduce((s, o) => s + o.money, 0);
    expect(actual!.Monetary, `Monetary of ${id}`).toBeCloseTo(money, 6);
  }
}

describe('the UCI lines the fixtures are cut from', () => {
  it('are 50 customers, a few hundred lines, some of them cancellations', () => {
    expect(expected.get(false)!.size).toBe(50);
    expect(uciReport.rows_in).toBeGreaterThan(200);
    expect(uciReport.rows_in).toBeLessThan(800);
    expect(uciReport.cancelled).toBeGreaterThan(5);
    expect(uciReport.rows_kept).toBe(uciReport.rows_in - uciReport.cancelled);
  });
});

describe.each(PLATFORMS)('%s, with its columns chosen', (platform) => {
  it('gives every customer the RFM of the UCI lines it was made from', async () => {
    const fixture = fixtures[platform];
    const data = await prepareText(fixture.content, {
      mapping: explicitMapping(fixture),
      name: fixture.fileName,
    });
    expectSameCustomers(fixture, data);
    expect(data.cleaned.report).toMatchObject(fixture.expected);
    const { report } = data.cleaned;
    const dropped = report.rows_in - report.rows_kept;
    expect(dropped).toBe(
      report.cancelled +
        report.failed_payment +
        report.cancelled_status +
        report.refunded +
        report.refund_lines +
        report.missing_customer +
        report.nonpositive_quantity_or_price +
        report.non_product_codes +
        report.bad_date,
    );
    // Nothing but the platform's own markers removed anything.
    expect(report).toMatchObject({
      missing_customer: 0,
      nonpositive_quantity_or_price: 0,
      non_product_codes: 0,
      bad_date: 0,
    });
  });
});
