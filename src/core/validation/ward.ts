/**
 * Agglomerative clustering with Ward linkage, as an alternative to k-means: start with every
 * customer alone and repeatedly join the two groups whose merger raises the within-group sum of
 * squares (k-means' inertia) the least. Unlike k-means it needs no seeds or restarts, gives every
 * k at once, and its tree can be drawn as a dendrogram, which shows how far apart the groups are.
 *
 * wardLinkage reproduces scipy.cluster.hierarchy.linkage(X, 'ward') (which scikit-learn's
 * AgglomerativeClustering(linkage='ward') calls for unstructured data): the same merges in the same
 * order, the same cluster ids (points 0..n-1, merge m creates cluster n + m) and the same heights.
 * The height of a merge of groups A and B is scipy's Ward distance
 * sqrt(2 |A| |B| / (|A| + |B|)) x |centroid A - centroid B|, so height^2 / 2 is the rise in the
 * within-group sum of squares, and the heights' squares sum to twice the total sum of squares.
 *
 * Algorithm: the nearest-neighbour chain, as scipy's nn_chain including its tie-breaking (the
 * chain starts at the lowest live cluster, a scan prefers the previous chain element and then the
 * lowest index), with the Lance-Williams update for Ward; the merges are then sorted by height
 * (stably) and relabelled with a union-find, as scipy does. The update is written in scipy's own
 * arithmetic, on distances, squaring them and taking the root again each time, rather than on
 * squared distances: algebraically the same, but only the same rounding makes exact ties (integer
 * data, duplicate customers, grids) resolve as in scipy; on a 4 x 4 grid the squared form merges
 * tied pairs in another order. With it the heights on the test fixtures are bit-identical to
 * scipy's. The root costs one sqrt per update, a few ms at n = 3000.
 *
 * Complexity: O(n^2 d) time (about 0.25 s for 3000 customers in Node); O(n^2) memory for the
 * condensed matrix of n(n-1)/2 distances, 36 MB at n = 3000. That is why fitWard builds the tree
 * on a sample of at most WARD_MAX_POINTS customers, and why WARD_LINKAGE_LIMIT is a hard limit.
 */
