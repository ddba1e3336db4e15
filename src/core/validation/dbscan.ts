/**
 * DBSCAN (density-based clustering) as scikit-learn's DBSCAN(eps, min_samples) with Euclidean
 * distances: a customer is a core point when at least minSamples customers (itself included) are
 * within distance eps (<= eps); clusters are the connected groups of core points plus the
 * non-core customers within eps of one of them (border points); everyone else is noise, label -1.
 * Clusters are numbered in the order of their lowest-index core point, and a border point within
 * reach of two clusters joins the one numbered first, as in sklearn (which expands one cluster
 * completely before starting the next).
 *
 * Neighbour queries use a uniform grid of cells of side eps: a point's neighbours lie in its own
 * cell or the 3^d cells around it. On the 3 to 5 scaled features of the app that makes a query
 * cost about the number of customers near the point instead of n; in the worst case (eps so large
 * that everyone is in a few cells) it is O(n^2) time like any exact DBSCAN, but memory stays
 * O(n) (no distance matrix, and neighbour lists are visited one point at a time). Above
 * GRID_MAX_DIMS dimensions the 3^d cells cost more than they save and queries scan all points.
 *
 * Choosing eps: kDistances gives the sorted k-distance curve (each customer's distance to its k-th
 * nearest other customer, k = minSamples - 1); eps is usually read at its elbow.
 */
import { createRng, DEFAULT_SEED, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';

export const NOISE = -1;
const GRID_MAX_DIMS = 6;

export interface DbscanResult {
  /** Cluster of each customer, 0..clusters-1, or -1 (NOISE). */
  labels: Int32Array;
  clusters: number;
  /** Customers in each cluster. */
  sizes: number[];
  noiseCount: number;
  noiseShare: number;
  /** 1 for core points. */
  core: Uint8Array;
}

/** Calls visit(j) for every point j within eps of point i (i itself included). */
type NeighbourQuery = (i: number, visit: (j: number) => void) => void;

function sqDistance(values: Float64Array, d: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = values[i * d + t]! - values[j * d + t]!;
    s += diff * diff;
  }
  return s;
}

/** The grid (or brute-force) neighbour query. O(n) memory. */
function neighbourQuery(points: Points, eps: number): NeighbourQuery {
  const { count: n, dims: d, values } = points;
  const eps2 = eps * eps;
  if (d > GRID_MAX_DIMS || d === 0) {
    return (i, visit) => {
      for (let j = 0; j < n; j++) if (sqDistance(values, d, i, j) <= eps2) visit(j);
    };
  }
  return numberedCells(points, eps) ?? namedCells(points, eps);
}

/** The 3^d neighbouring cells of a cell (its own included) as offsets, -1 to 1 per coordinate. */
function neighbourOffsets(d: number): Int32Array[] {
  const offsets: Int32Array[] = [];
  for (let code = 0; code < 3 ** d; code++) {
    const offset = new Int32Array(d);
    for (let t = 0, c = code; t < d; t++, c = Math.floor(c / 3)) offset[t] = (c % 3) - 1;
    offsets.push(offset);
  }
  return offsets;
}

/**
 * The grid's query, whatever names its cells: `cellOf(i)` is point i's cell and
 * `neighbour(i, o)` its neighbouring cell number o of the 3^d; the points of each cell are
 * found in a map from its name.
 */
function gridQuery<Cell>(
  points: Points,
  eps: number,
  cellOf: (i: number) => Cell,
  neighbour: (i: number, o: number) => Cell,
): NeighbourQuery {
  const { count: n, dims: d, values } = points;
  const eps2 = eps * eps;
  const runs = new Map<Cell, number[]>();
  for (let i = 0; i < n; i++) {
    const cell = cellOf(i);
    const run = runs.get(cell);
    if (run) run.push(i);
    else runs.set(cell, [i]);
  }
  const neighbours = 3 ** d;
  return (i, visit) => {
    for (let o = 0; o < neighbours; o++) {
      const run = runs.get(neighbour(i, o));
      if (run) for (const j of run) if (sqDistance(values, d, i, j) <= eps2) visit(j);
    }
  };
}

/**
 * The grid's cells numbered: a point's cell is its coordinates divided by eps, rounded down, and
 * its number their mixed-radix number within the grid's extent plus a margin of one cell, so each
 * neighbouring cell's number is the point's plus a fixed offset. On 15,812 customers DBSCAN took
 * 0.17 s this way and 0.25 s with each cell named by a string of its coordinates (still used when
 * the numbers would pass 2^53: a grid that fine in many dimensions). Null then.
 */
function numberedCells(points: Points, eps: number): NeighbourQuery | null {
  const { count: n, dims: d, values } = points;
  const cells = Float64Array.from(values, (v) => Math.floor(v / eps));
  const strides = new Float64Array(d + 1);
  const lowest = new Float64Array(d);
  strides[0] = 1;
  for (let t = 0; t < d; t++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < n; i++) {
      low = Math.min(low, cells[i * d + t] as number);
      high = Math.max(high, cells[i * d + t] as number);
    }
    lowest[t] = low;
    strides[t + 1] = (strides[t] as number) * (high - low + 3);
  }
  if (!((strides[d] as number) <= Number.MAX_SAFE_INTEGER)) return null;
  const numberOf = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < d; t++)
      numberOf[i]! +=
        ((cells[i * d + t] as number) - (lowest[t] as number) + 1) * (strides[t] as number);
  const steps = Float64Array.from(neighbourOffsets(d), (offset) =>
    offset.reduce((step, by, t) => step + by * (strides[t] as number), 0),
  );
  return gridQuery(
    points,
    eps,
    (i) => numberOf[i] as number,
    (i, o) => (numberOf[i] as number) + (steps[o] as number),
  );
}

