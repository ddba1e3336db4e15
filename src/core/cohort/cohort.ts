import type { CustomerGroups } from '../features/customers.ts';
import { monthIndexOf, monthLabel } from '../features/monthly.ts';
import type { Transactions } from '../ingest/decode.ts';

export interface CohortRetention {
  /** Cohort months, `YYYY-MM`, oldest first, every month from the first to the last cohort. */
  cohorts: string[];
  /** Customers whose first cleaned purchase fell in each cohort month (0 for an empty month). */
  sizes: number[];
  /**
   * `retention[c][i]`: share of cohort c's customers who bought in month c + i. Month 0 is 1 by
   * construction. Row c stops at the last month of the data (a triangle); `null` for an empty
   * cohort month.
   */
  retention: (number | null)[][];
  /** Customers of cohort c active in month c + i (the numerators), for hover text and exports. */
  active: number[][];
}

/** Monthly cohort retention (SPEC "Cohort retention"), from the rows grouped by customer. */
export function cohortRetention(tx: Transactions, groups: CustomerGroups): CohortRetention {
  const { rows, start, table } = groups;
  // Month of each distinct date text, computed once instead of once per row.
  const monthOfCode = new Int32Array(tx.timestamps.length);
  tx.timestamps.forEach((t, code) => (monthOfCode[code] = Number.isNaN(t) ? 0 : monthIndexOf(t)));

  const firstMonth = monthIndexOf(table.dateMin);
  const lastMonth = monthIndexOf(table.dateMax);
  const span = lastMonth - firstMonth + 1;
  const sizes = new Array<number>(span).fill(0);
  const active = Array.from({ length: span }, (_, c) => new Array<number>(span - c).fill(0));
  const seen = new Int32Array(span).fill(-1);
  const dateCodes = tx.date.codes;

  for (let customer = 0; customer < table.ids.length; customer++) {
    const cohort = monthIndexOf(table.firstPurchase[customer]!) - firstMonth;
    sizes[cohort]!++;
    const counts = active[cohort]!;
    for (let r = start[customer]!; r < start[customer + 1]!; r++) {
      const month = monthOfCode[dateCodes[rows[r]!]!]! - firstMonth;
      if (seen[month] !== customer) {
        seen[month] = customer;
        counts[month - cohort]!++;
      }
    }
  }

  return {
    cohorts: Array.from({ length: span }, (_, c) => monthLabel(firstMonth + c)),
    sizes,
    retention: active.map((counts, c) => counts.map((k) => (sizes[c]! > 0 ? k / sizes[c]! : null))),
    active,
  };
}
