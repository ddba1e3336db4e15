/**
 * pipeline.ts' sentences for the owner: what a missing or doubled column mapping says, with the
 * columns that were considered for the missing roles and why each was passed over.
 */
import { describe, expect, it } from 'vitest';
import type { RoleReport } from './ingest/columns.ts';
import { describeMappingProblem } from './pipeline.ts';

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
