/**
 * A 2D map of customers: UMAP (McInnes, Healy & Melville 2018) through umap-js, so customers
 * with similar features sit close together and the structure the 3D RFM scatter hides (dense
 * groups, bridges, loners) shows on a flat chart.
 *
 * Choices, and why:
 * - Seeded: umap-js takes its random numbers from the `random` option (initial layout, negative
 *   samples); we pass src/core/random.ts's generator, so the same customers and seed draw the
 *   same map.
 * - Exact nearest neighbours, computed here (brute force, O(m^2 d)) and handed to umap-js with
 *   setPrecomputedKNN: with 3 to 7 features and a few thousand customers this takes a fraction of
 *   a second where umap-js's approximate search (random-projection trees + NN-descent) took
 *   several, and it is exact. Ties go to the lower index, so the neighbours are deterministic.
 * - At most MAP_MAX_CUSTOMERS customers: a seeded random sample above that (the result says so).
 *   umap-js's graph code is the slow part and grows faster than linearly; a few thousand dots
 *   already show the shape, and the sample keeps the map within seconds in the worker.
 * - 200 optimisation epochs (umap-learn's own choice for large data; umap-js uses 500 below
 *   10,000 points): the layout is settled well before 200 for maps of this size, and each epoch
 *   costs as much as the rest of the work together.
 *
 * - umap-js is loaded on the first map (`loadUmap`): with the ml-matrix it brings it was 250 kB of
 *   the 630 kB of analysis code that the CLI and the app's worker compile and run as they start,
 *   for a map only the Explore screen draws.
 *
 * Memory: O(m k) for the graph and neighbours, O(m) for the layout; nothing is m x m.
 */
import type { UMAP } from 'umap-js';
import { createRng, DEFAULT_SEED, sampleWithoutReplacement } from '../random.ts';
import type { Points } from '../types.ts';
import { runToEnd } from './steps.ts';

export const MAP_MAX_CUSTOMERS = 5_000;

/** umap-js's UMAP class. */
export type Umap = typeof UMAP;

let umap: Promise<Umap> | undefined;

/** umap-js, imported on the first call (and again after an import that failed). */
export function loadUmap(): Promise<Umap> {
  umap ??= import('umap-js').then(
    (module) => module.UMAP,
    (error: unknown) => {
      umap = undefined;
      throw error;
    },
  );
  return umap;
}

export interface MapOptions {
  /** Neighbours each customer is tied to: larger values show more of the global shape. */
  neighbours?: number;
  /** How tightly similar customers may be packed on the map (umap's min_dist). */
  minDist?: number;
  epochs?: number;
  maxCustomers?: number;
  seed?: number;
}

export interface MapProgress {
  epoch: number;
  epochs: number;
}

export interface CustomerMap {
  /** Customers drawn on the map (indices into the table, ascending). */
  customers: Int32Array;
  /** Their positions, in the order of `customers`. */
  x: Float64Array;
  y: Float64Array;
  /** Whether `customers` is a sample of `total`. */
  sampled: boolean;
  total: number;
  neighbours: number;
}

/** The k nearest neighbours of every point, itself first, by exact Euclidean distance. */
export function nearestNeighbours(
  points: Points,
  k: number,
): { indices: number[][]; distances: number[][] } {
  const { count: n, dims: d, values } = points;
  if (!(k >= 1 && k <= n)) throw new RangeError(`cannot find ${k} neighbours among ${n} points`);
  const indices: number[][] = [];
  const distances: number[][] = [];
  const bestIndex = new Int32Array(k);
  const bestSquared = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let found = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = values[i * d + c]! - values[j * d + c]!;
        s += diff * diff;
      }
      // The point itself comes first even among duplicates at distance 0, as umap-learn has it.
      if (j === i) s = -1;
      if (found === k && s >= bestSquared[k - 1]!) continue;
      let slot = found < k ? found++ : k - 1;
      while (slot > 0 && bestSquared[slot - 1]! > s) {
        bestSquared[slot] = bestSquared[slot - 1]!;
        bestIndex[slot] = bestIndex[slot - 1]!;
        slot--;
      }
      bestSquared[slot] = s;
      bestIndex[slot] = j;
    }
    indices.push(Array.from(bestIndex));
    distances.push(Array.from(bestSquared, (s) => Math.sqrt(Math.max(0, s))));
  }
  return { indices, distances };
}

/** The map as a generator: yields after each optimisation epoch (the setup is the first step). */
export function* customerMapSteps(
  points: Points,
  options: MapOptions,
  Umap: Umap,
): Generator<MapProgress, CustomerMap, void> {
  const total = points.count;
  const seed = options.seed ?? DEFAULT_SEED;
  const limit = options.maxCustomers ?? MAP_MAX_CUSTOMERS;
  const epochs = options.epochs ?? 200;
  const sampled = total > limit;
  const customers = sampled
    ? sampleWithoutReplacement(createRng(seed * 31 + 17), total, limit).sort()
    : Int32Array.from({ length: total }, (_, i) => i);
  const m = customers.length;
  // umap-js needs more customers than neighbours.
  const neighbours = Math.min(options.neighbours ?? 15, m - 1);
  if (neighbours < 2) throw new RangeError(`a map needs at least 3 customers, got ${m}`);
  const d = points.dims;
  const chosen = new Float64Array(m * d);
  customers.forEach((i, r) => chosen.set(points.values.subarray(i * d, i * d + d), r * d));
  const rows = Array.from({ length: m }, (_, r) => Array.from(chosen.subarray(r * d, r * d + d)));
  yield { epoch: 0, epochs };

  const layout = new Umap({
    nComponents: 2,
    nNeighbors: neighbours,
    minDist: options.minDist ?? 0.1,
    nEpochs: epochs,
    random: createRng(seed),
  });
  const knn = nearestNeighbours({ count: m, dims: d, values: chosen }, neighbours);
  layout.setPrecomputedKNN(knn.indices, knn.distances);
  const planned = layout.initializeFit(rows);
  for (let epoch = 1; epoch <= planned; epoch++) {
    layout.step();
    yield { epoch, epochs: planned };
  }
  const embedding = layout.getEmbedding();
  const x = Float64Array.from(embedding, (p) => p[0]!);
  const y = Float64Array.from(embedding, (p) => p[1]!);
  return { customers, x, y, sampled, total, neighbours };
}

/** The whole map; `signal` is checked between epochs (AnalysisError 'cancelled'). */
export async function customerMap(
  points: Points,
  options: MapOptions = {},
  onProgress?: (progress: MapProgress) => void,
  signal?: AbortSignal,
): Promise<CustomerMap> {
  return runToEnd(customerMapSteps(points, options, await loadUmap()), onProgress, signal);
}
