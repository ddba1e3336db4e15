/**
 * Test-only: the one place where R dbscan 1.1-11's hdbscan() reads the same condensed tree
 * differently from scikit-learn, reproduced so the tests can show it is the only difference.
 *
 * scikit-learn: when a cluster sheds a piece smaller than min_cluster_size, every point of the
 * piece leaves at the lambda of that split. R (computeStability in R_buildHDBSCAN.cpp) instead
 * credits each such point with its own level, the lambda at which it first joins another point
 * (capped at its cluster's split), i.e. pointLevels(). The points and clusters are the same; the
 * stabilities differ, so excess of mass can pick other clusters where pieces of 2 to
 * min_cluster_size - 1 points are common (small minPts).
 */
import { type HdbscanResult } from '../hdbscan/index.ts';
import { excessOfMass, pointLevels } from '../hdbscan/select.ts';

/** Labels (-1 noise, numbered by cluster id like ours) with R 1.1-11's stabilities. */
export function labelsWithRStability(result: HdbscanResult): Int32Array {
  const { condensedTree: tree, treeClusters: facts, linkage, n } = result;
  const { level, cluster } = pointLevels(linkage, tree);
  const stability = new Float64Array(tree.clusterCount);
  for (let x = 0; x < n; x++) {
    const c = cluster[x] as number;
    stability[c] = (stability[c] as number) + (level[x] as number) - (facts.birth[c] as number);
  }
  for (let c = 1; c < tree.clusterCount; c++) {
    // A split cluster also gets its size at the split times its lifetime (R's n_children term);
    // its children's rows are where sklearn counts the same.
    const p = facts.parent[c] as number;
    stability[p] =
      (stability[p] as number) +
      (facts.size[c] as number) * ((facts.birth[c] as number) - (facts.birth[p] as number));
  }
  const selected = excessOfMass(facts.parent, stability);
  const owner = new Int32Array(tree.clusterCount).fill(-1);
  let next = 0;
  const labelOf = new Int32Array(tree.clusterCount).fill(-1);
  for (let c = 1; c < tree.clusterCount; c++) {
    const above = owner[facts.parent[c] as number] as number;
    owner[c] = above >= 0 ? above : selected[c] === 1 ? c : -1;
    if (selected[c] === 1 && above < 0) labelOf[c] = next++;
  }
  return Int32Array.from(cluster, (c) => {
    const o = owner[c] as number;
    return o < 0 ? -1 : (labelOf[o] as number);
  });
}
