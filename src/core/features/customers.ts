import type { Transactions } from '../ingest/decode.ts';
import type { Codes } from '../ingest/intern.ts';
import type { BehaviourName, ClusterFeature, FeatureName } from '../types.ts';
import { AnalysisError } from '../errors.ts';
import { behaviourFeatures } from './behaviour.ts';
import { sameInstant } from './monthly.ts';

export const DAY_MS = 86_400_000;

/** One row per customer, columnar. Feature arrays are indexed like `ids`. */
export interface CustomerTable {
  /** Customer ids as in the file (trimmed, verbatim), sorted in natural order. */
  ids: string[];
  features: Record<FeatureName, Float64Array>;
  /**
   * Behaviour over time (features/behaviour.ts), indexed like `ids`. Absent in analyses saved
   * before these features existed: they need the file's rows again.
   */
  behaviour?: Record<BehaviourName, Float64Array>;
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  /** Latest timestamp in the cleaned data + 1 day (SPEC "Customer features"), UTC ms. */
  snapshot: number;
  dateMin: number;
  dateMax: number;
  /** Features that could not be computed from the mapped columns, with the fallback used. */
  fallbacks: Partial<Record<FeatureName, string>>;
}

/** Rows of the cleaned data grouped by customer, so per-customer work is one contiguous pass. */
export interface CustomerGroups {
  table: CustomerTable;
  /** Row indices, customer by customer: customer c owns `rows[start[c]] .. rows[start[c+1]-1]`. */
  rows: Int32Array;
  start: Int32Array;
}

/** Made when first needed: creating it took 12 ms of every start of the CLI and the worker. */
let collator: Intl.Collator | undefined;
/** Numeric-aware order (2 before 10), ties such as `007` and `7` broken by plain text order. */
export const compareIds = (a: string, b: string) =>
  (collator ??= new Intl.Collator('en', { numeric: true })).compare(a, b) ||
  (a < b ? -1 : a > b ? 1 : 0);

