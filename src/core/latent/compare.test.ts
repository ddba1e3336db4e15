import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { NOISE } from '../validation/dbscan.ts';
import { AnalysisError } from '../errors.ts';
import {
  compareSpaces,
  GROUPINGS,
  type GroupingRow,
  type SpaceComparison,
  spaceComparisonSteps,
  summarise,
} from './compare.ts';

/**
 * Three tight blobs of 60 customers (centres 10 apart) and 30 customers spread thinly over a
 * wide box: `latent` holds them as they are (2 numbers); `raw` adds a third feature that is pure
 * wide noise, which smears the blobs out for density clustering.
 */
function blobs(): { raw: Points; latent: Points; truth: Int32Array } {
  const rng = createRng(4);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const n = 3 * 60 + 30;
  const latent = new Float64Array(n * 2);
  const raw = new Float64Array(n * 3);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const blob = i < 180 ? Math.floor(i / 60) : -1;
    const [cx, cy] = blob >= 0 ? centres[blob]! : [0, 0];
    const spread = blob >= 0 ? 0.5 : 30;
    latent[2 * i] = cx! + spread * (rng() - 0.5) + (blob < 0 ? 5 : 0);
    latent[2 * i + 1] = cy! + spread * (rng() - 0.5) + (blob < 0 ? 5 : 0);
    raw.set([latent[2 * i]!, latent[2 * i + 1]!, 200 * (rng() - 0.5)], 3 * i);
    truth[i] = blob;
  }
  return {
    raw: { count: n, dims: 3, values: raw },
    latent: { count: n, dims: 2, values: latent },
    truth,
  };
}

function run(options = {}): { result: SpaceComparison; steps: number[] } {
  const { raw, latent, truth } = blobs();
  // The "segments on screen": blob number, the spread-out customers as a fourth segment.
  const segments = Int32Array.from(truth, (t) => (t < 0 ? 3 : t));
  const steps: number[] = [];
  const gen = spaceComparisonSteps(raw, latent, segments, 4, {
    k: 3,
    minClusterSize: 20,
    minSamples: 10,
    resamples: 4,
    restarts: 3,
    ...options,
  });
  for (let next = gen.next(); ; next = gen.next()) {
    if (next.done) return { result: next.value, steps };
    steps.push(next.value.done);
    expect(next.value.total).toBe(8);
  }
}

