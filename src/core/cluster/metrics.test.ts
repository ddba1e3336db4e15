import { describe, expect, it } from 'vitest';
import type { Points } from '../types.ts';
import { createRng, randomInt } from '../random.ts';
import { adjustedRandIndex, calinskiHarabasz, daviesBouldin } from './metrics.ts';
import {
  silhouetteSamples,
  silhouetteScore,
  silhouetteScoresSampled,
  silhouetteScoresShared,
} from './silhouette.ts';
import { clusterCentroids, inertia } from '../math/centroids.ts';
import {
  loadReferenceCustomers,
  loadReferenceLabels,
  loadReferenceSummary,
  REFERENCE_VARIANTS,
  type ReferenceVariantName,
} from '../testing/reference.ts';

const line = (xs: number[]): Points => ({
  count: xs.length,
  dims: 1,
  values: Float64Array.from(xs),
});
const ints = (xs: number[]) => Int32Array.from(xs);
const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('hand-computed cases', () => {
  // Points 0, 1 | 10, 11. Centroids 0.5 and 10.5.
  const points = line([0, 1, 10, 11]);
  const labels = ints([0, 0, 1, 1]);

  it('inertia and centroids: 4 points each 0.5 from their centroid -> 4 * 0.25 = 1', () => {
    expect(Array.from(clusterCentroids(points, labels, 2))).toEqual([0.5, 10.5]);
    expect(inertia(points, labels, 2)).toBe(1);
    expect(inertia(points, labels, 2, Float64Array.from([0, 10]))).toBe(0 + 1 + 0 + 1);
  });

  it('silhouette: a = 1 for all; b = 10.5, 9.5, 9.5, 10.5 -> mean of 19/21, 17/19 = 359/399', () => {
    // Point 0: b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5 = 19/21. Point 1: b = (9 + 10) / 2,
    // s = 8.5 / 9.5 = 17/19. Points 10 and 11 mirror them. Mean = (19/21 + 17/19) / 2.
    const samples = silhouetteSamples(points, labels, 2);
    [19 / 21, 17 / 19, 17 / 19, 19 / 21].forEach((s, i) => expect(samples[i]).toBeCloseTo(s, 15));
    expect(silhouetteScore(points, labels, 2)).toBeCloseTo(359 / 399, 15);
  });

  it('Calinski-Harabasz: extra = 2 * 5^2 + 2 * 5^2 = 100, intra = 1 -> 100 * (4 - 2) / (1 * 1)', () => {
    expect(calinskiHarabasz(points, labels, 2)).toBe(200);
  });

  it('Davies-Bouldin: spreads 0.5 and 0.5, centroids 10 apart -> (0.5 + 0.5) / 10 = 0.1', () => {
    expect(daviesBouldin(points, labels, 2)).toBeCloseTo(0.1, 15);
  });

  it('an empty cluster is ignored, as sklearn ignores a label that never occurs', () => {
    const gappy = ints([0, 0, 2, 2]);
    expect(Array.from(clusterCentroids(points, gappy, 3))).toEqual([0.5, 0, 10.5]);
    expect(inertia(points, gappy, 3)).toBe(1);
    expect(silhouetteScore(points, gappy, 3)).toBe(silhouetteScore(points, labels, 2));
    expect(calinskiHarabasz(points, gappy, 3)).toBe(200);
    expect(daviesBouldin(points, gappy, 3)).toBe(daviesBouldin(points, labels, 2));
  });

  it('a point alone in its cluster scores 0', () => {
    // 0, 1 | 5: point 0 has a = 1, b = 5 -> 0.8; point 1 has a = 1, b = 4 -> 0.75; 5 scores 0.
    const samples = silhouetteSamples(line([0, 1, 5]), ints([0, 0, 1]), 2);
    expect(Array.from(samples)).toEqual([0.8, 0.75, 0]);
    expect(silhouetteScore(line([0, 1, 5]), ints([0, 0, 1]), 2)).toBeCloseTo(1.55 / 3, 15);
  });

  it('a point with a = b = 0 (duplicates across clusters) scores 0, like sklearn nan_to_num', () => {
    expect(Array.from(silhouetteSamples(line([3, 3, 3, 3]), ints([0, 0, 1, 1]), 2))).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('throws where sklearn raises: fewer than 2 or more than n - 1 non-empty clusters', () => {
    const one = ints([0, 0, 0, 0]);
    const many = ints([0, 1, 2, 3]);
    for (const metric of [silhouetteScore, calinskiHarabasz, daviesBouldin]) {
      expect(() => metric(points, one, 2)).toThrow(/2 to n - 1 non-empty clusters; got 1/);
      expect(() => metric(points, many, 4)).toThrow(/got 4 for 4 points/);
    }
    expect(() =>
      silhouetteScoresShared(points, [
        { labels, k: 2 },
        { labels: one, k: 1 },
      ]),
    ).toThrow();
    expect(() => inertia(points, ints([0, 0, 2, 1]), 2)).toThrow(/outside 0..1/);
    expect(() => inertia(points, ints([0, 1]), 2)).toThrow(/2 labels for 4 points/);
  });

  it('CH is 1 when no cluster has any spread; DB is 0 then', () => {
    // sklearn: intra_disp == 0 -> 1.0; np.allclose(intra_dists, 0) -> 0.0.
    expect(calinskiHarabasz(line([0, 0, 5, 5]), labels, 2)).toBe(1);
    expect(daviesBouldin(line([0, 0, 5, 5]), labels, 2)).toBe(0);
  });

  it('DB skips a pair of clusters whose centroids coincide (sklearn sets that distance to inf)', () => {
    // -1, 1 | -2, 2 | 10, 11: spreads 1, 2, 0.5; centroids 0, 0, 10.5.
    // R0 = (1 + 0.5) / 10.5 = 1/7, R1 = (2 + 0.5) / 10.5 = 5/21, R2 = max(1/7, 5/21) = 5/21.
    // DB = (3/21 + 5/21 + 5/21) / 3 = 13/63.
    const db = daviesBouldin(line([-1, 1, -2, 2, 10, 11]), ints([0, 0, 1, 1, 2, 2]), 3);
    expect(db).toBeCloseTo(13 / 63, 15);
  });

  it('adjusted Rand index: sklearn documentation examples', () => {
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 1, 1]))).toBe(1);
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([5, 5, 3, 3]))).toBe(1);
    // Pair confusion (ordered pairs): tp = 2, fp = 0, fn = 2, tn = 8 ->
    // 2 * (2 * 8 - 0) / ((2 + 2) * (2 + 8) + (2 + 0) * (0 + 8)) = 32 / 56 = 4/7. sklearn 1.2 evaluates
    // exactly this and prints 0.5714285714285714; older releases' comb() formula gave ...715.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 1, 2]))).toBe(4 / 7);
    // tp = 0, fp = fn = tn = 4 -> 2 * (0 - 16) / (4 * 8 + 4 * 8) = -0.5.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 1, 0, 1]))).toBe(-0.5);
    // tp = 0, fp = 0, fn = 12, tn = 0 -> 0.
    expect(adjustedRandIndex(ints([0, 0, 0, 0]), ints([0, 1, 2, 3]))).toBe(0);
  });

  it('adjusted Rand index: agreement on every pair is 1, as in sklearn special cases', () => {
    expect(adjustedRandIndex(ints([0, 0, 0]), ints([7, 7, 7]))).toBe(1);
    expect(adjustedRandIndex(ints([0, 1, 2, 3]), ints([3, 2, 1, 0]))).toBe(1);
    expect(adjustedRandIndex(ints([]), ints([]))).toBe(1);
    expect(adjustedRandIndex(ints([4]), ints([9]))).toBe(1);
    expect(() => adjustedRandIndex(ints([0, 1]), ints([0]))).toThrow(/differ in length/);
  });
});

