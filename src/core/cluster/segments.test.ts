import { describe, expect, it } from 'vitest';
import type { CustomerTable } from '../features/customers.ts';
import { fitScaler } from '../features/scale.ts';
import { FEATURE_NAMES, FEATURE_SETS, type FeatureName } from '../types.ts';
import type { KMeansFit } from './kmeans.ts';
import { profileSegments } from './segments.ts';
import { customerTableOf } from '../testing/customer-table.ts';

/** Customers from (days since last purchase, orders, spend) rows; other features derived. */
function tableOf(rows: [number, number, number][]): CustomerTable {
  const column = (f: (r: [number, number, number]) => number) => Float64Array.from(rows, f);
  const features = Object.fromEntries(
    FEATURE_NAMES.map((f) => [f, column((r) => r[2] / 10)]),
  ) as Record<FeatureName, Float64Array>;
  features.Recency = column((r) => r[0]);
  features.Frequency = column((r) => r[1]);
  features.Monetary = column((r) => r[2]);
  return customerTableOf(
    features,
    rows.map((_, i) => `C${i}`),
  );
}

// Cluster 0 (as a fit might number it): three lapsed one-timers. Cluster 1: two recent, frequent
// big spenders. Cluster 2: one customer in between.
const table = tableOf([
  [300, 1, 20],
  [200, 1, 40],
  [250, 2, 30],
  [3, 12, 900],
  [5, 10, 1100],
  [60, 4, 210],
]);
const labels = Int32Array.of(0, 0, 0, 1, 1, 2);
const scaler = fitScaler(table, {
  features: FEATURE_SETS.rfm,
  transform: 'none',
  scaling: 'standard',
});
const fit: KMeansFit = {
  k: 3,
  labels,
  centroids: Float64Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2),
  inertia: 12.5,
  iterations: 4,
};

describe('profileSegments on a hand-made table', () => {
  // Profiled inside each test (not once for the file), so a wrong profile fails the test that
  // states it, and mutation testing can tell which test covers which line.
  const profile = () => profileSegments(table, fit, scaler);

  it('numbers segments from the best (recent, frequent, big spending) to the worst', () => {
    const { segments, labels: ordered, k, inertia } = profile();
    expect(k).toBe(3);
    expect(inertia).toBe(12.5);
    expect(segments.map((s) => s.cluster)).toEqual([0, 1, 2]);
    expect(segments.map((s) => s.size)).toEqual([2, 1, 3]);
    expect(Array.from(ordered)).toEqual([2, 2, 2, 0, 0, 1]);
    expect(segments[0]!.centroid).toEqual([1, 1, 1]);
    expect(segments[2]!.centroid).toEqual([0, 0, 0]);
  });

  it('scores are mean percentiles, recency reversed: the recent buyers score high', () => {
    const { segments } = profile();
    // Recency ranks (days ascending): 3 -> 1, 5 -> 2, 60 -> 3, 200 -> 4, 250 -> 5, 300 -> 6.
    expect(segments[0]!.scores.recency).toBeCloseTo(1 - 1.5 / 6, 15);
    expect(segments[1]!.scores.recency).toBeCloseTo(1 - 3 / 6, 15);
    expect(segments[2]!.scores.recency).toBeCloseTo(1 - 5 / 6, 15);
    // Frequency 1, 1 tie at ranks 1-2 (1.5), 2 -> 3, 4 -> 4, 10 -> 5, 12 -> 6.
    expect(segments[2]!.scores.frequency).toBeCloseTo((1.5 + 1.5 + 3) / 3 / 6, 15);
    expect(segments[0]!.scores.frequency).toBeCloseTo(5.5 / 6, 15);
    expect(segments[0]!.scores.monetary).toBeCloseTo(5.5 / 6, 15);
  });

  it('names follow the profiles: the best are Champions', () => {
    const { segments } = profile();
    expect(segments[0]!.name).toBe('Champions');
    expect(segments[0]!.suggestedName).toBe('Champions');
    expect(segments[0]!.action).toMatch(/Reward them/);
    expect(segments[2]!.name).not.toBe('Champions');
  });

  it('sizes, shares, revenue, means and medians per segment', () => {
    const { segments } = profile();
    const total = 20 + 40 + 30 + 900 + 1100 + 210;
    expect(segments[0]!.revenue).toBe(2000);
    expect(segments[0]!.revenueShare).toBeCloseTo(2000 / total, 15);
    expect(segments[0]!.customerShare).toBeCloseTo(2 / 6, 15);
    expect(segments[2]!.customerShare).toBe(0.5);
    expect(segments[2]!.mean.Recency).toBe(250);
    expect(segments[2]!.mean.Monetary).toBe(30);
    expect(segments[2]!.median.Frequency).toBe(1);
    // The numpy median of two: halfway.
    expect(segments[0]!.median.Recency).toBe(4);
    expect(segments[1]!.median.Monetary).toBe(210);
  });

  it("the user's names win, the suggestion is kept", () => {
    const { segments } = profile();
    const renamed = profileSegments(table, fit, scaler, { 0: 'VIP' });
    expect(renamed.segments[0]!.name).toBe('VIP');
    expect(renamed.segments[0]!.suggestedName).toBe('Champions');
    expect(renamed.segments[1]!.name).toBe(segments[1]!.name);
  });

  it('a group left unnamed (noise) takes no archetype', () => {
    const { labels: ordered } = profile();
    // The fit's cluster 1 (the best) as noise: it comes back as "Segment 1" for the caller,
    // numbered as before.
    const withNoise = profileSegments(table, fit, scaler, {}, 1);
    expect(withNoise.labels).toEqual(ordered);
    expect(withNoise.segments[0]!.suggestedName).toBe('Segment 1');
    expect(withNoise.segments[1]!.suggestedName).not.toMatch(/^Segment/);
    expect(withNoise.segments[2]!.suggestedName).not.toMatch(/^Segment/);
  });
});
