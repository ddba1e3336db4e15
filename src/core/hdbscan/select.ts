/**
 * Reading clusters off the condensed tree: stability, excess-of-mass selection (never the root:
 * scikit-learn's allow_single_cluster=False), labels, membership strengths and GLOSH outlier
 * scores.
 */
import type { CondensedTree, SingleLinkage } from './tree.ts';

/** Per cluster of the condensed tree, indexed by cluster id - n (0 is the root). */
export interface ClusterFacts {
  /** Parent cluster index, -1 for the root. */
  parent: Int32Array;
  /** Lambda at which the cluster was born (0 for the root). */
  birth: Float64Array;
  /** Largest lambda of any row under the cluster: where its last points leave or it splits. */
  death: Float64Array;
  /** Points in the cluster at birth. */
  size: Int32Array;
  /** Sum over the cluster's rows of (lambda - birth) x size: the excess of mass. */
  stability: Float64Array;
  /** True for the clusters excess of mass selects. */
  selected: Uint8Array;
}

export interface Selection {
  clusters: ClusterFacts;
  /** Per point: the selected cluster's label (0, 1, ... in cluster id order) or -1 for noise. */
  labels: Int32Array;
  /** Per label: the cluster index (cluster id - n) it came from. */
  labelCluster: Int32Array;
  /** Per point: its lambda / its cluster's death lambda (1 at the densest core), 0 for noise. */
  strengths: Float64Array;
}

export function clusterFacts(tree: CondensedTree): Omit<ClusterFacts, 'selected'> {
  const { n, clusterCount } = tree;
  const parent = new Int32Array(clusterCount).fill(-1);
  const birth = new Float64Array(clusterCount);
  const death = new Float64Array(clusterCount);
  const size = new Int32Array(clusterCount);
  const stability = new Float64Array(clusterCount);
  size[0] = n;
  const rows = tree.parent.length;
  for (let r = 0; r < rows; r++) {
    const c = tree.child[r] as number;
    if (c < n) continue;
    parent[c - n] = (tree.parent[r] as number) - n;
    birth[c - n] = tree.lambda[r] as number;
    size[c - n] = tree.size[r] as number;
  }
  for (let r = 0; r < rows; r++) {
    const p = (tree.parent[r] as number) - n;
    const l = tree.lambda[r] as number;
    stability[p] = (stability[p] as number) + (l - (birth[p] as number)) * (tree.size[r] as number);
    if (l > (death[p] as number)) death[p] = l;
  }
  return { parent, birth, death, size, stability };
}

/**
 * Excess of mass: bottom up (children have larger ids than their parent), a cluster is kept
 * when its own stability is at least the summed stability of its selected descendants;
 * otherwise it passes that sum up. The root (index 0) is never a candidate, so a tree that never
 * splits gives no cluster at all. Returns 1 for the selected clusters (none nested).
 */
export function excessOfMass(parent: Int32Array, stability: Float64Array): Uint8Array {
  const count = parent.length;
  const best = new Float64Array(count);
  const childSum = new Float64Array(count);
  const candidate = new Uint8Array(count);
  for (let c = count - 1; c >= 1; c--) {
    const own = stability[c] as number;
    // Ties keep the parent, as scikit-learn and R do (the children must be strictly better).
    if ((childSum[c] as number) > own) best[c] = childSum[c] as number;
    else {
      candidate[c] = 1;
      best[c] = own;
    }
    const p = parent[c] as number;
    childSum[p] = (childSum[p] as number) + (best[c] as number);
  }
  // Top down: a candidate survives only if no ancestor was selected over it.
  const selected = new Uint8Array(count);
  const covered = new Uint8Array(count);
  for (let c = 1; c < count; c++) {
    const p = parent[c] as number;
    if (covered[p] === 1) covered[c] = 1;
    else if (candidate[c] === 1) {
      selected[c] = 1;
      covered[c] = 1;
    }
  }
  return selected;
}

