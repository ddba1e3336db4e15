/**
 * Classic RFM quintile scores (R, F and M from 1 to 5) and the named segments of the R x F grid that
 * marketing tools use, so the k-means segments can be compared with what a shop already knows.
 *
 * Scores follow the recipe every RFM notebook copies from pandas:
 *
 *     R = pd.qcut(df.Recency.rank(method="first"),   5, labels=[5, 4, 3, 2, 1])
 *     F = pd.qcut(df.Frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
 *     M = pd.qcut(df.Monetary.rank(method="first"),  5, labels=[1, 2, 3, 4, 5])
 *
 * Ties: `rank(method="first")` gives tied values consecutive ranks in the order the customers
 * appear (here: the order of the customer table, ids in natural order, which is the order of
 * pandas' `groupby("CustomerID")` for numeric ids). So ties never make a bin bigger: two customers
 * with the same Frequency may get different F scores when the tie straddles a quintile edge, the
 * one listed first getting the lower rank. For Recency the lower rank (fewer days, the more recent)
 * gets the higher R score, so of two tied customers the one listed first gets the higher R.
 * Ranking first is what keeps qcut working at all on Frequency, where a third of customers have a
 * single order and plain quantile edges would coincide ("Bin edges must be unique").
 *
 * How pd.qcut(ranks, 5) maps to our bins, exactly. The ranks are 1..n, all distinct. pandas 1.5
 * computes the 6 edges as linearly interpolated quantiles of the sorted ranks at
 * q = linspace(0, 1, 6): e_j = 1 + (n - 1) * q_j, and `pd.cut(..., include_lowest=True)` puts a
 * value r in bin j (1-based) when e_(j-1) < r <= e_j (bin 1 also takes r = e_0 = 1), i.e. by
 * `searchsorted(edges, r, side="left")`. So r is in the smallest j with r - 1 <= (n - 1) * j / 5,
 * which in integers is the smallest j with 5 (r - 1) <= j (n - 1):
 *
 *     bin(r) = max(1, ceil(5 (r - 1) / (n - 1)))
 *
 * Rounding cannot move an edge to the wrong side of an integer rank: the doubles of linspace
 * (0.2, 0.4, 0.6000000000000001, 0.8) are all slightly above their decimal values, so when
 * (n - 1) * j / 5 is an integer m, the product q_j * (n - 1) rounds to m or above, and the edge is
 * then >= r = m + 1, which keeps r in bin j as the exact arithmetic says. We use the integer form,
 * so there is no rounding at all. Bin sizes then differ by at most one (bin 1 takes the extra rank
 * when n - 1 is a multiple of 5). n = 1 has no quintiles (pandas raises: the edges coincide); the
 * single customer gets bin 1 (scores R 5, F 1, M 1).
 *
 * Complexity: O(n log n) time for the three sorts, O(n) memory.
 */

export type Quintile = 1 | 2 | 3 | 4 | 5;

/** The three scores of every customer, indexed like the customer table. */
export interface RfmQuintiles {
  /** 5 = most recent (fewest days since the last purchase). */
  r: Uint8Array;
  /** 5 = most orders. */
  f: Uint8Array;
  /** 5 = most money spent. */
  m: Uint8Array;
}

/**
 * pandas `Series.rank(method="first")`, ascending: 1-based ranks, ties in order of appearance.
 * O(n log n) time, O(n) memory. NaN is not expected (features are finite) and would sort last.
 */
export function rankFirst(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    if (va < vb) return -1;
    if (va > vb) return 1;
    if (Number.isNaN(va) !== Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
    return a - b;
  });
  const ranks = new Float64Array(n);
  for (let p = 0; p < n; p++) ranks[order[p]!] = p + 1;
  return ranks;
}

/**
 * The bin of each rank under pd.qcut(ranks, q) for ranks that are a permutation of 1..n (see the
 * header comment): bin(r) = max(1, ceil(q (r - 1) / (n - 1))), in exact integer arithmetic. O(n).
 */