/** A whole number written plainly: digits only, no leading zero (`0` itself is one). */
export function isPlainNumber(id: string): boolean {
  const n = id.length;
  if (n === 0 || (n > 1 && id.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * compareIds for two plain numbers (`isPlainNumber`), without the collator: the shorter is the
 * smaller, and of equal length the text order is the numeric one. Customer ids are often such
 * numbers (the UCI file's, most shop systems'), and sorting 4,372 of them through the collator
 * took 20 ms of the CLI's 2 s.
 */
export const comparePlainNumbers = (a: string, b: string) =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Counts distinct codes within each customer's run of rows with a stamp array: `stamp[code]`
 * holds the last customer that saw the code, so no set is allocated per customer.
 */
function distinctPerGroup(
  rows: Int32Array,
  start: Int32Array,
  codes: Codes,
  dictionarySize: number,
  out: Float64Array,
  canonical?: Int32Array,
): void {
  const stamp = new Int32Array(dictionarySize).fill(-1);
  for (let c = 0; c < out.length; c++) {
    let distinct = 0;
    for (let r = start[c] as number; r < (start[c + 1] as number); r++) {
      const raw = codes[rows[r] as number] as number;
      const code = canonical ? (canonical[raw] as number) : raw;
      if (stamp[code] !== c) {
        stamp[code] = c;
        distinct++;
      }
    }
    out[c] = distinct;
  }
}

/** Groups the kept rows by customer (a counting sort on the customer code, stable in row order). */
export function groupByCustomer(tx: Transactions, kept: Int32Array): CustomerGroups {
  const customerCodes = tx.customer.codes;
  const dictionary = tx.customer.values;
  const rowsPerCode = new Int32Array(dictionary.length);
  for (let k = 0; k < kept.length; k++) rowsPerCode[customerCodes[kept[k] as number] as number]!++;

  const present: number[] = [];
  for (let code = 0; code < dictionary.length; code++)
    if (rowsPerCode[code]! > 0) present.push(code);
  const compare = present.every((code) => isPlainNumber(dictionary[code] as string))
    ? comparePlainNumbers
    : compareIds;
  present.sort((a, b) => compare(dictionary[a] as string, dictionary[b] as string));
  const customerOfCode = new Int32Array(dictionary.length).fill(-1);
  present.forEach((code, c) => (customerOfCode[code] = c));

  const customers = present.length;
  const start = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c++) start[c + 1] = start[c]! + rowsPerCode[present[c] as number]!;
  const next = start.slice(0, customers);
  const rows = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const row = kept[k] as number;
    const c = customerOfCode[customerCodes[row] as number] as number;
    rows[next[c]!++] = row;
  }
  return {
    table: computeFeatures(
      tx,
      present.map((code) => dictionary[code] as string),
      rows,
      start,
    ),
    rows,
    start,
  };
}

function computeFeatures(
  tx: Transactions,
  ids: string[],
  rows: Int32Array,
  start: Int32Array,
): CustomerTable {
  const n = ids.length;
  const f = (): Float64Array => new Float64Array(n);
  const features: Record<FeatureName, Float64Array> = {
    Recency: f(),
    Frequency: f(),
    Monetary: f(),
    TotalQuantity: f(),
    UniqueProducts: f(),
    Tenure: f(),
    AvgOrderValue: f(),
  };
  const firstPurchase = f();
  const lastPurchase = f();
  const fallbacks: CustomerTable['fallbacks'] = {};
  const { timestamps } = tx;
  const dateCodes = tx.date.codes;
  const qty = tx.quantity;
  const price = tx.money === 'amount' ? tx.amount : tx.unitPrice;
  if (!price) throw new Error('decodeTable guarantees a money column');

  let dateMin = Infinity;
  let dateMax = -Infinity;
  for (let c = 0; c < n; c++) {
    let first = Infinity;
    let last = -Infinity;
    let monetary = 0;
    let quantity = 0;
    for (let r = start[c] as number; r < (start[c + 1] as number); r++) {
      const row = rows[r] as number;
      const t = timestamps[dateCodes[row] as number] as number;
      if (t < first) first = t;
      if (t > last) last = t;
      const q = qty ? (qty.values[qty.codes[row] as number] as number) : 1;
      const p = price.values[price.codes[row] as number] as number;
      // With a line amount the amount is the line total; otherwise quantity x unit price.
      monetary += tx.money === 'amount' ? p : q * p;
      quantity += q;
    }
    firstPurchase[c] = first;
    lastPurchase[c] = last;
    features.Monetary[c] = monetary;
    features.TotalQuantity[c] = quantity;
    if (first < dateMin) dateMin = first;
    if (last > dateMax) dateMax = last;
  }
  if (!qty)
    fallbacks.TotalQuantity =
      'Your file has no quantity column, so "items bought" counts order lines instead.';

  if (tx.invoice)
    distinctPerGroup(rows, start, tx.invoice.codes, tx.invoice.values.length, features.Frequency);
  else
    distinctPerGroup(
      rows,
      start,
      dateCodes,
      tx.date.values.length,
      features.Frequency,
      sameInstant(timestamps),
    );
  if (tx.product)
    distinctPerGroup(
      rows,
      start,
      tx.product.codes,
      tx.product.values.length,
      features.UniqueProducts,
    );
  else
    fallbacks.UniqueProducts =
      'Your file has no product column, so how many different products each customer bought is not known (shown as 0). The segments use recency, orders and spend, so they are not affected.';

  const snapshot = dateMax + DAY_MS;
  for (let c = 0; c < n; c++) {
    features.Recency[c] = Math.floor((snapshot - lastPurchase[c]!) / DAY_MS);
    features.Tenure[c] = Math.floor((snapshot - firstPurchase[c]!) / DAY_MS);
    features.AvgOrderValue[c] = features.Monetary[c]! / features.Frequency[c]!;
  }
  // Computed on first use: only clustering on them needs them, and most analyses never do (the
  // overview came about 0.1 s sooner in the app without them; a saved session computes them).
  let behaviour: Record<BehaviourName, Float64Array> | undefined;
  return {
    ids,
    features,
    get behaviour() {
      return (behaviour ??= behaviourFeatures(tx, rows, start, dateMax));
    },
    firstPurchase,
    lastPurchase,
    snapshot,
    dateMin,
    dateMax,
    fallbacks,
  };
}

/**
 * `table` holding none of the file's rows: with its behaviour features computed now, or without
 * them (as in an analysis saved before they existed).
 */
export function tableWithoutRows(table: CustomerTable, behaviour: boolean): CustomerTable {
  // Copied by their descriptors, the behaviour getter left out: a spread of `table` would run it,
  // and naming the fields one by one would silently drop any field added to the table later.
  const { behaviour: _getter, ...fields } = Object.getOwnPropertyDescriptors(table);
  const kept = Object.defineProperties({}, fields) as CustomerTable;
  if (behaviour && table.behaviour) kept.behaviour = table.behaviour;
  return kept;
}

/** One column of a customer feature or a behaviour feature. */
export function featureColumn(table: CustomerTable, feature: ClusterFeature): Float64Array {
  if (feature in table.features) return table.features[feature as FeatureName];
  if (!table.behaviour)
    throw new AnalysisError(
      'file-needed',
      'This analysis was saved before the behaviour features existed. Open the file again to use them.',
    );
  return table.behaviour[feature as BehaviourName];
}