/** The grid's cells named by strings of their coordinates: any grid, slower (numberedCells). */
function namedCells(points: Points, eps: number): NeighbourQuery {
  const { dims: d, values } = points;
  const offsets = neighbourOffsets(d);
  const nameOf = (i: number, offset?: Int32Array) => {
    let name = '';
    for (let t = 0; t < d; t++)
      name += `${Math.floor(values[i * d + t]! / eps) + (offset ? offset[t]! : 0)},`;
    return name;
  };
  return gridQuery(
    points,
    eps,
    (i) => nameOf(i),
    (i, o) => nameOf(i, offsets[o]),
  );
}

/**
 * DBSCAN of the points. Time about O(n x neighbours x 3^d) with the grid (see the header), memory
 * O(n).
 */
export function dbscan(points: Points, eps: number, minSamples: number): DbscanResult {
  const n = points.count;
  if (!(eps > 0)) throw new RangeError(`eps must be > 0, got ${eps}`);
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new RangeError(`minSamples must be a positive integer, got ${minSamples}`);
  const query = neighbourQuery(points, eps);
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    query(i, () => count++);
    if (count >= minSamples) core[i] = 1;
  }
  const labels = new Int32Array(n).fill(NOISE);
  const sizes: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (core[i] === 0 || labels[i] !== NOISE) continue;
    const cluster = sizes.length;
    sizes.push(0);
    labels[i] = cluster;
    stack.push(i);
    while (stack.length > 0) {
      const p = stack.pop()!;
      sizes[cluster]!++;
      if (core[p] === 0) continue; // a border point joins but does not spread the cluster
      query(p, (j) => {
        if (labels[j] !== NOISE) return;
        labels[j] = cluster;
        stack.push(j);
      });
    }
  }
  const noiseCount = n - sizes.reduce((s, x) => s + x, 0);
  return {
    labels,
    clusters: sizes.length,
    sizes,
    noiseCount,
    noiseShare: n > 0 ? noiseCount / n : 0,
    core,
  };
}

/**
 * The k-distance curve for choosing eps: for each of `sampleSize` customers (a seeded sample, or
 * all when n <= sampleSize), the distance to its k-th nearest other customer among all n, sorted
 * ascending. With k = minSamples - 1, a customer is a core point exactly when its k-distance is
 * <= eps, so the curve's value at position p says what share of customers would be core points.
 * O(sampleSize x n x d) time, O(n) memory (one distance row at a time).
 */
export function kDistances(
  points: Points,
  k: number,
  sampleSize = 2000,
  seed = DEFAULT_SEED,
): Float64Array {
  const { count: n, dims: d, values } = points;
  if (!Number.isInteger(k) || k < 1 || k >= n)
    throw new RangeError(`k must be 1..${n - 1}, got ${k}`);
  const picked =
    n <= sampleSize
      ? Int32Array.from({ length: n }, (_, i) => i)
      : sampleWithoutReplacement(createRng(seed), n, sampleSize);
  const out = new Float64Array(picked.length);
  if (k <= NEAREST_KEPT_MAX) {
    const nearest = new Float64Array(k);
    picked.forEach((i, s) => (out[s] = Math.sqrt(kthNearest(values, d, n, i, nearest))));
  } else {
    const row = new Float64Array(n - 1);
    picked.forEach((i, s) => {
      let m = 0;
      for (let j = 0; j < n; j++) if (j !== i) row[m++] = sqDistance(values, d, i, j);
      out[s] = Math.sqrt(select(row, k - 1));
    });
  }
  return out.sort();
}

/** Up to this k, kDistances keeps each customer's k nearest as they come (kthNearest). */
const NEAREST_KEPT_MAX = 64;

/**
 * The k-th smallest squared distance from point i to the others (k = nearest.length, the buffer
 * it keeps the k smallest in, ascending). A distance beyond the k-th so far costs one comparison,
 * and after the first few hundred points nearly all are: on 15,812 customers (k = 5) the curve
 * took 0.14 to 0.15 s this way and 0.42 to 0.61 s writing each row of distances out and
 * selecting from it (quickselect, kept for large k, where inserting costs more). The same value
 * either way: the same distances, the k-th smallest of them.
 */
function kthNearest(values: Float64Array, d: number, n: number, i: number, nearest: Float64Array) {
  const k = nearest.length;
  let kept = 0;
  // With 3 features (the default), point i's coordinates in locals and the distance written
  // out: the same sum as sqDistance's, in the same order, about twice as fast.
  const three = d === 3;
  const x0 = three ? (values[i * 3] as number) : 0;
  const x1 = three ? (values[i * 3 + 1] as number) : 0;
  const x2 = three ? (values[i * 3 + 2] as number) : 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    let s: number;
    if (three) {
      const e0 = (values[j * 3] as number) - x0;
      const e1 = (values[j * 3 + 1] as number) - x1;
      const e2 = (values[j * 3 + 2] as number) - x2;
      s = e0 * e0 + e1 * e1 + e2 * e2;
    } else s = sqDistance(values, d, i, j);
    if (kept === k && !(s < (nearest[k - 1] as number))) continue;
    // Insertion: shift the larger ones up (the largest drops off a full buffer).
    let at = kept === k ? k - 1 : kept++;
    while (at > 0 && (nearest[at - 1] as number) > s) {
      nearest[at] = nearest[at - 1] as number;
      at--;
    }
    nearest[at] = s;
  }
  return nearest[k - 1] as number;
}

/** The k-th smallest value (0-based) of xs, reordering xs (Hoare's quickselect). Average O(n). */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k]!;
}
