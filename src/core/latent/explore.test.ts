import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { trainAutoencoder } from './autoencoder.ts';
import { DEFAULT_EXPLORE_SETTINGS, Explore } from './explore.ts';
import { Resumable } from './steps.ts';
import { pcaReconstructionError } from './pca-baseline.ts';

function* countTo(n: number): Generator<number, string, void> {
  for (let i = 1; i <= n; i++) yield i;
  return `counted to ${n}`;
}

describe('Resumable', () => {
  it('runs at least one step per call, keeps the last progress, and ends with the return value', () => {
    const run = new Resumable(countTo(3));
    expect(run.advance(0)).toEqual({ progress: 1, result: null });
    expect(run.advance(0)).toEqual({ progress: 2, result: null });
    expect(run.result).toBeNull();
    expect(run.advance(1000)).toEqual({ progress: 3, result: 'counted to 3' });
    expect(run.advance(0)).toEqual({ progress: 3, result: 'counted to 3' });
  });
});

/** 150 customers of 3 features, two of them correlated. */
function customers(): Points {
  const rng = createRng(12);
  const values = new Float64Array(150 * 3);
  for (let i = 0; i < 150; i++) {
    const a = rng() * 4 - 2;
    values.set([a, 0.8 * a + 0.3 * rng(), rng() - 0.5], 3 * i);
  }
  return { count: 150, dims: 3, values };
}

describe('Explore', () => {
  const points = customers();

  it('training in short slices ends with what training straight through gives', () => {
    const explore = new Explore(points, 9);
    let step = explore.train(2, 0);
    let calls = 1;
    while (!step.result) {
      step = explore.train(2, 0);
      calls++;
    }
    expect(calls).toBe(201); // 200 epochs, then the call that finishes the run
    const direct = trainAutoencoder(points, { latentDims: 2, seed: 9 });
    expect(Array.from(step.result.losses)).toEqual(Array.from(direct.losses));
    expect(step.result.reconstructionError).toBe(direct.reconstructionError);
    expect(step.result.pcaError).toBe(pcaReconstructionError(points, 2));
    expect(step.result.epochs).toBe(200);
  });

  it('the error of knowing nothing is the mean squared deviation from the feature means', () => {
    // Two customers (0, 0) and (2, 4): deviations 1 and 2 per feature, (1 + 1 + 4 + 4) / 4.
    const two = new Explore({ count: 2, dims: 2, values: Float64Array.of(0, 0, 2, 4) }, 1);
    let step = two.train(1, 1000);
    while (!step.result) step = two.train(1, 1000);
    expect(step.result.baselineError).toBe(2.5);
  });

  it('compares only once trained, and keeps one run per settings and segments', () => {
    const explore = new Explore(points, 9);
    const labels = Int32Array.from({ length: 150 }, (_, i) => i % 2);
    const settings = { ...DEFAULT_EXPLORE_SETTINGS, minClusterSize: 10, minSamples: 5 };
    expect(() => explore.compare(settings, 2, 'a', labels, 2, 0)).toThrow(/train/);
    while (!explore.train(2, 1000).result);
    const first = explore.compare(settings, 2, 'a', labels, 2, 0);
    expect(first.progress).toEqual({ done: 1, total: 14 });
    expect(explore.compare(settings, 2, 'a', labels, 2, 0).progress).toEqual({
      done: 2,
      total: 14,
    });
    // Other segments on screen: a fresh run.
    expect(explore.compare(settings, 2, 'b', labels, 2, 0).progress).toEqual({
      done: 1,
      total: 14,
    });
  });
});