export function qcutRankBins(ranks: ArrayLike<number>, q = 5): Uint8Array {
  const n = ranks.length;
  if (!Number.isInteger(q) || q < 1 || q > 255) throw new RangeError(`q must be 1..255, got ${q}`);
  const bins = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = ranks[i]!;
    if (!Number.isInteger(r) || r < 1 || r > n) throw new RangeError(`rank ${r} is not in 1..${n}`);
    // Smallest j with q (r - 1) <= j (n - 1); n = 1 leaves every rank in bin 1.
    bins[i] = n === 1 ? 1 : Math.max(1, Math.ceil((q * (r - 1)) / (n - 1)));
  }
  return bins;
}

/**
 * Quintile score 1..5 of each value: pd.qcut(values.rank(method="first"), 5), labels 1..5 when
 * `higherIsBetter` (F, M) and 5..1 otherwise (R: fewer days since the last purchase is better).
 * O(n log n).
 */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const bins = qcutRankBins(rankFirst(values), 5);
  if (!higherIsBetter) for (let i = 0; i < bins.length; i++) bins[i] = 6 - bins[i]!;
  return bins;
}

/** R, F and M quintile scores of every customer. O(n log n) time, O(n) memory. */
export function rfmQuintiles(
  recency: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): RfmQuintiles {
  if (recency.length !== frequency.length || recency.length !== monetary.length)
    throw new Error(
      `feature lengths differ: ${recency.length}, ${frequency.length}, ${monetary.length}`,
    );
  return {
    r: quintileScores(recency, false),
    f: quintileScores(frequency, true),
    m: quintileScores(monetary, true),
  };
}

/** One named region of the R x F grid: inclusive score ranges. */
export interface GridSegmentRule {
  name: string;
  r: readonly [lo: Quintile, hi: Quintile];
  f: readonly [lo: Quintile, hi: Quintile];
  /** What the rule means, for the UI's "rules" table. */
  description: string;
}

/**
 * The common R x F grid (the segment map of the widely copied RFM notebooks:
 * `[1-2][1-2]` Hibernating, `[1-2][3-4]` At risk, `[1-2]5` Can't lose them, `3[1-2]` About to
 * sleep, `33` Need attention, `[3-4][4-5]` Loyal, `41` Promising, `51` New customers, `[4-5][2-3]`
 * Potential loyalists, `5[4-5]` Champions), with its bottom-left block split as the 11-segment
 * versions do: R = 1 with F 1-2 is Lost, R = 2 with F 1-2 Hibernating. The rules partition the 25
 * cells: every (R, F) pair has exactly one segment (a test checks it). Order: best first.
 */
export const RF_GRID_SEGMENTS: readonly GridSegmentRule[] = [
  {
    name: 'Champions',
    r: [5, 5],
    f: [4, 5],
    description: 'Bought very recently and buy most often.',
  },
  {
    name: 'Loyal',
    r: [3, 4],
    f: [4, 5],
    description: 'Buy often and fairly recently.',
  },
  {
    name: 'Potential loyalists',
    r: [4, 5],
    f: [2, 3],
    description: 'Recent customers with a few orders.',
  },
  {
    name: 'New customers',
    r: [5, 5],
    f: [1, 1],
    description: 'Bought very recently, for the first time or almost.',
  },
  {
    name: 'Promising',
    r: [4, 4],
    f: [1, 1],
    description: 'Recent, but few orders so far.',
  },
  {
    name: 'Need attention',
    r: [3, 3],
    f: [3, 3],
    description: 'Middle of the grid on both recency and frequency.',
  },
  {
    name: 'About to sleep',
    r: [3, 3],
    f: [1, 2],
    description: 'Fading recency and few orders.',
  },
  {
    name: 'At risk',
    r: [1, 2],
    f: [3, 4],
    description: 'Used to buy fairly often, but not for a long time.',
  },
  {
    name: "Can't lose them",
    r: [1, 2],
    f: [5, 5],
    description: 'Among the most frequent buyers, but not for a long time.',
  },
  {
    name: 'Hibernating',
    r: [2, 2],
    f: [1, 2],
    description: 'Few orders, long ago.',
  },
  {
    name: 'Lost',
    r: [1, 1],
    f: [1, 2],
    description: 'Few orders, and the longest time since the last one.',
  },
];