import { throwIfAborted } from '../errors.ts';
import { createRng, DEFAULT_SEED, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';

/** fitWard's default tree size: above this many customers it builds the tree on a sample. */
export const WARD_MAX_POINTS = 3000;

/** wardLinkage refuses more points: 20,000 would need 1.6 GB of distances. */
export const WARD_LINKAGE_LIMIT = 20_000;

/** scipy's linkage matrix Z as columns: row m is merge m, which creates cluster count + m. */
export interface Linkage {
  /** Number of original points (the leaves, ids 0..count-1). */
  count: number;
  /** The two clusters joined, the smaller id first (Z[:, 0] and Z[:, 1]). */
  left: Int32Array;
  right: Int32Array;
  /** Ward distance of the merge (Z[:, 2]), non-decreasing. */
  height: Float64Array;
  /** Points in the new cluster (Z[:, 3]). */
  size: Int32Array;
}

export interface WardOptions {
  /** Above this many customers the tree is built on a seeded sample of this size (default 3000). */
  maxPoints?: number | undefined;
  /** Seed of the sample (default DEFAULT_SEED). */
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface WardFit {
  k: number;
  /** Segment of every customer, 0..k-1, numbered by first appearance in the sample's tree. */
  labels: Int32Array;
  /** Customers per segment (all customers). */
  sizes: Int32Array;
  /** True when the tree was built on a sample. */
  sampled: boolean;
  /** The customers in the tree, ascending: leaf i of `linkage` is customer sampleIndices[i]. */
  sampleIndices: Int32Array;
  linkage: Linkage;
  /** Row-major k x d centroids of the k clusters of the tree (of the sample when sampled). */
  centroids: Float64Array;
}

/**
 * Exact Ward linkage of the points, in scipy's format (see the header). O(n^2 d) time, n(n-1)/2
 * doubles of memory.
 */
export function wardLinkage(points: Points, signal?: AbortSignal): Linkage {
  const { count: n, dims: d, values } = points;
  if (!Number.isInteger(n) || n < 0 || values.length !== n * d)
    throw new RangeError(`points must hold count x dims values, got ${values.length} for ${n}`);
  if (n > WARD_LINKAGE_LIMIT)
    throw new RangeError(`Ward linkage is limited to ${WARD_LINKAGE_LIMIT} points, got ${n}`);
  for (const v of values)
    if (!Number.isFinite(v)) throw new RangeError('points must be finite numbers');
  const merges = Math.max(n - 1, 0);
  const mergedX = new Int32Array(merges);
  const mergedY = new Int32Array(merges);
  const heights = new Float64Array(merges);
  throwIfAborted(signal);
  if (n < 2) return relabel(n, mergedX, mergedY, heights);

  // Condensed matrix of Euclidean distances: pair i < j is at base[i] + j.
  const base = new Int32Array(n);
  for (let i = 0; i < n; i++) base[i] = (i * (2 * n - i - 3)) / 2 - 1;
  const dist = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0, p = 0; i < n - 1; i++) {
    if ((i & 63) === 0) throwIfAborted(signal);
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = values[i * d + t]! - values[j * d + t]!;
        s += diff * diff;
      }
      dist[p++] = Math.sqrt(s);
    }
  }
  const at = (i: number, j: number) => (i < j ? base[i]! + j : base[j]! + i);

  // size[i] is the size of the cluster living in slot i, 0 once it has been merged away. The
  // live slots are also kept in `live`, ascending (scans must go in index order for scipy's
  // tie-breaking), so scans and updates skip dead slots: about n^2 / 2 steps less in all.
  const size = new Int32Array(n).fill(1);
  const live = Int32Array.from({ length: n }, (_, i) => i);
  let liveCount = n;
  const chain = new Int32Array(n);
  let chainLength = 0;
  for (let m = 0; m < n - 1; m++) {
    if ((m & 63) === 0) throwIfAborted(signal);
    if (chainLength === 0) {
      chain[0] = live[0]!;
      chainLength = 1;
    }
    // Follow nearest neighbours until two clusters are each other's nearest.
    let x: number;
    let y = -1;
    let nearest: number;
    for (;;) {
      x = chain[chainLength - 1]!;
      // Prefer the previous chain element on ties, or the chain could cycle.
      if (chainLength > 1) {
        y = chain[chainLength - 2]!;
        nearest = dist[at(x, y)]!;
      } else nearest = Infinity;
      let q = 0;
      for (; q < liveCount; q++) {
        const i = live[q]!;
        if (i >= x) break;
        const v = dist[base[i]! + x]!;
        if (v < nearest) {
          nearest = v;
          y = i;
        }
      }
      const bx = base[x]!;
      for (q++; q < liveCount; q++) {
        const i = live[q]!;
        const v = dist[bx + i]!;
        if (v < nearest) {
          nearest = v;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x]!;
    const ny = size[y]!;
    mergedX[m] = x;
    mergedY[m] = y;
    heights[m] = nearest;
    // The merged cluster lives on in slot y (scipy's and fastcluster's convention).
    size[x] = 0;
    size[y] = nx + ny;
    let px = 0;
    while (live[px] !== x) px++;
    live.copyWithin(px, px + 1, liveCount--);
    for (let q = 0; q < liveCount; q++) {
      const i = live[q]!;
      if (i === y) continue;
      const ni = size[i]!;
      const iy = at(i, y);
      const dx = dist[at(i, x)]!;
      const dy = dist[iy]!;
      // scipy's _ward, operation for operation; max(0) only guards rounding below zero.
      const t = 1 / (nx + ny + ni);
      const squared =
        (ni + nx) * t * dx * dx + (ni + ny) * t * dy * dy - ni * t * nearest * nearest;
      dist[iy] = Math.sqrt(Math.max(0, squared));
    }
  }
  return relabel(n, mergedX, mergedY, heights);
}

/** Sorts the merges by height (stably) and renames slots to scipy's cluster ids. */
function relabel(n: number, slotX: Int32Array, slotY: Int32Array, heights: Float64Array): Linkage {
  const m = heights.length;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => heights[a]! - heights[b]! || a - b,
  );
  const parent = Int32Array.from({ length: Math.max(2 * n - 1, 0) }, (_, i) => i);
  const sizes = new Int32Array(Math.max(2 * n - 1, 0)).fill(1);
  const find = (i: number) => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const up = parent[i]!;
      parent[i] = root;
      i = up;
    }
    return root;
  };
  const linkage: Linkage = {
    count: n,
    left: new Int32Array(m),
    right: new Int32Array(m),
    height: new Float64Array(m),
    size: new Int32Array(m),
  };
  order.forEach((row, r) => {
    const a = find(slotX[row]!);
    const b = find(slotY[row]!);
    const next = n + r;
    linkage.left[r] = Math.min(a, b);
    linkage.right[r] = Math.max(a, b);
    linkage.height[r] = heights[row]!;
    parent[a] = next;
    parent[b] = next;
    sizes[next] = sizes[a]! + sizes[b]!;
    linkage.size[r] = sizes[next]!;
  });
  return linkage;
}

