/**
 * Plain Prim's over mutual reachability: every new tree vertex is compared with every vertex
 * outside the tree, O(n^2) time and O(n) memory. The fallback of mst.ts for inputs where its k-d
 * tree cannot skip much (large min_samples: every core distance spans most of the data).
 */
import type { SpanningTree } from './mst.ts';

/** Same contract, edges and order as mst.ts's mutualReachabilityTree. */
export function plainPrimTree(
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

  // The vertices not yet in the tree occupy slots 0 .. restCount - 1, each slot holding the
  // vertex, its coordinates, its core distance and the cheapest known edge into it, side by side
  // so the scan of every step reads memory in order. A vertex that joins the tree gives its slot
  // to the last one (order does not matter: ties are broken by vertex index explicitly).
  const vertex = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  const coords = points.slice(d, n * d);
  const core = coreSquared.slice(1, n);
  const best = new Float64Array(n - 1).fill(Infinity);
  const bestFrom = new Int32Array(n - 1);
  const here = new Float64Array(d);
  let restCount = n - 1;
  let current = 0;
  const step = Math.max(1, Math.floor(n / 200));

  for (let e = 0; e < n - 1; e++) {
    if (onStep !== undefined && e % step === 0) onStep(e);
    for (let t = 0; t < d; t++) here[t] = points[current * d + t] as number;
    const coreCurrent = coreSquared[current] as number;
    let pick = -1;
    let pickValue = Infinity;
    let pickVertex = n;
    for (let r = 0; r < restCount; r++) {
      let known = best[r] as number;
      // No edge from `current` can beat the known one when either core distance already
      // reaches it: skip the distance computation (the mutual reachability is at least both).
      const coreR = core[r] as number;
      const floor = coreCurrent > coreR ? coreCurrent : coreR;
      if (floor < known) {
        const ro = r * d;
        let s = 0;
        for (let t = 0; t < d; t++) {
          const diff = (here[t] as number) - (coords[ro + t] as number);
          s += diff * diff;
        }
        const reach = s > floor ? s : floor;
        // Strictly smaller only: an equal edge from a vertex that joined earlier stays.
        if (reach < known) {
          known = reach;
          best[r] = reach;
          bestFrom[r] = current;
        }
      }
      if (known < pickValue || (known === pickValue && (vertex[r] as number) < pickVertex)) {
        pickValue = known;
        pick = r;
        pickVertex = vertex[r] as number;
      }
    }
    from[e] = bestFrom[pick] as number;
    to[e] = pickVertex;
    weight[e] = Math.sqrt(pickValue);
    current = pickVertex;
    // The last slot moves into the picked one.
    const last = --restCount;
    vertex[pick] = vertex[last] as number;
    core[pick] = core[last] as number;
    best[pick] = best[last] as number;
    bestFrom[pick] = bestFrom[last] as number;
    coords.copyWithin(pick * d, last * d, last * d + d);
  }
  return { from, to, weight };
}
