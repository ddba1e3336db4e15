/**
 * Scoring a file with a saved model (SPEC "Saved segmentation model"): the file's own features at
 * its own snapshot, scaled with the model's parameters (capped at the model's fences when it capped
 * outliers), each customer in the segment of the nearest centre (squared Euclidean distance in
 * scaled space). Ties go to the lowest segment index, i.e. the more valuable segment, because
 * `assignToCentroids` keeps the first minimum.
 *
 * Exactness: scaling and assignment are the very functions the pipeline fitted with, and JSON
 * keeps every double, so the model's file scores to its own labels. Ties cannot break that: the
 * pipeline breaks them by k-means numbering and we by value order, but its Hartigan pass moves any
 * customer exactly as close to another centre as to its own (joining costs n_b/(n_b+1) of the
 * distance, leaving saves n_a/(n_a-1) of it), so no fitted customer ends on a tie. Only a customer
 * assigned after the fit (outliers 'exclude') could, exactly equidistant in floating point, which
 * the property test in score.test.ts has not met.
 */
import { assignToCentroids } from '../cluster/kmeans.ts';
import { profileSegments, type Segmentation } from '../cluster/segments.ts';
import { inertia } from '../math/centroids.ts';
import type { CustomerTable } from '../features/customers.ts';
import { type Scaler, scaleCustomers } from '../features/scale.ts';
import type { Clustering } from '../clustering.ts';
import type { ClusterFeature, FeatureName, Points } from '../types.ts';
import type { ModelName } from '../validation/models.ts';
import { createModel, type SegmentationModel } from './document.ts';
import { modelError } from './errors.ts';

export interface ScoredCustomers {
  /** The file's customers, in the table's order. */
  ids: string[];
  /** Segment index of each customer (into `model.segments`). */
  labels: Int32Array;
  /** Scaled (and capped) features the assignment used, row-major. */
  points: Points;
  /** The file's own snapshot (UTC ms). */
  snapshot: number;
}

/** The model's scaler in the engine's shape. */
export function modelScaler(model: SegmentationModel): Scaler {
  return {
    features: [...model.features],
    transform: model.transform,
    scaling: model.scaler.kind,
    center: Float64Array.from(model.scaler.center),
    scale: Float64Array.from(model.scaler.scale),
  };
}

const FEATURE_SOURCES: Partial<Record<ClusterFeature, string>> = {
  UniqueProducts: 'a product column',
  TotalQuantity: 'a quantity column',
};

/**
 * Throws when the file computes a model feature differently from the model's own file: it lacks
 * the column the feature needs, or has it where the model's file did not (then the model's
 * centres know only the filled-in value, and every customer would land far from all of them).
 */
export function checkModelFits(model: SegmentationModel, table: CustomerTable): void {
  const filled = (f: ClusterFeature) => table.fallbacks[f as FeatureName] !== undefined;
  const missing = model.features.filter(
    (f) => filled(f) && !(model.filledIn as readonly ClusterFeature[]).includes(f),
  );
  if (missing.length > 0)
    throw modelError(
      'model-features-missing',
      `This model needs ${missing.map((f) => `${f} (from ${FEATURE_SOURCES[f] ?? 'its column'})`).join(' and ')}, which this file does not have. Map the column if the file has it, or segment this file without the model.`,
      missing.join(','),
    );
  const extra = model.filledIn.filter((f) => !filled(f));
  if (extra.length > 0)
    throw modelError(
      'model-features-differ',
      `This model was made from a file without ${extra.map((f) => FEATURE_SOURCES[f] ?? f).join(' or ')}, so it cannot place customers by ${extra.join(' and ')}. Segment this file without the model, or save a model from a file that has that column.`,
      extra.join(','),
    );
}

