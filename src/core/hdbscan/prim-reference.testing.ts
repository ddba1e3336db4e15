/**
 * Test-only: plain Prim's over mutual reachability written out the way scikit-learn's reads, the
 * reference mst.ts and prim-plain.ts are checked against (mst.test.ts, hdbscan.mutation.test.ts).
 */
import type { SpanningTree } from './mst.ts';

/**
 * scikit-learn's Prim's on the fly: from vertex 0, scan the vertices outside the tree in index
 * order, lower each one's cheapest edge only on a strictly smaller edge from the newest vertex,
 * and take the first vertex of smallest edge.
 */
export function plainPrim(
  points: Float64Array,
  n: number,
  d: number,
  core: Float64Array,
): SpanningTree {
  const from = new Int32Array(n - 1);
  const to = new Int32Array(n - 1);
  const weight = new Float64Array(n - 1);
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n);
  let current = 0;
  inTree[0] = 1;
  for (let e = 0; e < n - 1; e++) {
    let pick = -1;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      let s = 0;
      for (let t = 0; t < d; t++) s += (points[current * d + t]! - points[j * d + t]!) ** 2;
      const reach = Math.max(s, core[current]!, core[j]!);
      if (reach < best[j]!) {
        best[j] = reach;
        bestFrom[j] = current;
      }
      if (pick < 0 || best[j]! < best[pick]!) pick = j;
    }
    from[e] = bestFrom[pick]!;
    to[e] = pick;
    weight[e] = Math.sqrt(best[pick]!);
    inTree[pick] = 1;
    current = pick;
  }
  return { from, to, weight };
}