/** sklearn's silhouette_samples written out literally: full distance rows, bincount-like sums. */
function bruteForceSilhouette(points: Points, labels: Int32Array, k: number): number {
  const { count: n, dims, values } = points;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]!++;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < n; j++) {
      let sq = 0;
      for (let d = 0; d < dims; d++) sq += (values[i * dims + d]! - values[j * dims + d]!) ** 2;
      sums[labels[j]!]! += Math.sqrt(sq);
    }
    const own = labels[i]!;
    const a = sums[own]! / (sizes[own]! - 1);
    const b = Math.min(
      ...sums.map((s, c) => (c === own || sizes[c] === 0 ? Infinity : s / sizes[c]!)),
    );
    const s = (b - a) / Math.max(a, b);
    total += Number.isNaN(s) ? 0 : s;
  }
  return total / n;
}

describe('silhouette against a literal implementation', () => {
  it.each([1, 2, 5, 7])(
    '%i-D random points, several labelings with empty and singleton clusters',
    (dims) => {
      const rng = createRng(dims);
      const n = 300;
      const points: Points = {
        count: n,
        dims,
        values: Float64Array.from({ length: n * dims }, rng),
      };
      const halves = { labels: Int32Array.from({ length: n }, (_, i) => (i < 150 ? 0 : 1)), k: 2 };
      const labelings = [
        halves,
        ...[4, 6, 10].map((k) => {
          // Cluster k - 1 stays empty and point 0 is alone in cluster k - 2.
          const labels = Int32Array.from({ length: n }, () => randomInt(rng, k - 2));
          labels[0] = k - 2;
          return { labels, k };
        }),
      ];
      const shared = silhouetteScoresShared(points, labelings);
      labelings.forEach(({ labels, k }, l) => {
        const expected = bruteForceSilhouette(points, labels, k);
        expect(relativeError(shared[l]!, expected)).toBeLessThan(1e-13);
        expect(relativeError(silhouetteScore(points, labels, k), expected)).toBeLessThan(1e-13);
      });
    },
  );
});

