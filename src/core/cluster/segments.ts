import type { CustomerTable } from '../features/customers.ts';
import { percentileRanks, rfmScores } from '../features/ranks.ts';
import { quantileSorted, type Scaler, unscalePoint } from '../features/scale.ts';
import { byFeature, type FeatureName } from '../types.ts';
import type { KMeansFit } from './kmeans.ts';
import { ARCHETYPES, nameSegments, type RfmScores, segmentValue } from './naming.ts';

export interface SegmentProfile {
  /** Cluster number after ordering: 0 is the most valuable segment. */
  cluster: number;
  name: string;
  /** The name the engine chose, kept when the user renames the segment. */
  suggestedName: string;
  action: string;
  size: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  mean: Record<FeatureName, number>;
  median: Record<FeatureName, number>;
  /** Centroid in scaled space, in the scaler's feature order. */
  centroid: number[];
  /** Centroid mapped back to feature units (days, orders, money). */
  centroidFeatures: number[];
  scores: RfmScores;
}

export interface Segmentation {
  k: number;
  /** Segment of each customer (ordered cluster numbers). */
  labels: Int32Array;
  segments: SegmentProfile[];
  inertia: number;
}

/**
 * Turns a k-means fit into named segment profiles. Clusters are renumbered from the most to the
 * least valuable (by recency + frequency + monetary scores) so numbering and colours are stable
 * across runs whatever order k-means found them in. The fit's cluster `unnamed` (another model's
 * noise) is profiled but takes no archetype name: the caller names it.
 *
 * With `fixedNames` (a saved model's segments, model/score.ts) the fit's clusters keep their order
 * and take those names instead: a scored file's segments are the model's, whatever this file's
 * customers look like.
 */
export function profileSegments(
  table: CustomerTable,
  fit: KMeansFit,
  scaler: Scaler,
  names: Readonly<Record<number, string>> = {},
  unnamed?: number,
  fixedNames?: readonly string[],
): Segmentation {
  const n = table.ids.length;
  const { k } = fit;
  const ranks = {
    recency: percentileRanks(table.features.Recency),
    frequency: percentileRanks(table.features.Frequency),
    monetary: percentileRanks(table.features.Monetary),
  };
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[fit.labels[i]!]!.push(i);

  const rawScores = members.map((rows): RfmScores => {
    const mean = (r: Float64Array) =>
      rows.reduce((s, i) => s + r[i]!, 0) / Math.max(1, rows.length);
    // A segment's score is the score of its mean percentile: recency reversed (ranks.ts).
    return rfmScores({
      Recency: mean(ranks.recency),
      Frequency: mean(ranks.frequency),
      Monetary: mean(ranks.monetary),
    });
  });
  const order = rawScores.map((_, c) => c);
  if (!fixedNames)
    order.sort((a, b) => segmentValue(rawScores[b]!) - segmentValue(rawScores[a]!) || a - b);
  const newLabelOf = new Int32Array(k);
  order.forEach((old, position) => (newLabelOf[old] = position));

  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = newLabelOf[fit.labels[i]!]!;
  const orderedScores = order.map((old) => rawScores[old]!);
  const suggested = fixedNames
    ? fixedNames.map(archetypeOf)
    : nameSegments(orderedScores, new Set(unnamed === undefined ? [] : [newLabelOf[unnamed]!]));

  let totalRevenue = 0;
  for (let i = 0; i < n; i++) totalRevenue += table.features.Monetary[i]!;
  const d = scaler.features.length;

  const segments = order.map((old, cluster): SegmentProfile => {
    const rows = members[old]!;
    const column = (feature: FeatureName) =>
      Float64Array.from(rows, (i) => table.features[feature][i]!);
    const revenue = rows.reduce((s, i) => s + table.features.Monetary[i]!, 0);
    const centroid = Array.from(fit.centroids.subarray(old * d, (old + 1) * d));
    return {
      cluster,
      name: names[cluster] ?? suggested[cluster]!.name,
      suggestedName: suggested[cluster]!.name,
      action: suggested[cluster]!.action,
      size: rows.length,
      customerShare: rows.length / n,
      revenue,
      revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
      mean: byFeature((f) => column(f).reduce((s, x) => s + x, 0) / Math.max(1, rows.length)),
      median: byFeature((f) => quantileSorted(column(f).sort(), 0.5)),
      centroid,
      centroidFeatures: Array.from(unscalePoint(centroid, scaler)),
      scores: orderedScores[cluster]!,
    };
  });
  return { k, labels, segments, inertia: fit.inertia };
}

/** A name with its archetype's action, or the generic one for a name the user made up. */
function archetypeOf(name: string): { name: string; action: string } {
  const archetype = ARCHETYPES.find((a) => a.name === name);
  return { name, action: archetype?.action ?? 'Look at this group’s profile to decide.' };
}
