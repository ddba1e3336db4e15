import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../features/customers.ts';
import { lines, prepareText, UCI_MAPPING } from '../testing/fixtures.ts';
import { parseModel } from './document.ts';
import { migrationCsv, migrationSummary } from './migration.ts';
import {
  compareCut,
  comparePeriods,
  cutAtDate,
  laterPeriodRevenue,
  revenueOfRows,
} from './periods.ts';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
/** Cut at 2011-03-31: a buys before and after, b only before, c only after (new), d both sides of midnight. */
const EARLIER_LINES = [
  '1,A,x,2,2011-01-10 00:00,5,a,UK',
  '2,A,x,1,2011-03-20 00:00,10,a,UK',
  '4,A,x,1,2011-02-01 00:00,100,b,UK',
  '6,A,x,1,2011-03-31 23:59,1,d,UK',
];
const LATER_LINES = [
  '3,A,x,3,2011-05-01 00:00,10,a,UK',
  '5,A,x,2,2011-04-15 00:00,4,c,UK',
  '7,A,x,1,2011-04-01 00:00,2,d,UK',
];
const whole = lines(HEADER, ...EARLIER_LINES, ...LATER_LINES);

/**
 * One feature, Recency in days, unscaled; centres 0 and 60 days, so a customer is "Recent" up to
 * 29 days since their last purchase and "Asleep" from 31 (30 is a tie: Recent, the first centre).
 */
const model = parseModel(
  JSON.stringify({
    format: 'segment-model',
    version: 1,
    features: ['Recency'],
    transform: 'none',
    scaler: { kind: 'standard', center: [0], scale: [1] },
    outliers: 'keep',
    caps: null,
    centroids: [[0], [60]],
    segments: ['Recent', 'Asleep'],
    colours: [0, 1],
    kind: 'kmeans',
    filledIn: [],
    cleaning: { nonProductCodes: [] },
    snapshot: '2011-04-01T00:00:00.000Z',
    createdAt: '2026-12-01T10:00:00.000Z',
    appVersion: '0.1.0',
  }),
);

describe('cutAtDate', () => {
  it('keeps the whole cut day in the earlier period and starts the later one at midnight', async () => {
    const data = await prepareText(whole, { mapping: UCI_MAPPING });
    const cut = cutAtDate(data.tx, data.cleaned.kept, '2011-03-31');
    expect(cut.end).toBe(Date.UTC(2011, 3, 1));
    expect(Array.from(cut.earlier)).toEqual([0, 1, 2, 3]);
    expect(Array.from(cut.after)).toEqual([4, 5, 6]);
    expect(revenueOfRows(data.tx, cut.after)).toEqual(
      new Map([
        ['a', 30],
        ['c', 8],
        ['d', 2],
      ]),
    );
    expect(() => cutAtDate(data.tx, data.cleaned.kept, '2011-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => cutAtDate(data.tx, data.cleaned.kept, '31/03/2011')).toThrow(/YYYY-MM-DD/);
  });

  it('compares the file up to the cut with the whole file: a hand-checked migration', async () => {
    const data = await prepareText(whole, { mapping: UCI_MAPPING });
    const result = compareCut(model, data.tx, data.cleaned.kept, '2011-03-31');
    // Earlier snapshot: its own last line + 1 day. Recency: a 12, b 59, d 1 -> Recent, Asleep, Recent.
    expect(result.earlier.snapshot).toBe(Date.UTC(2011, 2, 31, 23, 59) + DAY_MS);
    expect(result.earlier.ids).toEqual(['a', 'b', 'd']);
    // Later snapshot 2011-05-02: a 1, b 90, c 17, d 31 -> Recent, Asleep, Recent, Asleep.
    expect(result.later.snapshot).toBe(Date.UTC(2011, 4, 2));
    const { matrix } = result;
    expect(matrix.customers).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(matrix.revenue).toEqual([
      [30, 2, 0],
      [0, 0, 0],
      [8, 0, 0],
    ]);
    expect(matrix.earlierRevenue).toEqual([
      [20, 1, 0],
      [0, 100, 0],
      [0, 0, 0],
    ]);
    expect(result.movers.map((m) => m.customerId)).toEqual(['d']);
    expect(migrationSummary(result)).toEqual([
      '1 Recent customer is now Asleep, worth 1 last period.',
      '1 new customer, worth 8 this period.',
    ]);
    expect(migrationCsv(result)).toBe(
      'from,to,customers,revenue\r\nRecent,Recent,1,30\r\nRecent,Asleep,1,2\r\nAsleep,Asleep,1,0\r\nnew,Recent,1,8\r\n',
    );
  });

  it("gives the same migration from two files as from one file cut at the earlier one's end", async () => {
    const before = await prepareText(lines(HEADER, ...EARLIER_LINES), { mapping: UCI_MAPPING });
    const after = await prepareText(whole, { mapping: UCI_MAPPING });
    const revenue = laterPeriodRevenue(after.tx, after.cleaned.kept, before.groups.table);
    const twoFiles = comparePeriods(model, before.groups.table, after.groups.table, revenue);
    const cut = compareCut(model, after.tx, after.cleaned.kept, '2011-03-31');
    expect(twoFiles.matrix).toEqual(cut.matrix);
    expect(twoFiles.movers).toEqual(cut.movers);
  });

  it('counts customers missing from a later export as lapsed, with no later revenue', async () => {
    const before = await prepareText(lines(HEADER, ...EARLIER_LINES), { mapping: UCI_MAPPING });
    // A later export of April and May only: b bought nothing then and is not in it.
    const after = await prepareText(lines(HEADER, ...LATER_LINES), { mapping: UCI_MAPPING });
    const revenue = laterPeriodRevenue(after.tx, after.cleaned.kept, before.groups.table);
    const { matrix } = comparePeriods(model, before.groups.table, after.groups.table, revenue);
    // Later snapshot 2011-05-02: a 1, c 17, d 31 -> Recent, Recent, Asleep; b lapsed.
    expect(matrix.customers).toEqual([
      [1, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(matrix.revenue[1]).toEqual([0, 0, 0]);
    expect(matrix.earlierRevenue[1]).toEqual([0, 0, 100]);
  });
  it('makes everyone new when cut before the first line, and changes nothing when cut after the last', async () => {
    const data = await prepareText(whole, { mapping: UCI_MAPPING });
    const before = compareCut(model, data.tx, data.cleaned.kept, '2010-12-31');
    expect(before.earlier.ids).toEqual([]);
    // Later: a 1, b 90, c 17, d 31 days -> Recent, Asleep, Recent, Asleep; all new.
    expect(before.matrix.customers).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [2, 2, 0],
    ]);
    const after = compareCut(model, data.tx, data.cleaned.kept, '2011-05-01');
    expect(after.matrix.customers).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    expect(after.matrix.revenue.flat().every((x) => x === 0)).toBe(true);
    expect(after.movers).toEqual([]);
  });
});
