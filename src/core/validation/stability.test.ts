import { describe, expect, it } from 'vitest';
import { fitKMeans } from '../cluster/kmeans.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { bootstrapStability, meanAndStd, readStability, startBootstrap } from './stability.ts';

/** Three tight, far-apart 2-D blobs of 40 points each. */
function blobs(): { points: Points; labels: Int32Array } {
  const rng = createRng(3);
  const centres = [
    [0, 0],
    [20, 0],
    [0, 20],
  ];
  const values: number[] = [];
  const labels: number[] = [];
  centres.forEach(([x, y], c) => {
    for (let i = 0; i < 40; i++) {
      values.push(x! + rng() - 0.5, y! + rng() - 0.5);
      labels.push(c);
    }
  });
  return {
    points: { count: 120, dims: 2, values: Float64Array.from(values) },
    labels: Int32Array.from(labels),
  };
}

describe('by hand', () => {
  it('mean, population std (ddof 0) and sample std (ddof 1)', () => {
    // 1, 2, 3, 4: mean 2.5, squares 2.25 + 0.25 + 0.25 + 2.25 = 5 -> sqrt(5/4), sqrt(5/3).
    const { mean, std, sampleStd } = meanAndStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(sampleStd).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(meanAndStd([0.7]).sampleStd).toBeNaN();
  });

  it('plain reading on the spread: mean - std > 0.75 highly stable, 0.5..0.75 acceptable, < 0.5 unreliable', () => {
    expect(readStability({ mean: 0.9, std: 0.1, min: 0.6 })).toBe('highly stable');
    expect(readStability({ mean: 0.85, std: 0.1, min: 0.6 })).toBe('acceptable');
    expect(readStability({ mean: 0.75, std: 0, min: 0.75 })).toBe('acceptable');
    expect(readStability({ mean: 0.5, std: 0, min: 0.5 })).toBe('acceptable');
    expect(readStability({ mean: 0.6, std: 0.11, min: 0.3 })).toBe('unreliable');
    expect(readStability({ mean: 0.49, std: 0, min: 0.49 })).toBe('unreliable');
    // The case: a high mean with a wide spread and a resample below 0.5 is not "highly stable".
    expect(readStability({ mean: 0.757, std: 0.14, min: 0.47 })).toBe('acceptable');
    // A tight spread around a high mean, but one resample lost the segments: acceptable at best.
    expect(readStability({ mean: 0.95, std: 0.05, min: 0.45 })).toBe('acceptable');
  });

  it('well-separated blobs are perfectly stable: every resample ARI = 1, std 0', () => {
    const { points, labels } = blobs();
    const progress: number[] = [];
    const result = bootstrapStability(points, labels, 3, {
      resamples: 8,
      restarts: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result.aris).toEqual(new Array(8).fill(1));
    expect(result.mean).toBe(1);
    expect(result.std).toBe(0);
    expect(result.reading).toBe('highly stable');
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('labels that ignore the structure are unreliable', () => {
    const { points } = blobs();
    // Alternating labels cut across every blob: no resample's fit reproduces them.
    const arbitrary = Int32Array.from({ length: 120 }, (_, i) => i % 3);
    const result = bootstrapStability(points, arbitrary, 3, { resamples: 5, restarts: 1 });
    expect(result.mean).toBeLessThan(0.1);
    expect(result.reading).toBe('unreliable');
  });

  it('is deterministic for a seed, differs between seeds, and stops when aborted', () => {
    const { points } = blobs();
    // A noisy labelling (k = 4 on 3 blobs) so resamples differ.
    const labels = fitKMeans(points, 4, { seed: 1 }).labels;
    const a = bootstrapStability(points, labels, 4, { resamples: 6, restarts: 1, seed: 5 });
    const b = bootstrapStability(points, labels, 4, { resamples: 6, restarts: 1, seed: 5 });
    expect(a.aris).toEqual(b.aris);
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      bootstrapStability(points, labels, 4, { resamples: 6, signal: controller.signal }),
    ).toThrow();
    expect(() => bootstrapStability(points, labels.subarray(1), 4)).toThrow();
  });
});

describe('startBootstrap, one resample at a time', () => {
  it('gives exactly the ARIs and result of bootstrapStability with the same options', () => {
    const { points } = blobs();
    // A noisy labelling (k = 4 on 3 blobs) so the resamples' ARIs differ from each other.
    const labels = fitKMeans(points, 4, { seed: 1 }).labels;
    const options = { resamples: 5, restarts: 2, seed: 9 };
    const whole = bootstrapStability(points, labels, 4, options);
    expect(new Set(whole.aris).size).toBeGreaterThan(1);

    const run = startBootstrap(points, labels, 4, options);
    expect(run.total).toBe(5);
    expect(run.aris).toEqual([]);
    const returned: boolean[] = [];
    for (let b = 0; b < 5; b++) {
      expect(() => run.result()).toThrow(`${b} of 5 resamples done`);
      returned.push(run.step());
      // Each step adds the next ARI of the whole run, no more.
      expect(run.aris).toEqual(whole.aris.slice(0, b + 1));
    }
    // true while more remain; the last step says there are none left.
    expect(returned).toEqual([true, true, true, true, false]);
    expect(run.step()).toBe(false);
    expect(run.aris).toHaveLength(5);
    expect(run.result()).toEqual(whole);
    // The result's ARIs are a copy: changing them leaves the run alone.
    const result = run.result();
    result.aris[0] = -1;
    expect(run.aris[0]).toBe(whole.aris[0]);
  });

  it('a different seed draws different resamples; bad input throws at the start', () => {
    const { points } = blobs();
    const labels = fitKMeans(points, 4, { seed: 1 }).labels;
    const a = startBootstrap(points, labels, 4, { resamples: 3, restarts: 1, seed: 1 });
    const b = startBootstrap(points, labels, 4, { resamples: 3, restarts: 1, seed: 2 });
    while (a.step());
    while (b.step());
    expect(a.aris).not.toEqual(b.aris);
    expect(() => startBootstrap(points, labels.subarray(1), 4)).toThrow();
    expect(() => startBootstrap(points, labels, 4, { resamples: 0 })).toThrow(RangeError);
  });
});
