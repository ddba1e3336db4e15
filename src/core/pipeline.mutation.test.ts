/**
 * pipeline.ts' sentences for the owner: what a missing or doubled column mapping says, with the
 * columns that were considered for the missing roles and why each was passed over; the warnings
 * a file's oddities give, the cut at a date, and the stages reported in order.
 */
import { describe, expect, it } from 'vitest';
import type { RoleReport } from './ingest/columns.ts';
import { describeMappingProblem, prepare } from './pipeline.ts';
import {
  cp1252,
  expectAnalysisError,
  fixtureSource,
  lines,
  prepareText,
  UCI_HEADER,
  UCI_MAPPING,
} from './testing/fixtures.ts';

const report: RoleReport[] = [
  {
    role: 'customer',
    chosen: null,
    rejected: [{ column: 0, header: 'Client', reason: 'mostly empty' }],
  },
  {
    role: 'date',
    chosen: 1,
    rejected: [{ column: 2, header: 'Shipped', reason: 'not the order date' }],
  },
  {
    role: 'unitPrice',
    chosen: null,
    rejected: [
      { column: 3, header: 'Cost', reason: 'not money' },
      { column: 4, header: 'Tax', reason: 'a share' },
    ],
  },
  { role: 'amount', chosen: null, rejected: [] },
];

describe('describeMappingProblem', () => {
  it('one missing role: "the ... column", "Choose it", and its candidates', () => {
    expect(describeMappingProblem({ missing: ['customer'], duplicates: [] }, report)).toBe(
      'We could not find the customer ID column. Choose it in the column mapping. Columns considered and not used: "Client" as Customer ID: mostly empty.',
    );
  });

  it('several missing roles: "columns", "Choose them"; money stands for its three roles', () => {
    expect(describeMappingProblem({ missing: ['date', 'money'], duplicates: [] }, report)).toBe(
      'We could not find the order date, the money (quantity and unit price, or a line amount) columns. Choose them in the column mapping. Columns considered and not used: "Shipped" as Order date: not the order date; "Cost" as Unit price: not money; "Tax" as Unit price: a share.',
    );
  });

  it('no candidates: no list; a column chosen twice: its own sentence', () => {
    expect(describeMappingProblem({ missing: ['customer'], duplicates: [] })).toBe(
      'We could not find the customer ID column. Choose it in the column mapping.',
    );
    expect(describeMappingProblem({ missing: [], duplicates: [2] }, report)).toBe(
      'The same column is chosen for two different meanings. Choose a different column for each.',
    );
  });
});

/** Three customers over two months, in the UCI layout. */
const SALES = [
  '536365,A,Mug,2,01/12/2010 08:26,2.50,17850,United Kingdom',
  '536366,B,Jug,1,02/12/2010 09:00,5.00,13047,United Kingdom',
  '536367,A,Mug,3,15/01/2011 10:00,2.50,17850,United Kingdom',
  '536368,C,Pot,1,20/01/2011 11:00,4.00,12583,France',
];

