/**
 * Prim's minimum spanning tree over the mutual reachability distance
 * max(core(a), core(b), dist(a, b)), computed on the fly: O(n^2) time but O(n) memory, so 20,000
 * customers never need the 200,000,000 pairwise distances a distance matrix would hold.
 */

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
 */
export function mutualReachabilityTree(
  points: Float64Array,
  n: number,
  d: number,
  coreSquared: Float64Array,
  onStep?: (done: number) => void,
): SpanningTree {
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(Math.max(0, n - 1));
  const weight = new Float64Array(Math.max(0, n - 1));
  if (n < 2) return { from, to, weight };

  // The vertices not yet in the tree, packed at the front of `rest` in increasing index order
  // so each step scans only those; `best[r]` / `bestFrom[r]` are the cheapest known edge into
  // rest[r]. Scanning in index order and keeping the first of equal candidates breaks ties as
  // scikit-learn's Prim's does (lowest index, earliest source), so equal-weight edges come out
  // the same way.
  const rest = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  const best = new Float64Array(n - 1).fill(Infinity);
  const bestFrom = new Int32Array(n - 1);
  let restCount = n - 1;
  let removed = -1;
  let current = 0;
  const step = Math.max(1, Math.floor(n / 200));

  for (let e = 0; e < n - 1; e++) {
    if (onStep !== undefined && e % step === 0) onStep(e);
    const co = current * d;
    const coreCurrent = coreSquared[current] as number;
    let pick = -1;
    let pickValue = Infinity;
    let w = 0;
    for (let r = 0; r < restCount; r++) {
      // Drop the vertex the previous step added, closing the gap as we go.
      if (r === removed) continue;
      const j = rest[r] as number;
      let known = best[r] as number;
      let source = bestFrom[r] as number;
      // No edge from `current` can beat the known one when either core distance already
      // reaches it: skip the distance computation (the mutual reachability is at least both).
      const floor = Math.max(coreCurrent, coreSquared[j] as number);
      if (floor < known) {
        const jo = j * d;
        let s = 0;
        for (let t = 0; t < d; t++) {
          const diff = (points[co + t] as number) - (points[jo + t] as number);
          s += diff * diff;
        }
        const reach = s > floor ? s : floor;
        if (reach < known) {
          known = reach;
          source = current;
        }
      }
      rest[w] = j;
      best[w] = known;
      bestFrom[w] = source;
      if (pick < 0 || known < pickValue) {
        pickValue = known;
        pick = w;
      }
      w++;
    }
    restCount = w;
    from[e] = bestFrom[pick] as number;
    to[e] = rest[pick] as number;
    weight[e] = Math.sqrt(pickValue);
    current = rest[pick] as number;
    removed = pick;
  }
  return { from, to, weight };
}
