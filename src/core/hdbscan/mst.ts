/**
 * Prim's minimum spanning tree over the mutual reachability distance
 * max(core(a), core(b), dist(a, b)), computed on the fly: O(n) memory, so 20,000 customers never
 * need the 200,000,000 pairwise distances a distance matrix would hold.
 *
 * Plain Prim's compares every new tree vertex with every vertex outside the tree: O(n^2). Here
 * each tree vertex instead knows its nearest outside vertex (by mutual reachability), found with
 * a k-d tree that skips the boxes too far away and the boxes already wholly in the tree. A heap
 * of tree vertices ordered by that edge gives the next edge. When a vertex joins the tree, the
 * tree vertices whose nearest it was are not searched again at once: their stored edge is a lower
 * bound of their new nearest, so each is searched again only when it reaches the top of the heap.
 * Same edges, same order and same arithmetic as plain Prim's.
 */
import { buildKdTree } from './kdtree.ts';
import { plainPrimTree } from './prim-plain.ts';

/** Nearest outside vertices remembered per tree vertex (see `search`). */
const LIST = 8;

/** The n - 1 edges of the tree, in the order Prim's algorithm added them. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  /** Mutual reachability distance of each edge (not squared). */
  weight: Float64Array;
}

/**
 * `coreSquared` holds squared core distances (see kdtree.ts). Working in squared distances
 * gives the same tree, since squaring is monotone, and spares a square root per pair.
 * `onStep(done)` is called every few dozen vertices (for progress and cancel).
 *
 * Each step adds the edge that is smallest by (weight, vertex outside the tree, the order in
 * which its source joined the tree). scikit-learn's Prim's scans the vertices in index order and
 * keeps the first of equal candidates, which is that rule, so equal-weight edges come out the
 * same way (and in the same order, which the stable sort of the hierarchy keeps).
 *
 * The k-d tree search is tried first. With a large min_samples, core distances span most of the
 * data and nearly every edge weighs a core distance: the searches then skip little and tie
 * everywhere, so after half of plain Prim's n^2 / 2 distance computations' worth of work the
 * search gives up and plain Prim's (prim-plain.ts) builds the tree; progress does not go back.
 */
export function mutualReachabilityTree(
  points: Float64Array,
  n: number,
  d: number,
  coreSquared: Float64Array,
  onStep?: (done: number) => void,
): SpanningTree {
  let reported = 0;
  const step =
    onStep &&
    ((done: number) => {
      reported = Math.max(reported, done);
      onStep(reported);
    });
  return (
    kdPrimTree(points, n, d, coreSquared, step, (n * n) / 4) ??
    plainPrimTree(points, n, d, coreSquared, step)
  );
}

/**
 * Prim's with the k-d tree search; null once its work (boxes and points looked at) exceeds
 * `budget`.
 */
