/**
 * The best any straight-line summary of m numbers can do: PCA's reconstruction error with the
 * first m components (Eckart-Young). The autoencoder is judged against it: a linear autoencoder
 * reaches it and no less; the tanh one can do better where customers lie on a curved surface.
 */
import type { Points } from '../types.ts';
import { pca } from '../validation/pca.ts';

/**
 * Mean squared error over every customer and feature of reconstructing the points from their
 * projections on the first m principal components. O(n d m) plus PCA's O(n d^2).
 */
export function pcaReconstructionError(points: Points, m: number): number {
  const { count: n, dims: d, values } = points;
  const kept = Math.min(m, d);
  const { mean, components, projections } = pca(points, kept);
  let total = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let x = mean[j]!;
      for (let c = 0; c < kept; c++)
        x += projections.values[i * kept + c]! * components[c * d + j]!;
      const diff = values[i * d + j]! - x;
      total += diff * diff;
    }
  return total / (n * d);
}
