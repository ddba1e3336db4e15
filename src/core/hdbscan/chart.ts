/**
 * What an icicle or tree chart of the condensed tree needs: one node per cluster with its parent,
 * the density range it lives over and what happened to it. Lambdas are densities (1 / distance);
 * `birthDistance` / `deathDistance` give the same levels as distances for an axis people read.
 */
import type { ClusterFacts } from './select.ts';
import type { CondensedTree } from './tree.ts';

export interface CondensedTreeNode {
  /** Cluster index in the condensed tree (0 = root, everything). */
  id: number;
  /** Parent cluster index, -1 for the root. */
  parent: number;
  /** Points in the cluster when it is born (an icicle's width). */
  size: number;
  birthLambda: number;
  deathLambda: number;
  /** Distance at birth (Infinity for the root) and at death. */
  birthDistance: number;
  deathDistance: number;
  /** Excess of mass of the cluster itself. */
  stability: number;
  /** Chosen by excess of mass. */
  selected: boolean;
  /** The label its points carry when selected, else -1. */
  label: number;
  /** Points that leave this cluster as it thins out (before it dies or splits), to size the bars. */
  pointsLeaving: number;
}

/**
 * The nodes in id order, parents before children, from HdbscanResult's `condensedTree` and
 * `treeClusters`. Labels follow the result's: selected clusters numbered in id order.
 */
export function condensedTreeChart(tree: CondensedTree, facts: ClusterFacts): CondensedTreeNode[] {
  const leaving = new Int32Array(tree.clusterCount);
  for (let r = 0; r < tree.child.length; r++) {
    if ((tree.child[r] as number) < tree.n) {
      const c = (tree.parent[r] as number) - tree.n;
      leaving[c] = (leaving[c] as number) + 1;
    }
  }
  let nextLabel = 0;
  return Array.from(facts.parent, (parent, id) => {
    const birthLambda = facts.birth[id] as number;
    const deathLambda = facts.death[id] as number;
    const selected = facts.selected[id] === 1;
    return {
      id,
      parent,
      size: facts.size[id] as number,
      birthLambda,
      deathLambda,
      birthDistance: birthLambda > 0 ? 1 / birthLambda : Infinity,
      deathDistance: deathLambda > 0 ? 1 / deathLambda : Infinity,
      stability: facts.stability[id] as number,
      selected,
      label: selected ? nextLabel++ : -1,
      pointsLeaving: leaving[id] as number,
    };
  });
}
