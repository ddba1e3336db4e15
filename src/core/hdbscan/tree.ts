/**
 * From the spanning tree to the condensed tree: the single-linkage hierarchy (scipy's linkage
 * format) and its condensation with min_cluster_size, as scikit-learn's HDBSCAN defines them.
 */
import type { SpanningTree } from './mst.ts';

/**
 * Merge i joins nodes left[i] and right[i] at `height[i]` into node n + i of `size[i]` points;
 * nodes below n are the points themselves. Heights never decrease with i.
 */
export interface SingleLinkage {
  n: number;
  left: Int32Array;
  right: Int32Array;
  height: Float64Array;
  size: Int32Array;
}

/**
 * The condensed tree, one row per edge, in scikit-learn's numbering: children below n are points,
 * n is the root cluster and n + 1, n + 2, ... the clusters born at true splits, numbered
 * breadth first (a parent's number is always below its children's). `lambda` is 1 / distance at
 * which the child leaves the parent (a point dropping out, or a cluster being born); `size` is 1
 * for a point and the cluster's size for a cluster.
 */
export interface CondensedTree {
  n: number;
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  size: Int32Array;
  /** Number of clusters including the root: cluster ids run n .. n + clusterCount - 1. */
  clusterCount: number;
  /**
   * The lambda used where points merge at distance 0 (duplicates with at least min_samples
   * copies): scikit-learn uses Infinity there, which turns stabilities into Infinity or NaN;
   * here it is 1 / the smallest positive merge distance, as dense as any real level, so every
   * lambda, stability and strength stays finite.
   */
  zeroDistanceLambda: number;
}

/** Kruskal on the (already minimal) spanning tree's edges: sort them and union the components. */
export function singleLinkage(tree: SpanningTree, n: number): SingleLinkage {
  const m = Math.max(0, n - 1);
  const edges = Int32Array.from({ length: m }, (_, i) => i);
  // Stable on ties (Array.prototype.sort is stable), like R's order() and sklearn's mergesort.
  const sorted = Array.from(edges).sort(
    (a, b) => (tree.weight[a] as number) - (tree.weight[b] as number),
  );
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const nodeOf = Int32Array.from({ length: n }, (_, i) => i);
  const sizeOf = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const result: SingleLinkage = {
    n,
    left: new Int32Array(m),
    right: new Int32Array(m),
    height: new Float64Array(m),
    size: new Int32Array(m),
  };
  sorted.forEach((edge, i) => {
    const a = find(tree.from[edge] as number);
    const b = find(tree.to[edge] as number);
    result.left[i] = nodeOf[a] as number;
    result.right[i] = nodeOf[b] as number;
    result.height[i] = tree.weight[edge] as number;
    const size = (sizeOf[a] as number) + (sizeOf[b] as number);
    result.size[i] = size;
    // Union by size keeps the find paths short.
    const [big, small] = (sizeOf[a] as number) >= (sizeOf[b] as number) ? [a, b] : [b, a];
    parent[small] = big;
    sizeOf[big] = size;
    nodeOf[big] = n + i;
  });
  return result;
}

/**
 * Condense the hierarchy: walking down from the root, a split where both sides have at least
 * minClusterSize points gives birth to two clusters; otherwise the cluster lives on in the larger
 * side and every point of a smaller side leaves it at that split's lambda.
 */
export function condenseTree(linkage: SingleLinkage, minClusterSize: number): CondensedTree {
  const { n } = linkage;
  let smallestPositive = Infinity;
  for (const h of linkage.height) if (h > 0 && h < smallestPositive) smallestPositive = h;
  const zeroDistanceLambda = Number.isFinite(smallestPositive) ? 1 / smallestPositive : 1;
  const lambdaOf = (h: number): number => (h > 0 ? 1 / h : zeroDistanceLambda);
  const countOf = (node: number): number => (node < n ? 1 : (linkage.size[node - n] as number));

  const parent: number[] = [];
  const child: number[] = [];
  const lambda: number[] = [];
  const size: number[] = [];
  const row = (p: number, c: number, l: number, s: number): void => {
    parent.push(p);
    child.push(c);
    lambda.push(l);
    size.push(s);
  };
  // Every point under `node` leaves cluster `cluster` at lambda `l` (breadth first, as sklearn).
  const dropOut = (node: number, cluster: number, l: number): void => {
    const queue = [node];
    for (let q = 0; q < queue.length; q++) {
      const x = queue[q] as number;
      if (x < n) row(cluster, x, l, 1);
      else queue.push(linkage.left[x - n] as number, linkage.right[x - n] as number);
    }
  };

  let nextCluster = n + 1;
  if (n >= 2) {
    // Breadth first from the root; `clusterOf` carries the cluster each inner node belongs to.
    const queue: number[] = [2 * n - 2];
    const clusterOf = new Map<number, number>([[2 * n - 2, n]]);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q] as number;
      const cluster = clusterOf.get(node) as number;
      clusterOf.delete(node);
      const i = node - n;
      const left = linkage.left[i] as number;
      const right = linkage.right[i] as number;
      const l = lambdaOf(linkage.height[i] as number);
      const leftCount = countOf(left);
      const rightCount = countOf(right);
      const leftBig = leftCount >= minClusterSize;
      const rightBig = rightCount >= minClusterSize;
      if (leftBig && rightBig) {
        for (const [side, count] of [
          [left, leftCount],
          [right, rightCount],
        ] as const) {
          // Both sides hold at least minClusterSize >= 2 points, so both are inner nodes.
          const born = nextCluster++;
          row(cluster, born, l, count);
          clusterOf.set(side, born);
          queue.push(side);
        }
        continue;
      }
      for (const [side, big] of [
        [left, leftBig],
        [right, rightBig],
      ] as const) {
        if (big && side >= n) {
          clusterOf.set(side, cluster);
          queue.push(side);
        } else {
          dropOut(side, cluster, l);
        }
      }
    }
  }
  return {
    n,
    parent: Int32Array.from(parent),
    child: Int32Array.from(child),
    lambda: Float64Array.from(lambda),
    size: Int32Array.from(size),
    clusterCount: nextCluster - n,
    zeroDistanceLambda,
  };
}
