/**
 * The dendrogram of a Ward linkage (ward.ts) as pure data for a chart: the U-shapes of the last
 * merges and the leaves under them, laid out as scipy's dendrogram draws them.
 */
import type { Linkage } from './ward.ts';

export interface DendrogramOptions {
  /** Draw only the last truncateTo - 1 merges, so at most this many leaves (default 30). */
  truncateTo?: number | undefined;
}

/** What to draw, as scipy's dendrogram(Z, truncate_mode='lastp', p, no_plot=True). */
export interface Dendrogram {
  /**
   * One U-shape per drawn merge, 4 points each (scipy's icoord and dcoord): U-shape s goes
   * through (xs[4s + j], ys[4s + j]) for j = 0..3, left leg, top, right leg. Leaf i is at
   * x = 5 + 10 i; a leg ends at y = 0 on a leaf or at the height of the merge below it. Children
   * come before their parent, left subtree first.
   */
  xs: Float64Array;
  ys: Float64Array;
  /** The linkage row of each U-shape. */
  merges: Int32Array;
  /** Leaves left to right: a point (id < count) or a cluster whose merges were cut off. */
  leaves: Int32Array;
  /** Points under each leaf. */
  leafSizes: Int32Array;
  /** scipy's leaf labels: the point id, or "(size)" for a cut-off cluster. */
  leafLabels: string[];
}

/**
 * The U-shapes and leaves of a dendrogram of the last truncateTo - 1 merges, laid out exactly as
 * scipy's dendrogram(Z, truncate_mode='lastp', p=truncateTo, no_plot=True) (default ordering:
 * each merge's left child, Z[:, 0], drawn on the left). Pure data for a chart. O(n).
 */
export function dendrogramSegments(linkage: Linkage, options: DendrogramOptions = {}): Dendrogram {
  const n = linkage.count;
  const requested = options.truncateTo ?? 30;
  if (!Number.isInteger(requested) || requested < 1)
    throw new RangeError(`truncateTo must be a positive integer, got ${requested}`);
  if (n === 0)
    return {
      xs: new Float64Array(0),
      ys: new Float64Array(0),
      merges: new Int32Array(0),
      leaves: new Int32Array(0),
      leafSizes: new Int32Array(0),
      leafLabels: [],
    };
  const p = Math.min(requested, n);
  // Nodes below firstDrawn are leaves: points, or clusters whose merges are cut off.
  const firstDrawn = 2 * n - p;
  const drawn = p - 1;
  const xs = new Float64Array(4 * drawn);
  const ys = new Float64Array(4 * drawn);
  const merges = new Int32Array(drawn);
  const leaves = new Int32Array(p);
  const leafSizes = new Int32Array(p);
  const leafLabels: string[] = [];
  // Where each node's leg attaches: its x and its height (0 for a leaf).
  const centre = new Float64Array(2 * n - 1);
  const bottom = new Float64Array(2 * n - 1);
  // Depth-first, left before right; a merge is emitted after both children (post-order).
  const stack: number[] = [2 * n - 2];
  const expanded = new Uint8Array(2 * n - 1);
  let leafCount = 0;
  let shapes = 0;
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (node < firstDrawn) {
      stack.pop();
      const size = node < n ? 1 : linkage.size[node - n]!;
      centre[node] = 5 + 10 * leafCount;
      leaves[leafCount] = node;
      leafSizes[leafCount++] = size;
      leafLabels.push(node < n ? String(node) : `(${size})`);
      continue;
    }
    const row = node - n;
    const left = linkage.left[row]!;
    const right = linkage.right[row]!;
    if (expanded[node] === 0) {
      expanded[node] = 1;
      stack.push(right, left);
      continue;
    }
    stack.pop();
    const h = linkage.height[row]!;
    xs.set([centre[left]!, centre[left]!, centre[right]!, centre[right]!], 4 * shapes);
    ys.set([bottom[left]!, h, h, bottom[right]!], 4 * shapes);
    merges[shapes++] = row;
    centre[node] = (centre[left]! + centre[right]!) / 2;
    bottom[node] = h;
  }
  return { xs, ys, merges, leaves, leafSizes, leafLabels };
}