interface VariantCase {
  name: ReferenceVariantName;
  points: Points;
  labelings: { labels: Int32Array; k: number }[];
  /** StandardScaler's mean and scale as computed here, to compare with the summary's. */
  ownMean: number[];
  ownScale: number[];
}

/** The reference's customers scaled as the summary says, with labels joined by CustomerID. */
function loadVariants(): VariantCase[] {
  const customers = loadReferenceCustomers();
  const labels = loadReferenceLabels();
  const summary = loadReferenceSummary();
  const rowOfCustomer = new Map(labels.customerIds.map((id, row) => [id, row]));
  const labelRows = Int32Array.from(customers.customerIds, (id) => {
    const row = rowOfCustomer.get(id);
    if (row === undefined) throw new Error(`customer ${id} has no labels`);
    return row;
  });
  if (labels.count !== customers.count) throw new Error('labels and customers differ in count');

  return REFERENCE_VARIANTS.map((name) => {
    const variant = summary.variants[name];
    const n = customers.count;
    const dims = variant.features.length;
    const values = new Float64Array(n * dims);
    const ownMean: number[] = [];
    const ownScale: number[] = [];
    variant.features.forEach((feature, d) => {
      const raw = customers.column(feature);
      const x = variant.log1p ? raw.map(Math.log1p) : raw;
      // StandardScaler: mean, then population variance with its rounding correction term.
      let sum = 0;
      for (const v of x) sum += v;
      const mean = sum / n;
      let correction = 0;
      let squares = 0;
      for (const v of x) {
        correction += v - mean;
        squares += (v - mean) ** 2;
      }
      ownMean.push(mean);
      ownScale.push(Math.sqrt((squares - (correction * correction) / n) / n));
      // The summary's own figures, so the points are the ones sklearn clustered.
      const m = variant.scaler_mean[d] as number;
      const s = variant.scaler_scale[d] as number;
      for (let i = 0; i < n; i++) values[i * dims + d] = ((x[i] as number) - m) / s;
    });
    const labelings = variant.sweep.map(({ k }) => {
      const column = labels.labels(name, k);
      return { labels: Int32Array.from(labelRows, (row) => column[row] as number), k };
    });
    return { name, points: { count: n, dims, values }, labelings, ownMean, ownScale };
  });
}