describe('prepare', () => {
  it('says which oddities of the file it met, with counts and examples', async () => {
    const text = lines(
      UCI_HEADER,
      ...SALES,
      '536369,A,Mug,1,31/02/2011 10:00,2.50,17850,United Kingdom', // no such day
      '536370,B,Jug,1,21/01/2011 10:00,5.00', // three fields short
      'Total,,,7,,17.50,,',
    );
    const data = await prepareText(text, { mapping: UCI_MAPPING, dateFormat: 'dmy' });
    const byCode = Object.fromEntries(data.warnings.map((w) => [w.code, w.message]));
    expect(Object.keys(byCode).sort()).toEqual(['bad-dates', 'malformed-rows', 'totals-row']);
    expect(byCode['malformed-rows']).toBe(
      '1 rows had more or fewer fields than the header (for example line 7); missing fields were read as empty.',
    );
    expect(byCode['bad-dates']).toBe(
      '1 rows had dates we could not read (for example "31/02/2011 10:00"); they were left out.',
    );
    expect(byCode['totals-row']).toBe(
      'A totals row (starting "Total" or similar, with no customer) was left out: it is not sales.',
    );
    const clean = await prepareText(lines(UCI_HEADER, ...SALES), {
      mapping: UCI_MAPPING,
      dateFormat: 'dmy',
    });
    expect(clean.warnings).toEqual([]);
    expect(clean.groups.table.ids).toHaveLength(3);
  });

  it('keeps only the sales up to a date, and says so; refuses a date before every sale', async () => {
    const text = lines(UCI_HEADER, ...SALES);
    const options = { mapping: UCI_MAPPING, dateFormat: 'dmy' as const };
    const cut = await prepareText(text, { ...options, until: '2010-12-31' });
    expect(cut.cleaned.kept).toHaveLength(2);
    expect(cut.groups.table.ids).toHaveLength(2);
    expect(cut.warnings.map((w) => w.code)).toEqual(['until']);
    expect(cut.warnings[0]!.message).toMatch(/^Only the sales up to 2010-12-31 are used: 2 /);
    await expectAnalysisError(
      prepareText(text, { ...options, until: '2010-11-30' }),
      'compare-periods',
    );
    await expectAnalysisError(prepareText(lines(UCI_HEADER), options), 'no-rows');
    const { customer: _customer, ...withoutCustomer } = UCI_MAPPING;
    await expectAnalysisError(
      prepareText(text, { ...options, mapping: withoutCustomer }),
      'missing-columns',
    );
    await expectAnalysisError(
      prepareText(text, { ...options, mapping: { ...UCI_MAPPING, customer: 0 } }),
      'missing-columns',
    );
  });

  it('reports the stages after reading in order, each at its start and end', async () => {
    const calls: [string, number, number, boolean | undefined][] = [];
    await prepare(
      fixtureSource(lines(UCI_HEADER, ...SALES)),
      { mapping: UCI_MAPPING, dateFormat: 'dmy' },
      (stage, fraction, rows, force) => calls.push([stage, fraction, rows, force]),
    );
    expect(calls.filter(([stage]) => stage !== 'read')).toEqual([
      ['clean', 0, 4, true],
      ['clean', 1, 4, true],
      ['features', 0, 4, true],
      ['features', 1, 3, true],
      ['cohort', 1, 3, true],
    ]);
  });

  it('says when rows were filled from their order, dates read both ways, NULs removed, months only', async () => {
    const text = lines(
      UCI_HEADER,
      '536365,A,Mug,2,01/02/2011 08:26,2.50,17850,United Kingdom',
      '536365,B,Jug,1,01/02/2011 08:26,5.00,,', // customer and country from its order
      '536366,B,Caf\u00e9,1,03/04/2011 09:00,5.00,13047,United Kingdom',
      '536367,A,Mug\u0000,3,05/06/2011 10:00,2.50,17850,United Kingdom',
      'Total,,,7,,17.50,,',
      'Subtotal,,,7,,17.50,,',
    );
    const data = await prepareText(cp1252(text), { mapping: UCI_MAPPING });
    expect(data.warnings).toEqual([
      {
        code: 'totals-row',
        message:
          '2 totals rows (starting "Total" or similar, with no customer) were left out: they are not sales.',
      },
      {
        code: 'nul-bytes',
        message:
          'The file had 1 stray NUL character (invisible, usually from a broken export); it was removed.',
      },
      {
        code: 'order-fields-filled',
        message:
          "1 lines had no customer, status, country or date of their own; they took them from another line of the same order (exports such as Shopify's write these once per order).",
      },
      {
        code: 'ambiguous-dates',
        message:
          'Every date reads both month-first and day-first; we used month-first. Switch it in the column settings if that is wrong.',
      },
    ]);
    const months = await prepareText(
      lines('Month,Customer,Amount', '2011-01,C1,10', '2011-02,C1,20'),
      {
        mapping: { date: 0, customer: 1, amount: 2 },
      },
    );
    expect(months.warnings.find((w) => w.code === 'monthly-dates')).toEqual({
      code: 'monthly-dates',
      message:
        'The file gives months, not days: each sale is dated the 1st of its month, so recency is accurate to a month and, with no order number, frequency counts the months with a purchase.',
    });
  });
});