describe('latent against raw', () => {
  const { result, steps } = run();
  const row = (i: number) => result.rows[i]!;

  it('yields after each of the 4 fits and each of the 4 resamples', () => {
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.rows.map((r) => `${r.space} ${r.model}`)).toEqual(
      GROUPINGS.map((g) => `${g.space} ${g.model}`),
    );
  });

  it('HDBSCAN finds the three blobs in the latent space, each whole, the spread-out ones noise', () => {
    const latent = row(0);
    expect(latent.groups).toBe(3);
    // Crosstab rows are the segments: each blob sits entirely in its own group (a few of the
    // spread-out customers fall inside a blob and join it).
    const columns = [0, 1, 2].map((s) => latent.crosstab.counts[s]!.indexOf(60));
    expect(new Set(columns).size).toBe(3);
    expect(columns.every((c) => c >= 0 && c < 3)).toBe(true);
    expect(latent.sizes.every((size) => size >= 60)).toBe(true);
    expect(latent.sizes.reduce((a, b) => a + b) + latent.noiseCount).toBe(210);
    // Noise is the last column; every noise customer is one of the 30 spread-out ones or none.
    const noiseColumn = latent.crosstab.counts.map((r) => r[3]!);
    expect(noiseColumn.slice(0, 3)).toEqual([0, 0, 0]);
    expect(latent.noiseCount).toBe(noiseColumn[3]);
    expect(latent.noiseShare).toBeCloseTo(latent.noiseCount / 210, 15);
    expect(result.labels[0]!.filter((x) => x === NOISE).length).toBe(latent.noiseCount);
  });

  it('the wide third feature leaves far more customers as noise in the raw space', () => {
    expect(row(1).noiseShare).toBeGreaterThan(row(0).noiseShare + 0.3);
    expect(row(1).crosstab.rowTotals).toEqual([60, 60, 60, 30]);
  });

  it('k-means with k = 3 on the latent space recovers the blobs and is perfectly stable', () => {
    const kmeans = row(2);
    expect(kmeans.groups).toBe(3);
    expect(kmeans.noiseCount).toBe(0);
    expect(kmeans.crosstab.counts[0]!.length).toBe(3);
    for (let s = 0; s < 3; s++) expect(Math.max(...kmeans.crosstab.counts[s]!)).toBe(60);
    expect(row(0).stability.mean).toBeGreaterThan(0.9);
    expect(row(0).stability.reading).toBe('highly stable');
  });

  it('is the same on every run with the same seed, and the summary is in words', () => {
    const again = run().result;
    expect(again.rows).toEqual(result.rows);
    expect(again.summary).toEqual(result.summary);
    expect(result.summary[0]).toMatch(
      /^Looking for dense groups, the learned 2-number summary puts \d+% of customers into 3 groups; the raw features /,
    );
  });

  it('straight through gives the same; the signal stops it between fits', () => {
    const { raw, latent, truth } = blobs();
    const segments = Int32Array.from(truth, (t) => (t < 0 ? 3 : t));
    const options = { k: 3, minClusterSize: 20, minSamples: 10, resamples: 4, restarts: 3 };
    const seen: number[] = [];
    const direct = compareSpaces(raw, latent, segments, 4, options, (p) => seen.push(p.done));
    expect(direct.rows).toEqual(result.rows);
    expect(seen).toEqual(steps);
    const controller = new AbortController();
    const stopped = () =>
      compareSpaces(
        raw,
        latent,
        segments,
        4,
        options,
        (p) => p.done === 2 && controller.abort(),
        controller.signal,
      );
    expect(stopped).toThrow(AnalysisError);
  });

  it('refuses labels of another length', () => {
    const { raw, latent } = blobs();
    const gen = spaceComparisonSteps(raw, latent, new Int32Array(5), 1, { k: 3 });
    expect(() => gen.next()).toThrow(/differ/);
  });
});

describe('summary', () => {
  const row = (
    noiseShare: number,
    groups: number,
    stability: number,
    reading: GroupingRow['stability']['reading'],
  ): GroupingRow => ({
    space: 'latent',
    model: 'hdbscan',
    groups,
    sizes: [],
    noiseCount: 0,
    noiseShare,
    stability: { mean: stability, std: 0, reading },
    crosstab: { counts: [], rowShares: [], rowTotals: [], columnTotals: [] },
  });

  it("says the issue's example sentence for its numbers", () => {
    const lines = summarise(
      [
        row(0.215, 4, 0.81, 'highly stable'),
        row(0.996, 2, 0.6, 'acceptable'),
        row(0, 4, 0.9, 'highly stable'),
        row(0, 4, 0.88, 'highly stable'),
      ],
      3,
    );
    expect(lines).toEqual([
      'Looking for dense groups, the learned 3-number summary puts 79% of customers into 4 groups; the raw features leave 99.6% of customers as noise (2 groups for the rest).',
      "Fitted again on resampled customers, the learned space's dense groups are highly stable (agreement 0.81 of 1) and more stable than the raw features' (0.60).",
      "Split into 4 by k-means, the learned space's groups are highly stable (0.90); the raw features' are highly stable (0.88).",
    ]);
  });

  it('no group at all, and close stabilities', () => {
    const lines = summarise(
      [
        row(1, 0, 1, 'highly stable'),
        row(0.4, 1, 0.98, 'highly stable'),
        row(0, 2, 0.4, 'unreliable'),
        row(0, 2, 0.5, 'acceptable'),
      ],
      2,
    );
    expect(lines[0]).toBe(
      'Looking for dense groups, the learned 2-number summary finds no dense group at all: every customer is noise; the raw features put 60% of customers into 1 group.',
    );
    expect(lines[1]).toContain('about as stable as');
  });
});