describe('against the scikit-learn 1.2.1 reference sweep', () => {
  const variants = loadVariants();
  const summary = loadReferenceSummary();

  it.each(variants)('$name: our StandardScaler figures match the summary to 1e-12', (variant) => {
    const expected = summary.variants[variant.name];
    // Observed <= 2.3e-14: the same formulas, numpy only adds in another order.
    variant.ownMean.forEach((m, d) =>
      expect(relativeError(m, expected.scaler_mean[d]!)).toBeLessThan(1e-12),
    );
    variant.ownScale.forEach((s, d) =>
      expect(relativeError(s, expected.scaler_scale[d]!)).toBeLessThan(1e-12),
    );
  });

  it.each(variants)('$name: silhouette to 1e-13, shared pass equal to one-at-a-time', (variant) => {
    const shared = silhouetteScoresShared(variant.points, variant.labelings);
    summary.variants[variant.name].sweep.forEach((expected, l) => {
      const { labels, k } = variant.labelings[l]!;
      // Observed <= 4e-15: rounding only (sklearn expands |x - y|^2 and sums in another order).
      expect(relativeError(shared[l]!, expected.silhouette)).toBeLessThan(1e-13);
      // Grouping by all labelings changes only the order of the additions.
      expect(relativeError(silhouetteScore(variant.points, labels, k), shared[l]!)).toBeLessThan(
        1e-14,
      );
    });
  });

  it.each(variants)('$name: Calinski-Harabasz to 1e-12', (variant) => {
    summary.variants[variant.name].sweep.forEach((expected, l) => {
      const { labels, k } = variant.labelings[l]!;
      // Observed <= 2.1e-14.
      expect(
        relativeError(calinskiHarabasz(variant.points, labels, k), expected.calinski_harabasz),
      ).toBeLessThan(1e-12);
    });
  });

  it.each(variants)('$name: Davies-Bouldin to 1e-12, 1e-8 with a singleton cluster', (variant) => {
    summary.variants[variant.name].sweep.forEach((expected, l) => {
      const { labels, k } = variant.labelings[l]!;
      // sklearn measures point-to-centroid distances as sqrt(|x|^2 - 2 x.c + |c|^2). For a
      // singleton c == x, and that cancellation leaves about sqrt(eps) * |x| (~1e-6 for the far
      // outliers that form singletons here) where the true spread, and ours, is exactly 0. This
      // shows as 3e-9..6e-9 relative in ext_standard k = 6, 8, 9, 10; every other case is <= 2e-15.
      const hasSingleton = expected.sizes.includes(1);
      expect(
        relativeError(daviesBouldin(variant.points, labels, k), expected.davies_bouldin),
      ).toBeLessThan(hasSingleton ? 1e-8 : 1e-12);
    });
  });

  it('inertia of the label means matches or bounds sklearn k-means inertia', () => {
    let agreeing = 0;
    for (const variant of variants) {
      summary.variants[variant.name].sweep.forEach((expected, l) => {
        const { labels, k } = variant.labelings[l]!;
        const ours = inertia(variant.points, labels, k);
        // sklearn reports the inertia against its final centers, the means of the previous
        // iteration's labels. When Lloyd stopped on unchanged labels those are the means of these
        // labels and the figures agree to rounding (observed <= 5.5e-15, 7 of the 27). When it
        // stopped on the center-shift tolerance, the labels were reassigned to those centers
        // afterwards, so they are not these labels' means; means minimise the squared distances,
        // so ours is then lower, by up to 2.8e-5 relative here. No tighter bound is justified.
        expect(ours).toBeLessThanOrEqual(expected.inertia * (1 + 1e-13));
        expect(relativeError(ours, expected.inertia)).toBeLessThan(5e-5);
        if (relativeError(ours, expected.inertia) < 1e-13) agreeing++;
        const centroids = clusterCentroids(variant.points, labels, k);
        expect(inertia(variant.points, labels, k, centroids)).toBe(ours);
      });
    }
    expect(agreeing).toBeGreaterThanOrEqual(5);
  });

  it.each(variants)('$name: sampled silhouette', (variant) => {
    const exact = silhouetteScoresShared(variant.points, variant.labelings);
    const n = variant.points.count;
    expect(silhouetteScoresSampled(variant.points, variant.labelings, n, 3)).toEqual(exact);
    expect(silhouetteScoresSampled(variant.points, variant.labelings, n + 10, 3)).toEqual(exact);

    const once = silhouetteScoresSampled(variant.points, variant.labelings, 1000, 42);
    expect(silhouetteScoresSampled(variant.points, variant.labelings, 1000, 42)).toEqual(once);
    expect(silhouetteScoresSampled(variant.points, variant.labelings, 1000, 43)).not.toEqual(once);

    // Over 40 seeds the error of one 1000-point sample has a standard deviation of 0.006-0.02
    // (largest at k = 2, where a cluster of ~20 outliers is sampled as ~5 points). One seed must
    // be within 0.05; the mean of 8 seeds (sd <= 0.007) within 0.025.
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const runs = seeds.map((seed) =>
      silhouetteScoresSampled(variant.points, variant.labelings, 1000, seed),
    );
    exact.forEach((value, l) => {
      expect(Math.abs(once[l]! - value)).toBeLessThan(0.05);
      const mean = runs.reduce((sum, run) => sum + run[l]!, 0) / seeds.length;
      expect(Math.abs(mean - value)).toBeLessThan(0.025);
    });
  });

  it('the app default (log1p RFM) is within 0.03 at every k from one 1000-point sample', () => {
    const variant = variants.find((v) => v.name === 'rfm_log_standard')!;
    const exact = silhouetteScoresShared(variant.points, variant.labelings);
    const sampled = silhouetteScoresSampled(variant.points, variant.labelings, 1000, 7);
    exact.forEach((value, l) => expect(Math.abs(sampled[l]! - value)).toBeLessThan(0.03));
  });
});

