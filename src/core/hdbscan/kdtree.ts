/**
 * Core distances for HDBSCAN through a k-d tree. The features are few (3 to 7), where a k-d tree
 * answers a k-nearest-neighbour query in roughly logarithmic time, so all n queries cost
 * O(n log n) instead of the O(n^2) of a brute-force scan.
 */

/** Points per leaf: below this a linear scan beats descending further. */
const LEAF_SIZE = 16;

export interface KdTree {
  /** Nodes in use (the arrays may be longer). */
  count: number;
  /** Point indices, permuted so that every node owns a contiguous slice. */
  order: Int32Array;
  /** Per node: slice [start, end), split dimension (-1 for a leaf) and split value. */
  start: Int32Array;
  end: Int32Array;
  splitDim: Int32Array;
  splitValue: Float64Array;
  /** Children of an inner node; node 0 is the root. */
  left: Int32Array;
  right: Int32Array;
}

export function buildKdTree(points: Float64Array, n: number, d: number): KdTree {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // A balanced tree over n points with leaves of at least LEAF_SIZE / 2 has fewer than 4n / LEAF_SIZE
  // nodes; 2n + 1 is a safe bound for any n.
  const capacity = 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1;
  const tree: KdTree = {
    count: 0,
    order,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    splitDim: new Int32Array(capacity).fill(-1),
    splitValue: new Float64Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
  };
  let nodes = 0;
  const stack: number[] = [];
  const root = nodes++;
  tree.start[root] = 0;
  tree.end[root] = n;
  stack.push(root);
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const lo = tree.start[node] as number;
    const hi = tree.end[node] as number;
    if (hi - lo <= LEAF_SIZE) continue;
    // Split the widest dimension at its median: balanced, and robust to skewed features.
    let dim = 0;
    let widest = -1;
    for (let j = 0; j < d; j++) {
      let min = Infinity;
      let max = -Infinity;
      for (let t = lo; t < hi; t++) {
        const v = points[(order[t] as number) * d + j] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > widest) {
        widest = max - min;
        dim = j;
      }
    }
    // All points equal (duplicates): a leaf, however large, since no split separates them.
    if (widest <= 0) continue;
    const slice = Array.from(order.subarray(lo, hi)).sort(
      (a, b) => (points[a * d + dim] as number) - (points[b * d + dim] as number),
    );
    order.set(slice, lo);
    const mid = lo + ((hi - lo) >> 1);
    const leftNode = nodes++;
    const rightNode = nodes++;
    tree.splitDim[node] = dim;
    tree.splitValue[node] = points[(order[mid] as number) * d + dim] as number;
    tree.left[node] = leftNode;
    tree.right[node] = rightNode;
    tree.start[leftNode] = lo;
    tree.end[leftNode] = mid;
    tree.start[rightNode] = mid;
    tree.end[rightNode] = hi;
    stack.push(leftNode, rightNode);
  }
  tree.count = nodes;
  return tree;
}

/**
 * A bounded max-heap of the k smallest squared distances seen so far; the root is the current
 * k-th smallest, the pruning radius of the search.
 */
class KSmallest {
  readonly values: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.values = new Float64Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** The k-th smallest so far, or Infinity while fewer than k are known. */
  bound(): number {
    return this.size < this.k ? Infinity : (this.values[0] as number);
  }

  push(value: number): void {
    const h = this.values;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((h[parent] as number) >= value) break;
        h[i] = h[parent] as number;
        i = parent;
      }
      h[i] = value;
      return;
    }
    if (value >= (h[0] as number)) return;
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.k) break;
      const r = l + 1;
      const c = r < this.k && (h[r] as number) > (h[l] as number) ? r : l;
      if ((h[c] as number) <= value) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = value;
  }
}

/**
 * Squared distance from each point to its k-th nearest neighbour, counting the point itself as
 * the first (scikit-learn's and R dbscan's core distance with min_samples = minPts = k). Squared
 * because the spanning tree compares squared distances; take the square root for the distance.
 * `onRow` is called every few hundred points so the caller can report progress and cancel.
 */
export function coreDistancesSquared(
  points: Float64Array,
  n: number,
  d: number,
  k: number,
  onRow?: (done: number) => void,
): Float64Array {
  if (k < 1 || k > n) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  const tree = buildKdTree(points, n, d);
  const heap = new KSmallest(k);
  const result = new Float64Array(n);
  const stack = new Int32Array(128);
  const gaps = new Float64Array(128);
  for (let q = 0; q < n; q++) {
    if (onRow !== undefined && (q & 255) === 0) onRow(q);
    heap.reset();
    const qo = q * d;
    stack[0] = 0;
    gaps[0] = 0;
    let top = 1;
    while (top > 0) {
      top--;
      const node = stack[top] as number;
      // `gaps` holds a lower bound on the squared distance from q to the node's region.
      if ((gaps[top] as number) >= heap.bound()) continue;
      const dim = tree.splitDim[node] as number;
      if (dim < 0) {
        const end = tree.end[node] as number;
        for (let t = tree.start[node] as number; t < end; t++) {
          const po = (tree.order[t] as number) * d;
          let s = 0;
          for (let j = 0; j < d; j++) {
            const diff = (points[qo + j] as number) - (points[po + j] as number);
            s += diff * diff;
          }
          heap.push(s);
        }
        continue;
      }
      const diff = (points[qo + dim] as number) - (tree.splitValue[node] as number);
      const gap = gaps[top] as number;
      // Far side first on the stack so the near side is searched first and tightens the bound.
      stack[top] = (diff < 0 ? tree.right[node] : tree.left[node]) as number;
      gaps[top] = Math.max(gap, diff * diff);
      top++;
      stack[top] = (diff < 0 ? tree.left[node] : tree.right[node]) as number;
      gaps[top] = gap;
      top++;
    }
    result[q] = heap.values[0] as number;
  }
  return result;
}
