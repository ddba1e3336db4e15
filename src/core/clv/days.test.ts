/** Purchase days as the analysis keeps them give the models what the cleaned lines give. */
import { describe, expect, it } from 'vitest';
import { lines as csv, prepareText, UCI_HEADER } from '../testing/fixtures.ts';
import { purchaseDaysOf } from './days.ts';
import { lifetimeValue } from './index.ts';
import { clvLinesFromGroups, DAY_MS, dayOf, summariseCustomers } from './summary.ts';

describe('purchaseDaysOf', () => {
  it('one entry per customer and calendar day, with the day total (quantity x price)', async () => {
    const data = await prepareText(
      csv(
        UCI_HEADER,
        '1,A,x,2,3/1/11 8:00,1.5,C1,UK',
        '2,A,x,1,3/1/11 23:59,4,C1,UK', // same day: 3 + 4
        '3,B,x,3,3/2/11 0:01,2,C1,UK', // next day
        '4,B,x,1,3/5/11 9:00,10,C2,UK',
        'C5,B,x,1,3/6/11 9:00,10,C2,UK', // cancelled: not a purchase day
      ),
    );
    const days = purchaseDaysOf(data.tx, data.groups);
    const c1 = data.groups.table.ids.indexOf('C1');
    const c2 = data.groups.table.ids.indexOf('C2');
    const entries = Array.from(days.customer, (c, i) => [
      c,
      dayOf(days.timestamp[i]!),
      days.total[i],
    ]);
    const march = dayOf(Date.UTC(2011, 2, 1));
    expect(entries).toEqual(
      expect.arrayContaining([
        [c1, march, 7],
        [c1, march + 1, 6],
        [c2, march + 4, 10],
      ]),
    );
    expect(entries).toHaveLength(3);
    expect(days.customerCount).toBe(2);
    expect(days.timestamp.every((t) => t % DAY_MS === 0)).toBe(true);
  });

  it('gives the same summary and predictions as the lines on a many-customer file', async () => {
    const rows = [UCI_HEADER];
    let invoice = 1;
    for (let c = 0; c < 80; c++)
      for (let o = 0; o < 1 + ((c * 7) % 9); o++) {
        const day = 1 + ((c * 13 + o * 31) % 300);
        const date = new Date(Date.UTC(2011, 0, day, 8 + (o % 9)));
        const us = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/11 ${date.getUTCHours()}:00`;
        rows.push(`${invoice++},P,x,${1 + (o % 3)},${us},${1 + ((c * o) % 17)},C${c},UK`);
        if (o % 2 === 0) rows.push(`${invoice++},Q,x,1,${us},2.5,C${c},UK`);
      }
    const data = await prepareText(csv(...rows));
    const byLine = clvLinesFromGroups(data.tx, data.groups);
    const byDay = purchaseDaysOf(data.tx, data.groups);
    expect(byDay.timestamp.length).toBeLessThan(byLine.timestamp.length);
    const a = summariseCustomers(byLine);
    const b = summariseCustomers(byDay);
    expect(b.x).toEqual(a.x);
    expect(b.tx).toEqual(a.tx);
    expect(b.T).toEqual(a.T);
    b.m.forEach((m, i) => expect(m).toBeCloseTo(a.m[i]!, 9));
    const fromLines = lifetimeValue(byLine);
    const fromDays = lifetimeValue(byDay);
    if (!fromLines.ok || !fromDays.ok) throw new Error('both fit');
    fromDays.value.predictions.clv.forEach((v, i) =>
      expect(v).toBeCloseTo(fromLines.value.predictions.clv[i]!, 6),
    );
    expect(fromDays.value.calibration).toEqual(fromLines.value.calibration);
  });
});
