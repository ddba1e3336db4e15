/**
 * Segment migration between two snapshots scored with one model (SPEC "Segment migration between
 * two periods"). A customer is in a snapshot when its file (or its part of a cut file) has them:
 * only in the later one is "new", only in the earlier one is "lapsed". Rows are the earlier
 * segments then "new"; columns the later segments then "lapsed"; so each row sums to its earlier
 * segment's size and each column to its later segment's size.
 *
 * Revenue of a flow: the customers' revenue in the later period, as SPEC says (a lapsed flow is 0
 * by definition: those customers bought nothing the later snapshot knows of). Each flow also
 * carries the same customers' revenue in the earlier period, which is what a move to a worse
 * segment puts at risk ("worth 12,300 last period"), and what a lapsed flow lost.
 *
 * Segment order is value order (0 the most valuable), so a move to a higher index, or to lapsed,
 * is a move to a worse segment.
 */
import { toCsv } from '../export/csv.ts';

export const NEW = 'new';
export const LAPSED = 'lapsed';

/** One snapshot: each customer's segment index and revenue in that period, aligned by position. */
export interface PeriodSegments {
  customerIds: readonly string[];
  segments: ArrayLike<number>;
  revenue: ArrayLike<number>;
}

export interface MigrationMatrix {
  /** Segment names in value order; row `k` is "new", column `k` is "lapsed". */
  segments: readonly string[];
  /** (k + 1) x (k + 1) customer counts; [k][k] (new and lapsed) is always 0. */
  customers: number[][];
  /** Revenue in the later period of the customers of each flow. */
  revenue: number[][];
  /** Revenue in the earlier period of the customers of each flow (0 for new customers). */
  earlierRevenue: number[][];
  /** Customers per earlier segment (the row sums without "new"), and per later segment. */
  earlierSizes: number[];
  laterSizes: number[];
}

export interface Mover {
  customerId: string;
  from: number;
  /** Later segment, or `segments.length` for lapsed. */
  to: number;
  earlierRevenue: number;
  laterRevenue: number;
}

export interface Migration {
  matrix: MigrationMatrix;
  /** Customers who moved to a worse segment or lapsed, most earlier revenue first. */
  movers: Mover[];
}

function indexById(period: PeriodSegments, k: number, which: string): Map<string, number> {
  const index = new Map<string, number>();
  period.customerIds.forEach((id, i) => {
    const s = period.segments[i]!;
    if (!Number.isInteger(s) || s < 0 || s >= k)
      throw new RangeError(`${which} customer ${id} has segment ${s}, not one of 0..${k - 1}`);
    if (index.has(id)) throw new RangeError(`${which} customer ${id} is listed twice`);
    index.set(id, i);
  });
  return index;
}

