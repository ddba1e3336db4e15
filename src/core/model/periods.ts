/**
 * The two periods of a comparison, from two files or one file cut at a date.
 *
 * A cut file gives two snapshots: the earlier one is the file as it would have been exported on
 * the cut date (the lines up to and including that day), the later one is the whole file (all the
 * lines up to the end). Not two disjoint windows, because:
 * - SPEC compares two *snapshots of the same customers*, and a snapshot's features (Recency,
 *   Frequency, Monetary, Tenure) are computed over all the history up to it, as the model's own
 *   were: scoring only the later window would shrink every customer's Frequency, Monetary and
 *   Tenure and push them all down the value order, which is not a move anyone made;
 * - issue #11's check is "save a model from the first half of the sample, score the whole sample
 *   with it, compare the two", and its example "41 Loyal customers are now At risk" is what a
 *   customer who stopped buying looks like in the later snapshot (their Recency grew).
 * So in one cut file every earlier customer is still in the later snapshot and nobody is lapsed;
 * customers whose first purchase is after the cut are new. Lapsed customers come from two files,
 * when the later export leaves customers out.
 *
 * The revenue "in the later period" (SPEC) is the revenue of the lines after the earlier snapshot:
 * after the cut date, or, for two files, after the earlier file's last line. Each snapshot's
 * features use its own snapshot date (its last line + 1 day), as any file's do.
 *
 * The cut is made on the cleaned lines: the file is cleaned as a whole first, so an order's
 * status or refund columns as exported at the end count in the earlier period too (an export made
 * on the cut date could have shown an order as paid that was refunded later).
 */
import { groupByCustomer, type CustomerTable, DAY_MS } from '../features/customers.ts';
import type { Transactions } from '../ingest/decode.ts';
import type { SegmentationModel } from './document.ts';
import { type Migration, migrationMatrix } from './migration.ts';
import { scoreCustomers } from './score.ts';

export interface DateCut {
  /** Start of the day after the cut date (UTC ms): earlier lines are before it. */
  end: number;
  /** Kept rows dated up to and including the cut date. */
  earlier: Int32Array;
  /** Kept rows dated after the cut date. */
  after: Int32Array;
}

/** Splits the cleaned rows (`kept`) at the end of day `until` (YYYY-MM-DD, the file's clock). */
export function cutAtDate(tx: Transactions, kept: Int32Array, until: string): DateCut {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
  const day = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!) : NaN;
  if (!match || new Date(day).toISOString().slice(0, 10) !== until)
    throw new RangeError(`"${until}" is not a date written YYYY-MM-DD`);
  const end = day + DAY_MS;
  const timeOf = (row: number) => tx.timestamps[tx.date.codes[row]!]!;
  return {
    end,
    earlier: kept.filter((row) => timeOf(row) < end),
    after: kept.filter((row) => timeOf(row) >= end),
  };
}

/** Each customer's revenue (Monetary, by the SPEC's line totals) over the given rows. */
export function revenueOfRows(tx: Transactions, rows: Int32Array): Map<string, number> {
  const { ids, features } = groupByCustomer(tx, rows).table;
  return new Map(ids.map((id, i) => [id, features.Monetary[i]!]));
}

/** For two files: the later file's revenue per customer on lines after the earlier file's last. */
export function laterPeriodRevenue(
  tx: Transactions,
  kept: Int32Array,
  earlier: Pick<CustomerTable, 'dateMax'>,
): Map<string, number> {
  return revenueOfRows(
    tx,
    kept.filter((row) => tx.timestamps[tx.date.codes[row]!]! > earlier.dateMax),
  );
}

/**
 * Scores both snapshots with the model and builds the migration: earlier revenue is each
 * customer's Monetary at the earlier snapshot, later revenue their revenue in the later period.
 */
export function comparePeriods(
  model: SegmentationModel,
  earlier: CustomerTable,
  later: CustomerTable,
  laterRevenue: ReadonlyMap<string, number>,
): Migration {
  const before = scoreCustomers(model, earlier);
  const after = scoreCustomers(model, later);
  return migrationMatrix(
    { customerIds: earlier.ids, segments: before.labels, revenue: earlier.features.Monetary },
    {
      customerIds: later.ids,
      segments: after.labels,
      revenue: later.ids.map((id) => laterRevenue.get(id) ?? 0),
    },
    model.segments,
  );
}

/** One file cut at `until`: the earlier snapshot, the whole file, and the migration between them. */
export function compareCut(
  model: SegmentationModel,
  tx: Transactions,
  kept: Int32Array,
  until: string,
): Migration & { cut: DateCut; earlier: CustomerTable; later: CustomerTable } {
  const cut = cutAtDate(tx, kept, until);
  const earlier = groupByCustomer(tx, cut.earlier).table;
  const later = groupByCustomer(tx, kept).table;
  return {
    ...comparePeriods(model, earlier, later, revenueOfRows(tx, cut.after)),
    cut,
    earlier,
    later,
  };
}
