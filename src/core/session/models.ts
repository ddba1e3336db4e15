/**
 * What the session does with saved segmentation models (src/core/model): a scored file's
 * clustering (the model's scaler and centres, no sweep) and the comparison of two periods as the
 * page shows it. Kept apart from session.ts so the session stays a list of questions.
 */
import type { Segmentation } from '../cluster/segments.ts';
import { type Clustering, DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { AnalysisError } from '../errors.ts';
import type { CustomerTable } from '../features/customers.ts';
import type { Transactions } from '../ingest/decode.ts';
import type { SegmentationModel } from '../model/document.ts';
import { modelError } from '../model/errors.ts';
import { type Migration, migrationSummary } from '../model/migration.ts';
import { comparePeriods, cutAtDate, laterPeriodRevenue, revenueOfRows } from '../model/periods.ts';
import { modelAgreement, modelFromAnalysis, scoredSegmentation } from '../model/score.ts';
import { groupByCustomer } from '../features/customers.ts';
import { FEATURE_SETS, type FeatureSetName } from '../types.ts';
import { flagOutliers } from '../validation/outliers.ts';

/** The cleaned lines of the file in use, kept so it can be cut at a date or compared. */
export interface KeptRows {
  fileName: string;
  tx: Transactions;
  kept: Int32Array;
}

/** A model to save, and the share of its customers nearest-centre scoring keeps in their segment. */
export interface SavedModel {
  model: SegmentationModel;
  agreement: number;
}

/**
 * The model of the chosen segments, with the user's names, and the share of customers
 * nearest-centre scoring keeps in their segment (1 for k-means).
 */
export function modelOfSegments(
  parts: { table: CustomerTable; clustering: Clustering; segmentation: Segmentation },
  meta: Parameters<typeof modelFromAnalysis>[1],
): SavedModel {
  const model = modelFromAnalysis(parts, meta);
  return { model, agreement: modelAgreement(model, parts.table, parts.segmentation.labels) };
}

/** A scored file's own model, its segments renamed as the user renamed them. */
export function renamedModel(model: SegmentationModel, { segments }: Segmentation): SavedModel {
  return { model: { ...model, segments: segments.map((s) => s.name) }, agreement: 1 };
}

/** A file scored with a model: a clustering with the model's scaler and one fit, its segments. */
export function scoredClustering(
  model: SegmentationModel,
  table: CustomerTable,
): { clustering: Clustering; segmentation: Segmentation } {
  const features = (Object.keys(FEATURE_SETS) as FeatureSetName[]).find(
    (set) => FEATURE_SETS[set].join() === model.features.join(),
  );
  if (!features)
    throw modelError(
      'model-invalid',
      `This model file is damaged (its features ${model.features.join(', ')} are not a set this app uses), so it cannot be used.`,
      model.features.join(','),
    );
  const { scored, segmentation } = scoredSegmentation(model, table);
  const k = model.centroids.length;
  const fit = {
    k,
    labels: segmentation.labels,
    centroids: Float64Array.from(model.centroids.flat()),
    inertia: segmentation.inertia,
    iterations: 0,
  };
  const clustering: Clustering = {
    options: {
      ...DEFAULT_CLUSTER_OPTIONS,
      features,
      transform: model.transform,
      scaling: model.scaler.kind,
      outliers: model.outliers,
      kMin: k,
      kMax: k,
    },
    scaler: {
      features: [...model.features],
      transform: model.transform,
      scaling: model.scaler.kind,
      center: Float64Array.from(model.scaler.center),
      scale: Float64Array.from(model.scaler.scale),
    },
    points: scored.points,
    // No sweep: the model fixes k. The one fit lets Validation re-cluster with the same k.
    sweep: { points: [], fits: [fit], suggestedK: k },
    outliers: flagOutliers(scored.points),
  };
  return { clustering, segmentation };
}

/** Two periods under one model, with what the page says about them. */
export interface PeriodComparison {
  migration: Migration;
  /** Plain sentences on what changed (migrationSummary). */
  summary: string[];
  earlier: PeriodInfo;
  later: PeriodInfo;
  /** The cut date (YYYY-MM-DD) when one file was cut, else absent. */
  until?: string | undefined;
}

export interface PeriodInfo {
  /** "up to 2011-06-30", or the earlier file's name. */
  label: string;
  customers: number;
  /** The period's snapshot (UTC ms). */
  snapshot: number;
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function described(
  migration: Migration,
  earlier: CustomerTable,
  later: CustomerTable,
  labels: [string, string],
  until?: string,
): PeriodComparison {
  const info = (table: CustomerTable, label: string): PeriodInfo => ({
    label,
    customers: table.ids.length,
    snapshot: table.snapshot,
  });
  return {
    migration,
    summary: migrationSummary(migration),
    earlier: info(earlier, labels[0]),
    later: info(later, labels[1]),
    ...(until === undefined ? {} : { until }),
  };
}

const periodsError = (message: string, detail?: string) =>
  new AnalysisError('compare-periods', message, detail);

/** The file in use cut at the end of `until`: its state then against the whole file. */
export function compareAtDate(
  model: SegmentationModel,
  rows: KeptRows,
  later: CustomerTable,
  until: string,
): PeriodComparison {
  const cut = cutAtDate(rows.tx, rows.kept, until);
  if (cut.earlier.length === 0 || cut.after.length === 0)
    throw periodsError(
      `Choose a date between ${dayOf(later.dateMin)} and the day before ${dayOf(later.dateMax)}: there must be sales on both sides of it.`,
      until,
    );
  const earlier = groupByCustomer(rows.tx, cut.earlier).table;
  const migration = comparePeriods(model, earlier, later, revenueOfRows(rows.tx, cut.after));
  return described(migration, earlier, later, [`up to ${until}`, rows.fileName], until);
}

/** An earlier file's customers against the file in use. */
export function compareWithEarlier(
  model: SegmentationModel,
  rows: KeptRows,
  later: CustomerTable,
  earlier: CustomerTable,
  earlierName: string,
): PeriodComparison {
  if (earlier.dateMax >= later.dateMax)
    throw periodsError(
      `The earlier file's sales run up to ${dayOf(earlier.dateMax)}, not before this file's last sale (${dayOf(later.dateMax)}). Choose an export made before this one as the earlier file.`,
    );
  const revenue = laterPeriodRevenue(rows.tx, rows.kept, earlier);
  const migration = comparePeriods(model, earlier, later, revenue);
  return described(migration, earlier, later, [earlierName, rows.fileName]);
}

/** Comparing needs the lines, which a restored analysis does not have. */
export function needRows(rows: KeptRows | null): KeptRows {
  if (rows) return rows;
  throw new AnalysisError(
    'compare-needs-file',
    'Comparing periods needs the sales lines, which are not kept in this browser. Open the file again, then compare.',
  );
}