/** Index into RF_GRID_SEGMENTS of every (R, F) cell: GRID_INDEX[(r - 1) * 5 + (f - 1)]. */
const GRID_INDEX: Int8Array = (() => {
  const index = new Int8Array(25).fill(-1);
  RF_GRID_SEGMENTS.forEach((rule, s) => {
    for (let r = rule.r[0]; r <= rule.r[1]; r++)
      for (let f = rule.f[0]; f <= rule.f[1]; f++) {
        if (index[(r - 1) * 5 + (f - 1)] !== -1) throw new Error(`grid cell ${r}${f} named twice`);
        index[(r - 1) * 5 + (f - 1)] = s;
      }
  });
  return index;
})();

/** Index into RF_GRID_SEGMENTS of the segment of scores (r, f), both 1..5. */
export function gridSegmentIndex(r: number, f: number): number {
  const valid = (x: number) => Number.isInteger(x) && x >= 1 && x <= 5;
  const s = valid(r) && valid(f) ? GRID_INDEX[(r - 1) * 5 + (f - 1)] : undefined;
  if (s === undefined || s < 0) throw new RangeError(`no grid segment for R ${r}, F ${f}`);
  return s;
}

/** Grid segment (index into RF_GRID_SEGMENTS) of every customer. O(n). */
export function gridSegments(scores: RfmQuintiles): Uint8Array {
  return Uint8Array.from(scores.r, (r, i) => gridSegmentIndex(r, scores.f[i]!));
}

export interface Crosstab {
  /** counts[row][column]: customers with that row label and that column label. */
  counts: number[][];
  /** counts divided by the row total (pd.crosstab(normalize="index")); a row of no one is 0s. */
  rowShares: number[][];
  rowTotals: number[];
  columnTotals: number[];
}

/**
 * Crosstab of two labelings of the same customers, e.g. k-means segment (rows, 0..rows-1) against
 * grid segment (columns, 0..columns-1). O(n + rows x columns) time and memory.
 */
export function crosstab(
  rowLabels: ArrayLike<number>,
  rows: number,
  columnLabels: ArrayLike<number>,
  columns: number,
): Crosstab {
  if (rowLabels.length !== columnLabels.length)
    throw new Error(`labelings differ in length: ${rowLabels.length} vs ${columnLabels.length}`);
  const counts = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let i = 0; i < rowLabels.length; i++) {
    const a = rowLabels[i]!;
    const b = columnLabels[i]!;
    const row = counts[a];
    if (row === undefined || !(b >= 0 && b < columns) || !Number.isInteger(b))
      throw new RangeError(`labels (${a}, ${b}) of customer ${i} outside ${rows} x ${columns}`);
    row[b]!++;
  }
  const rowTotals = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) =>
    counts.reduce((s, row) => s + row[c]!, 0),
  );
  const rowShares = counts.map((row, a) =>
    row.map((x) => (rowTotals[a]! > 0 ? x / rowTotals[a]! : 0)),
  );
  return { counts, rowShares, rowTotals, columnTotals };
}

/** k-means segments (rows) against the grid segments of RF_GRID_SEGMENTS (columns). O(n). */
export function segmentGridCrosstab(
  segmentLabels: ArrayLike<number>,
  k: number,
  scores: RfmQuintiles,
): Crosstab {
  return crosstab(segmentLabels, k, gridSegments(scores), RF_GRID_SEGMENTS.length);
}

export interface RfGrid {
  /** counts[r - 1][f - 1]: customers with R score r and F score f. */
  counts: number[][];
  /** revenue[r - 1][f - 1]: their total Monetary. */
  revenue: number[][];
  /** Grid segment index of each cell, for labelling the heatmap: segment[r - 1][f - 1]. */
  segment: number[][];
}

/** The 5 x 5 R x F grid as customer counts and revenue, for the heatmap. O(n). */
export function rfGrid(scores: RfmQuintiles, monetary: ArrayLike<number>): RfGrid {
  if (monetary.length !== scores.r.length)
    throw new Error(`${monetary.length} monetary values for ${scores.r.length} customers`);
  const five = () => Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const counts = five();
  const revenue = five();
  for (let i = 0; i < scores.r.length; i++) {
    const r = scores.r[i]! - 1;
    const f = scores.f[i]! - 1;
    counts[r]![f]!++;
    revenue[r]![f]! += monetary[i]!;
  }
  const segment = Array.from({ length: 5 }, (_, r) =>
    Array.from({ length: 5 }, (_, f) => gridSegmentIndex(r + 1, f + 1)),
  );
  return { counts, revenue, segment };
}