export function kdPrimTree(
  points: Float64Array,
  n: number,
  d: number,
  coreSquared: Float64Array,
  onStep?: (done: number) => void,
  budget = Infinity,
): SpanningTree | null {
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(Math.max(0, n - 1));
  const weight = new Float64Array(Math.max(0, n - 1));
  if (n < 2) return { from, to, weight };
  let work = 0;

  const kd = buildKdTree(points, n, d);
  const { order, start, end, splitDim, splitValue, left, right } = kd;
  const nodes = kd.count;
  // Per node: bounding box, and the smallest core distance and smallest index among its points
  // still outside the tree (Infinity and n once they have all joined), kept up to date on joins.
  const low = new Float64Array(nodes * d).fill(Infinity);
  const high = new Float64Array(nodes * d).fill(-Infinity);
  const minCore = new Float64Array(nodes).fill(Infinity);
  const minIndex = new Int32Array(nodes).fill(n);
  const parent = new Int32Array(nodes).fill(-1);
  const leafOf = new Int32Array(n);
  for (let node = 0; node < nodes; node++) {
    const leaf = (splitDim[node] as number) < 0;
    if (!leaf) {
      parent[left[node] as number] = node;
      parent[right[node] as number] = node;
    }
    for (let t = start[node] as number; t < (end[node] as number); t++) {
      const p = order[t] as number;
      if (leaf) leafOf[p] = node;
      if ((coreSquared[p] as number) < (minCore[node] as number)) minCore[node] = coreSquared[p]!;
      if (p < (minIndex[node] as number)) minIndex[node] = p;
      for (let k = 0; k < d; k++) {
        const v = points[p * d + k] as number;
        if (v < (low[node * d + k] as number)) low[node * d + k] = v;
        if (v > (high[node * d + k] as number)) high[node * d + k] = v;
      }
    }
  }
  const inTree = new Uint8Array(n);

  // Each tree vertex keeps the LIST nearest outside vertices found by its last search (squared
  // edge and vertex, smallest first) and where it is in that list; rank = when it joined. The
  // outside set only shrinks, so the first entry still outside is its nearest outside vertex until
  // the list runs out: one search serves several steps (equal edges are common in mutual
  // reachability, so a vertex's nearest often joins the tree soon after it).
  const listW = new Float64Array(n * LIST);
  const listJ = new Int32Array(n * LIST);
  const listEnd = new Int32Array(n);
  const listAt = new Int32Array(n);
  const nearW = new Float64Array(n);
  const nearJ = new Int32Array(n);
  const rank = new Int32Array(n);
  const stack = new Int32Array(256);

  /** The LIST nearest outside vertices of tree vertex i by (mutual reachability, index). */
  const search = (i: number): void => {
    const io = i * d;
    const base = i * LIST;
    const coreI = coreSquared[i] as number;
    let count = 0;
    // The last kept entry: what a new candidate must beat once the list is full.
    let worstW = Infinity;
    let worstJ = n;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      work++;
      if ((minIndex[node] as number) === n) continue;
      let bound = coreI > (minCore[node] as number) ? coreI : (minCore[node] as number);
      if (bound > worstW) continue;
      let gap = 0;
      for (let k = 0; k < d; k++) {
        const x = points[io + k] as number;
        const below = (low[node * d + k] as number) - x;
        const above = x - (high[node * d + k] as number);
        const g = below > 0 ? below : above > 0 ? above : 0;
        gap += g * g;
      }
      if (gap > bound) bound = gap;
      // Equal edges go to the lower index, so a tie is worth a look only below worstJ.
      if (bound > worstW || (bound === worstW && (minIndex[node] as number) > worstJ)) continue;
      const dim = splitDim[node] as number;
      if (dim < 0) {
        for (let t = start[node] as number; t < (end[node] as number); t++) {
          const j = order[t] as number;
          if (inTree[j] === 1) continue;
          work++;
          const coreJ = coreSquared[j] as number;
          const floor = coreI > coreJ ? coreI : coreJ;
          const jo = j * d;
          let s = 0;
          for (let k = 0; k < d; k++) {
            const diff = (points[io + k] as number) - (points[jo + k] as number);
            s += diff * diff;
          }
          const reach = s > floor ? s : floor;
          if (reach > worstW || (reach === worstW && j > worstJ)) continue;
          // Insert in order, dropping the last entry when the list is full.
          let at = count < LIST ? count++ : LIST - 1;
          while (at > 0) {
            const w = listW[base + at - 1] as number;
            if (w < reach || (w === reach && (listJ[base + at - 1] as number) < j)) break;
            listW[base + at] = w;
            listJ[base + at] = listJ[base + at - 1] as number;
            at--;
          }
          listW[base + at] = reach;
          listJ[base + at] = j;
          if (count === LIST) {
            worstW = listW[base + LIST - 1] as number;
            worstJ = listJ[base + LIST - 1] as number;
          }
        }
        continue;
      }
      // The near side last on the stack, so it is searched first and tightens the bound.
      const nearLeft = (points[io + dim] as number) < (splitValue[node] as number);
      stack[top++] = (nearLeft ? right[node] : left[node]) as number;
      stack[top++] = (nearLeft ? left[node] : right[node]) as number;
    }
    listEnd[i] = count;
    listAt[i] = 0;
    // None left outside happens only once every vertex has joined, when no step asks.
    nearW[i] = count > 0 ? (listW[base] as number) : Infinity;
    nearJ[i] = count > 0 ? (listJ[base] as number) : n;
  };

  /** Tree vertex i's nearest has joined: the next entry still outside, or a new search. */
  const advance = (i: number): void => {
    const base = i * LIST;
    let at = listAt[i] as number;
    const last = listEnd[i] as number;
    while (at < last && inTree[listJ[base + at] as number] === 1) at++;
    if (at === last) return search(i);
    listAt[i] = at;
    nearW[i] = listW[base + at] as number;
    nearJ[i] = listJ[base + at] as number;
  };

  // Min-heap of tree vertices by (edge, outside vertex, rank).
  const heap = new Int32Array(n);
  let heapSize = 0;
  const before = (a: number, b: number): boolean => {
    const wa = nearW[a] as number;
    const wb = nearW[b] as number;
    if (wa !== wb) return wa < wb;
    const ja = nearJ[a] as number;
    const jb = nearJ[b] as number;
    return ja !== jb ? ja < jb : (rank[a] as number) < (rank[b] as number);
  };
  const siftDown = (at: number): void => {
    const v = heap[at] as number;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= heapSize) break;
      const r = l + 1;
      const c = r < heapSize && before(heap[r] as number, heap[l] as number) ? r : l;
      if (!before(heap[c] as number, v)) break;
      heap[at] = heap[c] as number;
      at = c;
    }
    heap[at] = v;
  };
  const push = (v: number): void => {
    let at = heapSize++;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!before(v, heap[up] as number)) break;
      heap[at] = heap[up] as number;
      at = up;
    }
    heap[at] = v;
  };

  const join = (v: number, joinedAs: number): void => {
    inTree[v] = 1;
    rank[v] = joinedAs;
    for (let node = leafOf[v] as number; node >= 0; node = parent[node] as number) {
      let core = Infinity;
      let index = n;
      if ((splitDim[node] as number) < 0) {
        for (let t = start[node] as number; t < (end[node] as number); t++) {
          const p = order[t] as number;
          if (inTree[p] === 1) continue;
          if ((coreSquared[p] as number) < core) core = coreSquared[p] as number;
          if (p < index) index = p;
        }
      } else {
        const a = left[node] as number;
        const b = right[node] as number;
        core = Math.min(minCore[a] as number, minCore[b] as number);
        index = Math.min(minIndex[a] as number, minIndex[b] as number);
      }
      minCore[node] = core;
      minIndex[node] = index;
    }
    if (joinedAs < n - 1) {
      search(v);
      push(v);
    }
  };

  const every = Math.max(1, Math.floor(n / 200));
  join(0, 0);
  for (let e = 0; e < n - 1; e++) {
    if (e % every === 0) {
      if (work > budget) return null;
      onStep?.(e);
    }
    let i = heap[0] as number;
    // A stored nearest that has joined the tree since: search again, and let the heap reorder.
    while (inTree[nearJ[i] as number] === 1) {
      advance(i);
      siftDown(0);
      i = heap[0] as number;
    }
    const j = nearJ[i] as number;
    from[e] = i;
    to[e] = j;
    weight[e] = Math.sqrt(nearW[i] as number);
    join(j, e + 1);
  }
  return { from, to, weight };
}
