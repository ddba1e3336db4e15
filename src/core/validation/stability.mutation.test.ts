/**
 * What each bootstrap resample fits: fitKMeans is watched (a spy around the real function) to check
 * that a resample is n customers drawn from the points with their own labels, fitted with the
 * same k, the caller's restarts and iterations, and its own seed. Also the edges of the plain
 * reading and of the options.
 */
import { describe, expect, it, vi } from 'vitest';
import * as kmeans from '../cluster/kmeans.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { bootstrapStability, readStability, startBootstrap } from './stability.ts';

vi.mock('../cluster/kmeans.ts', async (original) => {
  const real = await original<typeof kmeans>();
  return { ...real, fitKMeans: vi.fn(real.fitKMeans) };
});

/** Twelve customers on a line, three loose groups that resamples split differently. */
function looseGroups(): { points: Points; labels: Int32Array } {
  const rng = createRng(8);
  const xs = Array.from({ length: 12 }, (_, i) => Math.floor(i / 4) * 3 + rng() * 2.5);
  return {
    points: { count: 12, dims: 1, values: Float64Array.from(xs) },
    labels: Int32Array.from(xs, (_, i) => (i * 7) % 3),
  };
}

describe('each resample', () => {
  it('fits n customers drawn from the points, with k, restarts, iterations and seed + 1 + b', () => {
    const fit = vi.mocked(kmeans.fitKMeans);
    fit.mockClear();
    const { points } = looseGroups();
    const run = startBootstrap(points, new Int32Array(12), 2, {
      resamples: 3,
      restarts: 2,
      maxIterations: 7,
      seed: 20,
    });
    while (run.step());
    expect(fit).toHaveBeenCalledTimes(3);
    const originals = new Set(points.values);
    fit.mock.calls.forEach(([sample, k, options], b) => {
      expect(k).toBe(2);
      expect(options).toEqual({ seed: 21 + b, restarts: 2, maxIterations: 7 });
      expect(sample.count).toBe(12);
      for (const x of sample.values) expect(originals.has(x)).toBe(true);
    });
    // Without restarts and iterations given, fitKMeans' own defaults (the app's) apply.
    fit.mockClear();
    const plain = startBootstrap(points, new Int32Array(12), 2, { resamples: 1 });
    plain.step();
    expect(fit.mock.calls[0]![2]).toEqual({ seed: 43 });
  });

  it('a single resample is allowed; none, or labels for other customers, are refused by name', () => {
    const { points, labels } = looseGroups();
    const one = bootstrapStability(points, labels, 3, { resamples: 1, restarts: 1 });
    expect(one.aris).toHaveLength(1);
    expect(one.mean).toBe(one.aris[0]);
    expect(one.std).toBe(0);
    expect(() => startBootstrap(points, labels.subarray(1), 3)).toThrow('11 labels for 12 points');
    expect(() => startBootstrap(points, labels, 3, { resamples: 0 })).toThrow(
      'resamples must be >= 1, got 0',
    );
    expect(() => startBootstrap(points, labels, 3, { resamples: 2.5 })).toThrow(RangeError);
  });

  it('min and max are the lowest and highest resample', () => {
    const { points, labels } = looseGroups();
    const result = bootstrapStability(points, labels, 3, { resamples: 6, restarts: 1 });
    expect(result.min).toBe(Math.min(...result.aris));
    expect(result.max).toBe(Math.max(...result.aris));
    expect(result.min).toBeLessThan(result.max);
  });
});

describe('readStability at its edges', () => {
  it('a lowest resample of exactly 0.5 still allows "highly stable"', () => {
    expect(readStability({ mean: 0.9, std: 0.1, min: 0.5 })).toBe('highly stable');
    expect(readStability({ mean: 0.9, std: 0.1, min: 0.49 })).toBe('acceptable');
  });
});