/** Stability, excess-of-mass selection, labels and strengths from the condensed tree. */
export function selectClusters(tree: CondensedTree): Selection {
  const { n } = tree;
  const facts = clusterFacts(tree);
  const count = tree.clusterCount;
  const selected = excessOfMass(facts.parent, facts.stability);
  // Top down: each cluster's selected ancestor (itself included), -1 when there is none.
  const owner = new Int32Array(count).fill(-1);
  for (let c = 1; c < count; c++) {
    const above = owner[facts.parent[c] as number] as number;
    owner[c] = above >= 0 ? above : selected[c] === 1 ? c : -1;
  }
  const labelOf = new Int32Array(count).fill(-1);
  const labelCluster: number[] = [];
  for (let c = 1; c < count; c++) {
    if (selected[c] === 1) {
      labelOf[c] = labelCluster.length;
      labelCluster.push(c);
    }
  }

  const labels = new Int32Array(n).fill(-1);
  const strengths = new Float64Array(n);
  const rows = tree.parent.length;
  for (let r = 0; r < rows; r++) {
    const point = tree.child[r] as number;
    if (point >= n) continue;
    const cluster = owner[(tree.parent[r] as number) - n] as number;
    if (cluster < 0) continue;
    labels[point] = labelOf[cluster] as number;
    // A point deeper than its selected cluster (in a child that lost the vote) may have a larger
    // lambda than the cluster's own death: it is as strong a member as any, 1.
    const maxLambda = facts.death[cluster] as number;
    const l = tree.lambda[r] as number;
    strengths[point] = maxLambda > 0 ? Math.min(l, maxLambda) / maxLambda : 1;
  }
  return {
    clusters: { ...facts, selected },
    labels,
    labelCluster: Int32Array.from(labelCluster),
    strengths,
  };
}

/**
 * Each point's own density level and its cluster, as R dbscan's GLOSH reads them: `level` is the
 * lambda at which the point first joins another point, but no denser than its cluster's split
 * if that cluster split; `cluster` the condensed-tree cluster index it leaves.
 */
export function pointLevels(
  linkage: SingleLinkage,
  tree: CondensedTree,
): { level: Float64Array; cluster: Int32Array; isLeaf: Uint8Array } {
  const { n } = tree;
  const lambdaOf = (h: number): number => (h > 0 ? 1 / h : tree.zeroDistanceLambda);
  // The first merge of a point is the lowest one that has it as a direct child.
  const level = new Float64Array(n);
  for (let i = 0; i < linkage.left.length; i++) {
    const l = lambdaOf(linkage.height[i] as number);
    const a = linkage.left[i] as number;
    const b = linkage.right[i] as number;
    if (a < n) level[a] = l;
    if (b < n) level[b] = l;
  }
  const split = new Float64Array(tree.clusterCount).fill(Infinity);
  const isLeaf = new Uint8Array(tree.clusterCount).fill(1);
  const cluster = new Int32Array(n);
  for (let r = 0; r < tree.parent.length; r++) {
    const p = (tree.parent[r] as number) - n;
    const c = tree.child[r] as number;
    if (c >= n) {
      isLeaf[p] = 0;
      split[p] = tree.lambda[r] as number;
    } else cluster[c] = p;
  }
  for (let x = 0; x < n; x++)
    level[x] = Math.min(level[x] as number, split[cluster[x] as number] as number);
  return { level, cluster, isLeaf };
}

/**
 * GLOSH outlier scores (Campello, Moulavi, Zimek & Sander 2015), as R's dbscan computes them:
 * 1 - level(x) / max level, with pointLevels' levels and the max over the points of the leaf
 * clusters under x's cluster. 0 marks a point as dense as its cluster gets, values near 1
 * points far sparser than their cluster.
 */
export function outlierScores(
  linkage: SingleLinkage,
  tree: CondensedTree,
  facts: Pick<ClusterFacts, 'parent'>,
): Float64Array {
  const { n } = tree;
  const { level, cluster, isLeaf } = pointLevels(linkage, tree);
  const densest = new Float64Array(tree.clusterCount);
  for (let x = 0; x < n; x++) {
    const c = cluster[x] as number;
    if (isLeaf[c] === 1 && (level[x] as number) > (densest[c] as number))
      densest[c] = level[x] as number;
  }
  // Children have larger ids than parents: pass each leaf's densest level up to its ancestors.
  for (let c = tree.clusterCount - 1; c >= 1; c--) {
    const p = facts.parent[c] as number;
    if ((densest[c] as number) > (densest[p] as number)) densest[p] = densest[c] as number;
  }
  const scores = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    const max = densest[cluster[x] as number] as number;
    scores[x] = max > 0 ? 1 - (level[x] as number) / max : 0;
  }
  return scores;
}