export function migrationMatrix(
  earlier: PeriodSegments,
  later: PeriodSegments,
  segments: readonly string[],
): Migration {
  const k = segments.length;
  const square = () => Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
  const matrix: MigrationMatrix = {
    segments: [...segments],
    customers: square(),
    revenue: square(),
    earlierRevenue: square(),
    earlierSizes: new Array<number>(k).fill(0),
    laterSizes: new Array<number>(k).fill(0),
  };
  const laterIndex = indexById(later, k, 'later');
  indexById(earlier, k, 'earlier');
  const movers: Mover[] = [];
  const add = (from: number, to: number, before: number, after: number) => {
    matrix.customers[from]![to]!++;
    matrix.revenue[from]![to]! += after;
    matrix.earlierRevenue[from]![to]! += before;
  };

  const seen = new Set<string>();
  earlier.customerIds.forEach((id, i) => {
    const from = earlier.segments[i]!;
    const before = earlier.revenue[i]!;
    matrix.earlierSizes[from]!++;
    const j = laterIndex.get(id);
    const to = j === undefined ? k : later.segments[j]!;
    const after = j === undefined ? 0 : later.revenue[j]!;
    add(from, to, before, after);
    if (to > from)
      movers.push({ customerId: id, from, to, earlierRevenue: before, laterRevenue: after });
    seen.add(id);
  });
  later.customerIds.forEach((id, j) => {
    const to = later.segments[j]!;
    matrix.laterSizes[to]!++;
    if (!seen.has(id)) add(k, to, 0, later.revenue[j]!);
  });
  movers.sort(
    (a, b) =>
      b.earlierRevenue - a.earlierRevenue ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  return { matrix, movers };
}

const money = (x: number) => Math.round(x).toLocaleString('en');
const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "41 Loyal customers", "1 Loyal customer": a name such as "Loyal customers" is not doubled. */
function customersOf(n: number, segment: string): string {
  const group = segment.replace(/\s*customers?$/i, '');
  return count(n, `${group} customer`, `${group} customers`);
}

/**
 * Plain sentences on what changed: the biggest moves to a worse segment (most customers first,
 * then most revenue at risk), then the lapsed and new customers in total.
 */
export function migrationSummary({ matrix }: Migration, biggest = 3): string[] {
  const { segments, customers, earlierRevenue, revenue } = matrix;
  const k = segments.length;
  const worse: { from: number; to: number }[] = [];
  for (let from = 0; from < k; from++)
    for (let to = from + 1; to < k; to++) if (customers[from]![to]! > 0) worse.push({ from, to });
  worse.sort(
    (a, b) =>
      customers[b.from]![b.to]! - customers[a.from]![a.to]! ||
      earlierRevenue[b.from]![b.to]! - earlierRevenue[a.from]![a.to]!,
  );
  const sentences = worse.slice(0, biggest).map(({ from, to }) => {
    const n = customers[from]![to]!;
    return `${customersOf(n, segments[from]!)} ${n === 1 ? 'is' : 'are'} now ${segments[to]}, worth ${money(earlierRevenue[from]![to]!)} last period.`;
  });
  if (worse.length === 0) sentences.push('No customer moved to a worse segment.');

  let lapsed = 0;
  let lapsedWorth = 0;
  for (let from = 0; from < k; from++) {
    lapsed += customers[from]![k]!;
    lapsedWorth += earlierRevenue[from]![k]!;
  }
  if (lapsed > 0)
    sentences.push(
      `${count(lapsed, 'customer', 'customers')} of the earlier period ${lapsed === 1 ? 'is' : 'are'} not in the later one (lapsed), worth ${money(lapsedWorth)} last period.`,
    );
  const newcomers = customers[k]!.slice(0, k).reduce((s, n) => s + n, 0);
  const newWorth = revenue[k]!.slice(0, k).reduce((s, x) => s + x, 0);
  if (newcomers > 0)
    sentences.push(
      `${count(newcomers, 'new customer', 'new customers')}, worth ${money(newWorth)} this period.`,
    );
  return sentences;
}

/** Money summed over many lines carries float noise (189.14000000000001): written to the cent. */
const cents = (x: number) => Math.round(x * 100) / 100;

/** `from,to,customers,revenue`, one line per non-empty flow; `from` may be new, `to` lapsed. */
export function migrationCsv({ matrix }: Migration): string {
  const k = matrix.segments.length;
  const name = (s: number, outside: string) => (s === k ? outside : matrix.segments[s]!);
  const rows: (string | number)[][] = [];
  for (let from = 0; from <= k; from++)
    for (let to = 0; to <= k; to++)
      if (matrix.customers[from]![to]! > 0)
        rows.push([
          name(from, NEW),
          name(to, LAPSED),
          matrix.customers[from]![to]!,
          cents(matrix.revenue[from]![to]!),
        ]);
  return toCsv(['from', 'to', 'customers', 'revenue'], rows);
}

/** The movers to a worse segment, as a spreadsheet: who, from where to where, and their revenue. */
export function moversCsv({ matrix, movers }: Migration): string {
  const k = matrix.segments.length;
  return toCsv(
    ['CustomerID', 'from', 'to', 'earlier_revenue', 'later_revenue'],
    movers.map((m) => [
      m.customerId,
      matrix.segments[m.from]!,
      m.to === k ? LAPSED : matrix.segments[m.to]!,
      cents(m.earlierRevenue),
      cents(m.laterRevenue),
    ]),
  );
}
