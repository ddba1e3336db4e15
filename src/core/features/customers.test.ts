/**
 * SPEC "Customer features" on hand-checkable files. Day arithmetic is written out in comments.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDateExample } from '../ingest/date-example.ts';
import { customer, lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { compareIds, comparePlainNumbers, isPlainNumber } from './customers.ts';
import { percentileRanks } from './ranks.ts';

const row = (inv: string, stock: string, q: number, date: string, price: number, id: string) =>
  `${inv},${stock},x,${q},${date},${price},${id},UK`;

describe('features of a hand example', () => {
  // Latest timestamp 2011-03-27 03:30 -> snapshot 2011-03-28 03:30.
  const text = lines(
    UCI_HEADER,
    row('1', 'A', 2, '2011-03-01 09:00:00', 1.25, '007'),
    row('1', 'B', 1, '2011-03-01 09:00:00', 10, '007'), // same invoice: one order
    row('2', 'A', 4, '2011-03-20 18:30:00', 1.25, '007'),
    row('3', 'C', 1, '2011-03-10 12:00:00', 3, '7'), // one purchase
    row('4', 'A', 1, '2011-03-27 01:30:00', 2, '42'),
    row('5', 'B', 1, '2011-03-27 03:30:00', 2, '42'),
  );

  it('snapshot is the latest timestamp + 1 day, time of day kept', async () => {
    const { table } = (await prepareText(text)).groups;
    expect(formatDateExample(table.snapshot)).toBe('2011-03-28 03:30:00');
    expect(formatDateExample(table.dateMin)).toBe('2011-03-01 09:00:00');
    expect(formatDateExample(table.dateMax)).toBe('2011-03-27 03:30:00');
  });

  it('every feature of a customer with two orders', async () => {
    // Recency: 03-28 03:30 - 03-20 18:30 = 7 d 9 h -> 7. Tenure: 03-28 03:30 - 03-01 09:00 =
    // 26 d 18.5 h -> 26. Monetary 2 x 1.25 + 10 + 4 x 1.25 = 17.5 over 2 invoices.
    expect(customer(await prepareText(text), '007')).toEqual({
      Recency: 7,
      Frequency: 2,
      Monetary: 17.5,
      TotalQuantity: 7,
      UniqueProducts: 2,
      Tenure: 26,
      AvgOrderValue: 8.75,
    });
  });

  it('a customer with one purchase: Frequency 1 and Recency == Tenure', async () => {
    // 03-28 03:30 - 03-10 12:00 = 17 d 15.5 h -> 17.
    expect(customer(await prepareText(text), '7')).toEqual({
      Recency: 17,
      Frequency: 1,
      Monetary: 3,
      TotalQuantity: 1,
      UniqueProducts: 1,
      Tenure: 17,
      AvgOrderValue: 3,
    });
  });

  it('the latest customer: Recency 1 (the snapshot is a day after their purchase)', async () => {
    expect(customer(await prepareText(text), '42')).toMatchObject({
      Recency: 1,
      Tenure: 1, // 03-28 03:30 - 03-27 01:30 = 1 d 2 h
      Frequency: 2,
    });
  });

  it('ids with leading zeros are different customers, kept verbatim and trimmed', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('1', 'A', 1, '2011-03-01 09:00:00', 1, '007'),
        row('2', 'A', 1, '2011-03-02 09:00:00', 1, '7'),
        row('3', 'A', 1, '2011-03-03 09:00:00', 1, ' 007 '), // the same customer as 007
        row('4', 'A', 1, '2011-03-04 09:00:00', 1, '0007'),
        row('5', 'A', 1, '2011-03-05 09:00:00', 1, '7.0'), // text: not 7
        row('6', 'A', 1, '2011-03-06 09:00:00', 1, '10'),
        row('7', 'A', 1, '2011-03-07 09:00:00', 1, '"00012"'),
      ),
    );
    // Natural order (2 before 10); equal numbers by plain text order.
    expect(data.groups.table.ids).toEqual(['0007', '007', '7', '7.0', '10', '00012']);
    expect(customer(data, '007').Frequency).toBe(2);
    expect(customer(data, '7').Frequency).toBe(1);
  });

  it('the id order is a total order that keeps 007 and 7 apart', () => {
    expect(['7', '007', '10', '2', 'b', 'A'].sort(compareIds)).toEqual([
      '2',
      '007',
      '7',
      '10',
      'A',
      'b',
    ]);
    expect(compareIds('007', '7')).not.toBe(0);
  });

  it('plain numbers are told apart from every other id', () => {
    for (const id of ['0', '7', '10', '17850', '123456789012345678901234'])
      expect(isPlainNumber(id), id).toBe(true);
    for (const id of ['', '007', '01', '7.0', '-7', '+7', ' 7', '7 ', '1e3', '١٢', 'A1', '12a'])
      expect(isPlainNumber(id), id).toBe(false);
  });

  it('plain numbers sort without the collator exactly as with it, beyond 2^53 too', () => {
    const plain = fc.oneof(
      fc.nat().map(String),
      fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
    );
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        expect(isPlainNumber(a) && isPlainNumber(b)).toBe(true);
        expect(Math.sign(comparePlainNumbers(a, b))).toBe(Math.sign(compareIds(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a file of numeric ids and one with a single other id are both in numeric order', async () => {
    const file = (ids: string[]) =>
      lines(
        UCI_HEADER,
        ...ids.map((id, i) => row(String(i + 1), 'P', 1, '2011-01-05 10:00', 1, id)),
      );
    const numbers = ['17850', '9', '100', '12346', '99999999999999999999'];
    expect((await prepareText(file(numbers))).groups.table.ids).toEqual([
      '9',
      '100',
      '12346',
      '17850',
      '99999999999999999999',
    ]);
    expect((await prepareText(file([...numbers, '010']))).groups.table.ids).toEqual([
      '9',
      '010',
      '100',
      '12346',
      '17850',
      '99999999999999999999',
    ]);
  });
});

describe('without an invoice column, Frequency = distinct timestamps', () => {
  it('rows at the same instant are one order, however the time is written', async () => {
    const data = await prepareText(
      lines(
        'Customer,Date,Quantity,Price,SKU',
        'a,12/1/10 8:26,1,2,P1',
        'a,12/01/10 08:26,1,3,P2', // the same instant written differently
        'a,12/1/10 8:26,2,1,P1', // the same instant again
        'a,12/1/10 9:00,1,1,P1', // a second order on the same day
        'a,12/5/10 8:26,1,4,P3', // a third order
        'b,12/5/10 8:26,1,4,P3', // the same instant for another customer counts for that one
      ),
    );
    expect(data.tx.invoice).toBeNull();
    expect(data.tx.dateFormat).toBe('mdy');
    expect(customer(data, 'a')).toMatchObject({
      Frequency: 3,
      Monetary: 2 + 3 + 2 + 1 + 4,
      AvgOrderValue: 12 / 3,
      UniqueProducts: 3,
      TotalQuantity: 6,
    });
    expect(customer(data, 'b').Frequency).toBe(1);
  });
});

describe('ties', () => {
  it('percentile ranks share the mean rank of tied values, as pandas rank(pct=True)', () => {
    // Sorted 1, 3, 5, 5: ranks 1, 2, 3.5, 3.5 of 4.
    expect(Array.from(percentileRanks(Float64Array.from([5, 1, 5, 3])))).toEqual([
      0.875, 0.25, 0.875, 0.5,
    ]);
    expect(Array.from(percentileRanks(Float64Array.from([2, 2, 2])))).toEqual([
      2 / 3,
      2 / 3,
      2 / 3,
    ]);
  });

  it('customers tied on the latest timestamp both have Recency 1; the snapshot is shared', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('1', 'A', 1, '2011-05-01 10:00:00', 1, 'x'),
        row('2', 'A', 1, '2011-05-09 12:00:00', 1, 'x'),
        row('3', 'A', 1, '2011-05-09 12:00:00', 1, 'y'),
      ),
    );
    expect(customer(data, 'x')).toMatchObject({ Recency: 1, Tenure: 9 });
    expect(customer(data, 'y')).toMatchObject({ Recency: 1, Tenure: 1 });
  });

  it('a purchase exactly whole days before the snapshot is that many days, not one less', async () => {
    const data = await prepareText(
      lines(
        UCI_HEADER,
        row('1', 'A', 1, '2011-05-07 12:00:00', 1, 'x'), // snapshot - 3 days exactly
        row('2', 'A', 1, '2011-05-09 12:00:00', 1, 'y'),
      ),
    );
    expect(customer(data, 'x').Recency).toBe(3);
  });
});

describe('daylight-saving changes do not move purchases: days are UTC days', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  // In Europe/London clocks went from 01:00 to 02:00 on 2011-03-27 (01:30 does not exist) and
  // back from 02:00 to 01:00 on 2011-10-30 (01:30 happens twice). The file's times are naive
  // wall-clock times, so each day is 24 hours whatever the zone of the machine.
  it.each(['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York'])(
    'spring forward, TZ=%s',
    async (tz) => {
      process.env.TZ = tz;
      const data = await prepareText(
        lines(
          'Customer,Date,Quantity,Price',
          'a,2011-03-26 03:30:00,1,1', // snapshot - exactly 2 days (47 h in London time)
          'b,2011-03-27 01:30:00,1,1', // a wall-clock time London skipped
          'b,2011-03-27 03:30:00,1,1', // the latest: snapshot 2011-03-28 03:30
        ),
      );
      expect(formatDateExample(data.groups.table.snapshot)).toBe('2011-03-28 03:30:00');
      expect(customer(data, 'a')).toMatchObject({ Recency: 2, Tenure: 2, Frequency: 1 });
      // 03-28 03:30 - 03-27 01:30 = 1 d 2 h; the two times are two distinct orders.
      expect(customer(data, 'b')).toMatchObject({ Recency: 1, Tenure: 1, Frequency: 2 });
      expect(data.cohort.cohorts).toEqual(['2011-03']);
    },
  );

  it.each(['UTC', 'Europe/London'])('fall back, TZ=%s', async (tz) => {
    process.env.TZ = tz;
    const data = await prepareText(
      lines(
        'Customer,Date,Quantity,Price',
        'a,30/10/2011 00:30,1,1',
        'a,30/10/2011 01:30,1,1', // happens twice in London: still one instant, one order
        'a,30/10/2011 01:30,1,1',
        'b,31/10/2011 00:30,1,1', // the latest: snapshot 2011-11-01 00:30
      ),
    );
    expect(data.tx.dateFormat).toBe('dmy');
    // 11-01 00:30 - 10-30 01:30 = 1 d 23 h -> 1; 11-01 00:30 - 10-30 00:30 = 2 d exactly -> 2.
    expect(customer(data, 'a')).toMatchObject({ Recency: 1, Tenure: 2, Frequency: 2 });
    expect(customer(data, 'b')).toMatchObject({ Recency: 1, Tenure: 1 });
    // a's first purchase is in October, b's too; b is active in October only.
    expect(data.cohort.cohorts).toEqual(['2011-10']);
    expect(data.cohort.sizes).toEqual([2]);
  });
});
