/**
 * The bootstrap on a k-means pool (the other core): the resamples drawn here in order and fitted
 * there. The answers must be those of step() alone: after some step() calls, with fits coming back
 * out of order, and when the pool fails.
 */
import { describe, expect, it } from 'vitest';
import { fitKMeans } from '../cluster/kmeans.ts';
import type { KMeansPool } from '../cluster/sweep.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { startBootstrap } from './stability.ts';

function blobs(n: number): { points: Points; labels: Int32Array } {
  const rng = createRng(5);
  const values = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = c;
    // Overlapping blobs, so resamples disagree and the ARIs differ from one another.
    values[2 * i] = c * 1.2 + rng() * 2;
    values[2 * i + 1] = (c === 2 ? 1 : 0) + rng() * 2;
  }
  return { points: { count: n, dims: 2, values }, labels };
}

/** A pool in this thread that records what it was asked to fit. */
function recordingPool() {
  const asked: { count: number; seed: number | undefined }[] = [];
  const pool: KMeansPool = {
    fitMany(points, ks, options) {
      asked.push({ count: points.count, seed: options.seed });
      return Promise.resolve(ks.map((k) => fitKMeans(points, k, options)));
    },
  };
  return { pool, asked };
}

const { points, labels } = blobs(120);
const settings = { seed: 9, restarts: 2 };

function alone(resamples: number): number[] {
  const run = startBootstrap(points, labels, 3, { ...settings, resamples });
  while (run.step());
  return [...run.aris];
}

describe('startBootstrap with a pool', () => {
  it('five resamples on the pool, two at a time: the same ARIs, in order, as step() alone', async () => {
    const expected = alone(5);
    expect(new Set(expected).size).toBeGreaterThan(1);
    const { pool, asked } = recordingPool();
    const run = startBootstrap(points, labels, 3, { ...settings, resamples: 5 });
    run.step();
    const all = run.runOn(pool, 2);
    // Posted at once, before this thread does anything else: resamples 1 and 2 (seed + 1 + b).
    expect(asked).toEqual([
      { count: 120, seed: 11 },
      { count: 120, seed: 12 },
    ]);
    expect(run.runOn(pool)).toBe(all);
    expect(() => run.step()).toThrow(/pool/);
    await all;
    expect(run.aris).toEqual(expected);
    expect(run.result().aris).toEqual(expected);
    expect(asked.map((a) => a.seed)).toEqual([11, 12, 13, 14]);
  });

  it('fits that come back out of order: the ARIs are still in resample order', async () => {
    const expected = alone(4);
    const waiting: (() => void)[] = [];
    const pool: KMeansPool = {
      fitMany: (resample, ks, options) =>
        new Promise((resolve) =>
          waiting.push(() => resolve(ks.map((k) => fitKMeans(resample, k, options)))),
        ),
    };
    const run = startBootstrap(points, labels, 3, { ...settings, resamples: 4 });
    const all = run.runOn(pool, 4);
    expect(waiting).toHaveLength(4);
    for (const at of [3, 1, 2, 0]) waiting[at]!();
    await all;
    expect(run.aris).toEqual(expected);
  });

  it('a pool that fails, or throws when asked, costs time but not answers', async () => {
    const expected = alone(4);
    const rejecting: KMeansPool = { fitMany: () => Promise.reject(new Error('worker gone')) };
    const throwing: KMeansPool = {
      fitMany: () => {
        throw new Error('could not be cloned');
      },
    };
    const first = startBootstrap(points, labels, 3, { ...settings, resamples: 4 });
    await first.runOn(rejecting);
    expect(first.aris).toEqual(expected);
    const second = startBootstrap(points, labels, 3, { ...settings, resamples: 4 });
    await second.runOn(throwing);
    expect(second.aris).toEqual(expected);
  });

  it('stop(): nothing more is posted, and the wait ends', async () => {
    const { pool, asked } = recordingPool();
    const run = startBootstrap(points, labels, 3, { ...settings, resamples: 6 });
    const all = run.runOn(pool, 2);
    run.stop();
    await all;
    expect(asked).toHaveLength(2);
    expect(run.aris.length).toBeLessThan(6);
  });
});