/** Puts every customer of `table` into the model's segments, without refitting anything. */
export function scoreCustomers(model: SegmentationModel, table: CustomerTable): ScoredCustomers {
  checkModelFits(model, table);
  const scaled = scaleCustomers(table, modelScaler(model));
  const points = model.caps ? capped(scaled, model.caps) : scaled;
  const k = model.centroids.length;
  const labels = new Int32Array(points.count);
  assignToCentroids(points, Float64Array.from(model.centroids.flat()), k, labels);
  return { ids: table.ids, labels, points, snapshot: table.snapshot };
}

/**
 * The model's segments as the app shows segments: the model's order, names and centres, profiled
 * on this file's customers (sizes, revenue, means). A segment no customer of the file falls in is
 * kept, with size 0, so names, colours and order stay the model's.
 */
export function scoredSegmentation(
  model: SegmentationModel,
  table: CustomerTable,
): { scored: ScoredCustomers; segmentation: Segmentation } {
  const scored = scoreCustomers(model, table);
  const k = model.centroids.length;
  const centroids = Float64Array.from(model.centroids.flat());
  const fit = {
    k,
    labels: scored.labels,
    centroids,
    inertia: inertia(scored.points, scored.labels, k, centroids),
    iterations: 0,
  };
  const segmentation = profileSegments(
    table,
    fit,
    modelScaler(model),
    {},
    undefined,
    model.segments,
  );
  return { scored, segmentation };
}

/**
 * The share of the model's own file's customers that nearest-centre scoring puts in the segment
 * they have (`labels`, in the model's segment order): 1 for k-means, usually a little less for
 * the Gaussian mixture and Ward, whose own rule is not the nearest centre.
 */
export function modelAgreement(
  model: SegmentationModel,
  table: CustomerTable,
  labels: ArrayLike<number>,
): number {
  const scored = scoreCustomers(model, table).labels;
  let same = 0;
  for (let i = 0; i < scored.length; i++) if (scored[i] === labels[i]) same++;
  return scored.length === 0 ? 1 : same / scored.length;
}

/** As validation/outliers.ts `winsorize`, which takes full Fences; the model keeps only the ends. */
function capped(points: Points, caps: readonly [number, number][]): Points {
  const { count: n, dims: d, values } = points;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const [lower, upper] = caps[j]!;
      out[i * d + j] = Math.min(upper, Math.max(lower, values[i * d + j]!));
    }
  return { count: n, dims: d, values: out };
}

/**
 * The parts of an analysis a model is made from: the customers table (`analyze`'s
 * `data.groups.table`, a session's `customers.table`), its clustering and the segments shown.
 */
export interface AnalysisParts {
  table: CustomerTable;
  clustering: Pick<Clustering, 'scaler' | 'options' | 'outliers'>;
  segmentation: Pick<Segmentation, 'segments'>;
}

/**
 * The model of an analysis. `kind` is the model whose groups are the segments (the pipeline's
 * `segmentsFor` model, 'kmeans' when none): DBSCAN is refused (document.ts). Outliers count as capped
 * only when the pipeline capped them (it caps nothing when no customer is outside the fences;
 * saving those fences would then cap new customers that the analysis would not have).
 */
export function modelFromAnalysis(
  { table, clustering, segmentation }: AnalysisParts,
  meta: {
    createdAt: Date;
    appVersion: string;
    nonProductCodes: readonly string[];
    kind: ModelName;
  },
): SegmentationModel {
  const requested = clustering.options.outliers ?? 'keep';
  const outliers = clustering.outliers.count === 0 ? 'keep' : requested;
  return createModel({
    scaler: clustering.scaler,
    segments: segmentation.segments,
    kind: meta.kind,
    outliers,
    fences: clustering.outliers.features.map((f) => f.fences),
    snapshot: table.snapshot,
    filledIn: Object.keys(table.fallbacks) as FeatureName[],
    nonProductCodes: meta.nonProductCodes,
    createdAt: meta.createdAt,
    appVersion: meta.appVersion,
  });
}