/**
 * Flat labels for k clusters: the clusters left after the first count - k merges (scikit-learn's
 * labels for n_clusters = k, and scipy's cut_tree, up to numbering). Labels are numbered by first
 * appearance: point 0 is in cluster 0, the first point not in it in cluster 1, and so on. O(n).
 */
export function cutTree(linkage: Linkage, k: number): Int32Array {
  const n = linkage.count;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be 1..${n}, got ${k}`);
  // Walk down from the root: a node below the cut belongs to the topmost such node above it.
  const top = new Int32Array(2 * n - 1);
  top[2 * n - 2] = 2 * n - 2;
  for (let m = n - 2; m >= 0; m--) {
    const aboveCut = m >= n - k;
    for (const child of [linkage.left[m]!, linkage.right[m]!])
      top[child] = aboveCut ? child : top[n + m]!;
  }
  const labelOf = new Int32Array(2 * n - 1).fill(-1);
  const labels = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const root = top[i]!;
    if (labelOf[root] === -1) labelOf[root] = next++;
    labels[i] = labelOf[root]!;
  }
  return labels;
}

/**
 * Ward clustering of the customers into k segments. Up to maxPoints customers (WARD_MAX_POINTS) the
 * tree holds everyone. Above that the tree is built on a seeded sample of maxPoints customers
 * drawn without replacement (sampleWithoutReplacement): sampled customers keep the label of their
 * cluster in the tree, and every other customer joins the cluster whose sample centroid is nearest
 * (ties to the lower label). So the dendrogram and the sample's labels always agree, and the rest
 * are placed as k-means would place them. Time O(m^2 d + n k d) for a sample of m.
 */
export function fitWard(points: Points, k: number, options: WardOptions = {}): WardFit {
  const { count: n, dims: d, values } = points;
  const maxPoints = options.maxPoints ?? WARD_MAX_POINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < 1)
    throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
  const sampled = n > maxPoints;
  const m = sampled ? maxPoints : n;
  if (!Number.isInteger(k) || k < 1 || k > m)
    throw new RangeError(`k = ${k} needs at least ${k} customers in the tree, got ${m}`);
  const sampleIndices = sampled
    ? sampleWithoutReplacement(createRng(options.seed ?? DEFAULT_SEED), n, m).sort()
    : Int32Array.from({ length: n }, (_, i) => i);
  const sampleValues = new Float64Array(m * d);
  sampleIndices.forEach((i, s) => sampleValues.set(values.subarray(i * d, i * d + d), s * d));
  const linkage = wardLinkage({ count: m, dims: d, values: sampleValues }, options.signal);
  const treeLabels = cutTree(linkage, k);

  const centroids = new Float64Array(k * d);
  const treeSizes = new Int32Array(k);
  for (let s = 0; s < m; s++) {
    const c = treeLabels[s]!;
    treeSizes[c]!++;
    for (let t = 0; t < d; t++) centroids[c * d + t]! += sampleValues[s * d + t]!;
  }
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) centroids[c * d + t]! /= treeSizes[c]!;

  let labels = treeLabels;
  if (sampled) {
    throwIfAborted(options.signal);
    labels = new Int32Array(n).fill(-1);
    sampleIndices.forEach((i, s) => (labels[i] = treeLabels[s]!));
    for (let i = 0; i < n; i++) {
      if (labels[i] !== -1) continue;
      let best = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (values[i * d + t]! - centroids[c * d + t]!) ** 2;
        if (s < best) {
          best = s;
          labels[i] = c;
        }
      }
    }
  }
  const sizes = new Int32Array(k);
  for (const label of labels) sizes[label]!++;
  return { k, labels, sizes, sampled, sampleIndices, linkage, centroids };
}
