/** SPEC "Cohort retention" on a hand example. */
import { afterEach, describe, expect, it } from 'vitest';
import { lines, prepareText, UCI_HEADER } from '../testing/fixtures.ts';

const row = (inv: string, date: string, id: string) => `${inv},P1,x,1,${date},2,${id},UK`;

// a: first bought in January, again in February and April    -> cohort 2011-01, months 0, 1, 3
// b: January twice (once late on the 31st); cancelled in March -> cohort 2011-01, month 0 only
// c: February and March                                       -> cohort 2011-02, months 0, 1
// d: April only                                               -> cohort 2011-04, month 0
// e: only a cancelled invoice: not a customer at all
// Nobody's first purchase is in March: an empty cohort month.
const text = lines(
  UCI_HEADER,
  row('1', '2011-01-05 10:00:00', 'a'),
  row('2', '2011-02-10 10:00:00', 'a'),
  row('3', '2011-04-01 10:00:00', 'a'),
  row('4', '2011-01-20 10:00:00', 'b'),
  row('5', '2011-01-31 23:30:00', 'b'),
  row('C6', '2011-03-15 10:00:00', 'b'),
  row('7', '2011-02-03 10:00:00', 'c'),
  row('8', '2011-03-03 10:00:00', 'c'),
  row('9', '2011-04-30 10:00:00', 'd'),
  row('C10', '2011-02-01 10:00:00', 'e'),
);

describe('cohort retention', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each(['UTC', 'Pacific/Auckland', 'America/Los_Angeles'])(
    'the hand example, TZ=%s',
    async (tz) => {
      process.env.TZ = tz;
      const { cohort } = await prepareText(text);
      expect(cohort.cohorts).toEqual(['2011-01', '2011-02', '2011-03', '2011-04']);
      expect(cohort.sizes).toEqual([2, 1, 0, 1]);
      // Each row runs to the last month of the data (a triangle).
      expect(cohort.active).toEqual([[2, 1, 0, 1], [1, 1, 0], [0, 0], [1]]);
      expect(cohort.retention).toEqual([[1, 0.5, 0, 0.5], [1, 1, 0], [null, null], [1]]);
    },
  );

  it('month 0 is 1 for every non-empty cohort, and sizes add up to the customers', async () => {
    const data = await prepareText(text);
    const { cohort } = data;
    cohort.retention.forEach((r, c) => {
      if (cohort.sizes[c]! > 0) expect(r[0]).toBe(1);
    });
    expect(cohort.sizes.reduce((s, x) => s + x, 0)).toBe(data.groups.table.ids.length);
  });

  it('one month of data: a 1 x 1 matrix', async () => {
    const { cohort } = await prepareText(
      lines(UCI_HEADER, row('1', '2011-06-01 10:00:00', 'a'), row('2', '2011-06-30 10:00:00', 'b')),
    );
    expect(cohort).toEqual({
      cohorts: ['2011-06'],
      sizes: [2],
      retention: [[1]],
      active: [[2]],
    });
  });

  it('across a year end', async () => {
    const { cohort } = await prepareText(
      lines(
        UCI_HEADER,
        row('1', '2010-12-01 10:00:00', 'a'),
        row('2', '2011-01-01 00:00:00', 'a'),
        row('3', '2011-01-15 00:00:00', 'b'),
      ),
    );
    expect(cohort.cohorts).toEqual(['2010-12', '2011-01']);
    expect(cohort.retention).toEqual([[1, 1], [1]]);
  });
});
