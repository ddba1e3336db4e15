/**
 * fitHdbscan and its settings on a few customers made by hand (models.reference.test.ts fits it on
 * the 4,334 reference customers: too slow for mutation testing; core/hdbscan has its own tests).
 */
import { describe, expect, it } from 'vitest';
import { condensedTreeChart, hdbscan } from '../hdbscan/index.ts';
import type { Points } from '../types.ts';
import { NOISE } from './dbscan.ts';
import {
  DEFAULT_MIN_CLUSTER_SIZE,
  DEFAULT_MIN_SAMPLES,
  fitHdbscan,
  hdbscanSettings,
} from './hdbscan-model.ts';

const arr = (x: ArrayLike<number>) => Array.from(x);

/** Two tight groups of six on a line, 0..0.5 and 10..10.5. */
const twoGroups = (): Points => {
  const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 10, 10.1, 10.2, 10.3, 10.4, 10.5];
  return { count: xs.length, dims: 1, values: Float64Array.from(xs) };
};

describe('hdbscanSettings', () => {
  it('defaults 30 and 15, and what the user chose', () => {
    expect(DEFAULT_MIN_CLUSTER_SIZE).toBe(30);
    expect(DEFAULT_MIN_SAMPLES).toBe(15);
    expect(hdbscanSettings()).toEqual({ minClusterSize: 30, minSamples: 15 });
    expect(hdbscanSettings({ minClusterSize: 5 })).toEqual({ minClusterSize: 5, minSamples: 15 });
    expect(hdbscanSettings({ minSamples: 3 })).toEqual({ minClusterSize: 30, minSamples: 3 });
    // The smallest settings allowed: groups of 2, and a point that is its own core.
    expect(hdbscanSettings({ minClusterSize: 2, minSamples: 1 })).toEqual({
      minClusterSize: 2,
      minSamples: 1,
    });
  });

  it('refuses a group size below 2, min_samples below 1, and fractions, with the reason', () => {
    expect(() => hdbscanSettings({ minClusterSize: 1 })).toThrow(
      'min_cluster_size must be a whole number of at least 2, got 1',
    );
    expect(() => hdbscanSettings({ minClusterSize: 2.5 })).toThrow(RangeError);
    expect(() => hdbscanSettings({ minSamples: 0 })).toThrow(
      'min_samples must be a whole number of at least 1, got 0',
    );
    expect(() => hdbscanSettings({ minSamples: 1.5 })).toThrow(RangeError);
  });
});

describe('fitHdbscan', () => {
  it('two tight groups: labels, strengths, scores and the condensed tree of hdbscan()', () => {
    const points = twoGroups();
    const settings = { minClusterSize: 3, minSamples: 2 };
    const fit = fitHdbscan(points, settings);
    const direct = hdbscan(points.values, 12, 1, settings);
    expect(fit.minClusterSize).toBe(3);
    expect(fit.minSamples).toBe(2);
    expect(fit.clusters).toBe(2);
    expect(fit.noise).toBe(0);
    expect(new Set(arr(fit.labels.subarray(0, 6))).size).toBe(1);
    expect(new Set(arr(fit.labels.subarray(6))).size).toBe(1);
    expect(fit.labels[0]).not.toBe(fit.labels[6]);
    expect(fit.labels).toEqual(direct.labels);
    expect(fit.strengths).toEqual(direct.strengths);
    expect(fit.outlierScores).toEqual(direct.outlierScores);
    expect(fit.tree).toEqual(condensedTreeChart(direct.condensedTree, direct.treeClusters));
    expect(fit.tree.length).toBeGreaterThanOrEqual(3);
  });

  it('exactly min_samples customers are fitted; fewer are all noise, with an empty tree', () => {
    const points = twoGroups();
    const atLimit = fitHdbscan(points, { minClusterSize: 2, minSamples: 12 });
    expect(atLimit.tree.length).toBeGreaterThan(0);
    const fewer = fitHdbscan(points, { minClusterSize: 2, minSamples: 13 });
    expect(fewer).toEqual({
      minClusterSize: 2,
      minSamples: 13,
      labels: new Int32Array(12).fill(NOISE),
      strengths: new Float64Array(12),
      outlierScores: new Float64Array(12),
      clusters: 0,
      noise: 12,
      tree: [],
    });
  });

  it('passes progress and the signal through to hdbscan()', () => {
    const points = twoGroups();
    const seen: number[] = [];
    fitHdbscan(points, { minClusterSize: 3, minSamples: 2 }, (fraction) => seen.push(fraction));
    expect(seen.length).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      fitHdbscan(points, { minClusterSize: 3, minSamples: 2 }, undefined, controller.signal),
    ).toThrow();
  });
});