/** ARI from its definition: (index - expected index) / (max index - expected index) over pairs. */
function pairCountingAri(a: Int32Array, b: Int32Array): number {
  let both = 0;
  let sameA = 0;
  let sameB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const inA = a[i] === a[j];
      const inB = b[i] === b[j];
      if (inA) sameA++;
      if (inB) sameB++;
      if (inA && inB) both++;
    }
  }
  const pairs = (a.length * (a.length - 1)) / 2;
  const expected = (sameA * sameB) / pairs;
  return (both - expected) / ((sameA + sameB) / 2 - expected);
}

describe('adjusted Rand index against pair counting on the reference labels', () => {
  const labels = loadReferenceLabels();
  const pairs: [ReferenceVariantName, number, ReferenceVariantName, number][] = [
    ['rfm_log_standard', 4, 'rfm_standard', 4],
    ['rfm_log_standard', 3, 'rfm_log_standard', 10],
    ['ext_standard', 2, 'rfm_standard', 7],
    ['ext_standard', 6, 'ext_standard', 5],
  ];
  it.each(pairs)('%s k=%i vs %s k=%i to 1e-12', (va, ka, vb, kb) => {
    const a = labels.labels(va, ka);
    const b = labels.labels(vb, kb);
    const expected = pairCountingAri(a, b);
    expect(relativeError(adjustedRandIndex(a, b), expected)).toBeLessThan(1e-12);
    expect(adjustedRandIndex(b, a)).toBe(adjustedRandIndex(a, b));
  });
});
