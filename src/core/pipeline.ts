import { cleanTransactions, type CleanedRows } from './clean/clean.ts';
import { assignToCentroids, DEFAULT_RESTARTS, type KMeansFit } from './cluster/kmeans.ts';
import { clusterCentroids, inertia } from './math/centroids.ts';
import { profileSegments } from './cluster/segments.ts';
import {
  countDistinctPoints,
  type KMeansPool,
  sizesLargestFirst,
  sweepK,
  type Sweep,
} from './cluster/sweep.ts';
import { cohortRetention, type CohortRetention } from './cohort/cohort.ts';
import { AnalysisError, throwIfAborted } from './errors.ts';
import { type CustomerGroups, type CustomerTable, groupByCustomer } from './features/customers.ts';
import { fitScaler, scaleCustomers, type Scaler } from './features/scale.ts';
import { checkMapping } from './ingest/columns.ts';
import { decodeTable, type Transactions } from './ingest/decode.ts';
import { readTable, type RawTable } from './ingest/read.ts';
import { type FileSniff, sniffFile } from './ingest/sniff.ts';
import type { ByteSource } from './ingest/source.ts';
import { openAsText, type WorkbookInfo } from './ingest/workbook.ts';
import { type Reporter, throttledProgress } from './progress.ts';
import { DEFAULT_SEED } from './random.ts';
import { NOISE } from './validation/dbscan.ts';
import type { ModelLabels } from './validation/models.ts';
import { flagOutliers, type OutlierReport, unflagged, winsorize } from './validation/outliers.ts';
import {
  type ColumnMapping,
  type DateFormat,
  FEATURE_SETS,
  type FeatureName,
  type FeatureSetName,
  type Points,
  type ProgressCallback,
  type Scaling,
  type Transform,
} from './types.ts';

export interface LoadOptions {
  /** Overrides the guessed column mapping (the user re-mapped columns). */
  mapping?: ColumnMapping | undefined;
  /** Overrides the detected date format (the user switched day/month order). */
  dateFormat?: DateFormat | undefined;
  nonProductCodes?: readonly string[] | undefined;
}

/**
 * What to do with customers outside the IQR fences of a scaled feature before fitting: nothing,
 * cap their values at the fences, or fit without them and then put each in the segment of its
 * nearest centre (validation/outliers.ts).
 */
export type OutlierHandling = 'keep' | 'cap' | 'exclude';
export const OUTLIER_HANDLINGS: readonly OutlierHandling[] = ['keep', 'cap', 'exclude'];

export interface ClusterOptions {
  features: FeatureSetName;
  transform: Transform;
  scaling: Scaling;
  /** Absent in analyses saved before outliers could be handled: 'keep'. */
  outliers?: OutlierHandling | undefined;
  kMin: number;
  kMax: number;
  restarts: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  features: 'rfm',
  transform: 'log1p',
  scaling: 'standard',
  outliers: 'keep',
  kMin: 2,
  kMax: 10,
  restarts: DEFAULT_RESTARTS,
  seed: DEFAULT_SEED,
};

export interface AnalysisWarning {
  code:
    | 'malformed-rows'
    | 'bad-dates'
    | 'encoding-fallback'
    | 'ambiguous-dates'
    | 'few-customers'
    | 'feature-fallback'
    | 'workbook-sheet';
  message: string;
}

/** Everything read and derived from the file, before clustering. Kept by the worker for re-runs. */
export interface PreparedData {
  sniff: FileSniff;
  mapping: ColumnMapping;
  raw: RawTable;
  tx: Transactions;
  cleaned: CleanedRows;
  groups: CustomerGroups;
  cohort: CohortRetention;
  warnings: AnalysisWarning[];
  timings: Partial<Record<string, number>>;
}

export interface Clustering {
  options: ClusterOptions;
  scaler: Scaler;
  /**
   * Every customer's scaled features as the segments were assigned: capped at the fences when
   * outliers are capped.
   */
  points: Points;
  sweep: Sweep;
  /** Customers outside the IQR fences of the scaled features, whatever is done with them. */
  outliers: OutlierReport;
}

const clock = () => performance.now();

function timed<T>(timings: PreparedData['timings'], stage: string, work: () => T): T {
  const start = clock();
  const result = work();
  timings[stage] = (timings[stage] ?? 0) + clock() - start;
  return result;
}

/** Reads, decodes and cleans the file, groups rows by customer and computes the cohort matrix. */
export async function prepare(
  source: ByteSource,
  options: LoadOptions,
  report: Reporter,
  signal?: AbortSignal,
  knownSniff?: FileSniff,
): Promise<PreparedData> {
  const timings: PreparedData['timings'] = {};
  const t0 = clock();
  const sniff = knownSniff ?? (await sniffFile(source));
  const mapping = options.mapping ?? sniff.mapping;
  const problem = checkMapping(mapping, sniff.headers.length);
  if (problem.missing.length > 0 || problem.duplicates.length > 0)
    throw new AnalysisError(
      'missing-columns',
      describeMappingProblem(problem),
      JSON.stringify(problem),
    );

  // Descriptions are shown on the mapping screen but no number depends on them: skip reading them.
  const { description: _description, ...analysedColumns } = mapping;
  // A workbook is read as the CSV it converts to (converted once, when it was sniffed).
  const text = await openAsText(source);
  const raw = await readTable(text.source, { ...sniff, mapping: analysedColumns }, report, signal);
  timings.read = clock() - t0;
  if (raw.rowCount === 0)
    throw new AnalysisError(
      'no-rows',
      'This file has a header but no rows of sales. Check that you exported the right period.',
    );
  throwIfAborted(signal);

  report('clean', 0, raw.rowCount, true);
  const tx = timed(timings, 'decode', () =>
    decodeTable(raw, { delimiter: sniff.delimiter, dateFormat: options.dateFormat }),
  );
  const cleaned = timed(timings, 'clean', () =>
    cleanTransactions(tx, { nonProductCodes: options.nonProductCodes }),
  );
  report('clean', 1, cleaned.report.rows_kept, true);
  throwIfAborted(signal);

  report('features', 0, cleaned.report.rows_kept, true);
  const groups = timed(timings, 'features', () => groupByCustomer(tx, cleaned.kept));
  report('features', 1, groups.table.ids.length, true);
  const cohort = timed(timings, 'cohort', () => cohortRetention(tx, groups));
  report('cohort', 1, groups.table.ids.length, true);

  return {
    sniff,
    mapping,
    raw,
    tx,
    cleaned,
    groups,
    cohort,
    warnings: [...workbookWarnings(text.workbook), ...collectWarnings(raw, tx, cleaned, groups)],
    timings,
  };
}

export function describeMappingProblem(problem: ReturnType<typeof checkMapping>): string {
  const names = {
    customer: 'customer ID',
    date: 'order date',
    money: 'money (quantity and unit price, or a line amount)',
  };
  if (problem.missing.length > 0)
    return `We could not find the ${problem.missing.map((m) => names[m]).join(', the ')} column${
      problem.missing.length > 1 ? 's' : ''
    }. Choose ${problem.missing.length > 1 ? 'them' : 'it'} in the column mapping.`;
  return 'The same column is chosen for two different meanings. Choose a different column for each.';
}

function workbookWarnings(workbook: WorkbookInfo | null): AnalysisWarning[] {
  if (!workbook || workbook.sheets.length < 2) return [];
  const others = workbook.sheets.filter((s) => s !== workbook.sheet);
  return [
    {
      code: 'workbook-sheet',
      message: `This workbook has ${workbook.sheets.length} sheets; we read "${workbook.sheet}" (the first with data) and left out ${others.map((s) => `"${s}"`).join(', ')}. To analyse another sheet, move it first or save it as CSV.`,
    },
  ];
}

function collectWarnings(
  raw: RawTable,
  tx: Transactions,
  cleaned: CleanedRows,
  groups: CustomerGroups,
): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const fmt = (n: number) => n.toLocaleString('en');
  if (raw.malformedRows > 0)
    warnings.push({
      code: 'malformed-rows',
      message: `${fmt(raw.malformedRows)} rows had more or fewer fields than the header (for example line ${raw.malformedExamples.join(', ')}); missing fields were read as empty.`,
    });
  if (cleaned.report.bad_date > 0)
    warnings.push({
      code: 'bad-dates',
      message: `${fmt(cleaned.report.bad_date)} rows had dates we could not read (for example ${cleaned.badDateExamples
        .map((d) => `"${d}"`)
        .join(', ')}); they were left out.`,
    });
  if (raw.encodingFallback)
    warnings.push({
      code: 'encoding-fallback',
      message: 'The file is not UTF-8; it was read as Windows-1252 (Western European).',
    });
  if (tx.dateAmbiguous)
    warnings.push({
      code: 'ambiguous-dates',
      message: `Every date reads both month-first and day-first; we used ${tx.dateFormat === 'dmy' ? 'day-first' : 'month-first'}. Switch it in the column settings if that is wrong.`,
    });
  for (const [feature, note] of Object.entries(groups.table.fallbacks))
    warnings.push({ code: 'feature-fallback', message: `${feature}: ${note}` });
  return warnings;
}

/** Scales the chosen features and sweeps k (sharing the fits with `pool` where given). */
export async function cluster(
  table: CustomerTable,
  options: ClusterOptions,
  report: Reporter,
  signal?: AbortSignal,
  pool?: KMeansPool,
): Promise<Clustering> {
  const features: readonly FeatureName[] = FEATURE_SETS[options.features];
  const scaler = fitScaler(table, {
    features,
    transform: options.transform,
    scaling: options.scaling,
  });
  const scaled = scaleCustomers(table, scaler);
  const outliers = flagOutliers(scaled);
  const handling = outliers.count === 0 ? 'keep' : (options.outliers ?? 'keep');
  if (handling === 'exclude' && scaled.count - outliers.count >= 3) {
    // Centres are fitted on the other customers, then everyone is assigned to the nearest. Sizes
    // and inertia are then everyone's; silhouette, CH and DB stay those of the fitted customers
    // (their sample size says how many), which is what the centres were chosen on.
    const sweep = await sweepK(unflagged(scaled, outliers.mask), options, report, signal, pool);
    const fits = sweep.fits.map((fit) => {
      const labels = new Int32Array(scaled.count);
      const inertia = assignToCentroids(scaled, fit.centroids, fit.k, labels);
      return { ...fit, labels, inertia };
    });
    const points = sweep.points.map((point, i) => {
      const fit = fits[i]!;
      return { ...point, inertia: fit.inertia, sizes: sizesLargestFirst(fit.labels, fit.k) };
    });
    return { options, scaler, points: scaled, sweep: { ...sweep, fits, points }, outliers };
  }
  const points =
    handling === 'cap'
      ? winsorize(
          scaled,
          outliers.features.map((f) => f.fences),
        )
      : scaled;
  const sweep = await sweepK(points, options, report, signal, pool);
  return { options, scaler, points, sweep, outliers };
}

/** Why the sweep found no k at all; the analysis then puts every customer in one segment. */
export function noSegmentsMessage({ points, scaler, options }: Clustering): string {
  const n = points.count;
  if (n < 3)
    return `Only ${n} customer${n === 1 ? '' : 's'}: at least 3 are needed to split customers into segments, so all are in one.`;
  if (countDistinctPoints(points, 2) < 2)
    return `All ${n} customers have the same ${scaler.features.join(', ')}: there is nothing to tell them apart, so all are in one segment.`;
  return `Only ${countDistinctPoints(points, n)} different customers among ${n}: too few for ${options.kMin} to ${options.kMax} segments, so all are in one.`;
}

/** The name of the one segment of everyone: percentile-rank archetypes say nothing about it. */
export const ALL_CUSTOMERS = 'All customers';

/** The name of DBSCAN's noise when its groups are used as segments. */
export const NO_CLEAR_SEGMENT = 'No clear segment';

/**
 * The chosen k's segmentation, reusing the sweep's fit (or one segment when k < 2); or, when
 * `model` is given, another model's groups (validation/models.ts) profiled the same way, with
 * DBSCAN's noise as one more segment.
 */
export function segmentsFor(
  table: CustomerTable,
  clustering: Clustering,
  k: number,
  names: Readonly<Record<number, string>> = {},
  model?: ModelLabels,
) {
  const fit =
    model && model.model !== 'kmeans'
      ? fitFromLabels(clustering.points, model)
      : (clustering.sweep.fits.find((f) => f.k === k) ?? singleSegment(clustering.points));
  const noiseGroup = model?.labels.includes(NOISE) ? model.groups : undefined;
  const segmentation = profileSegments(table, fit, clustering.scaler, names, noiseGroup);
  const only = segmentation.segments.length === 1 ? segmentation.segments[0] : undefined;
  if (only) {
    only.suggestedName = ALL_CUSTOMERS;
    only.name = names[0] ?? ALL_CUSTOMERS;
    only.action = 'Too few different customers to segment: look at the customer list instead.';
  }
  const noiseAt = model ? model.labels.indexOf(NOISE) : -1;
  const noise = noiseAt >= 0 ? segmentation.segments[segmentation.labels[noiseAt]!] : undefined;
  if (noise) {
    noise.suggestedName = NO_CLEAR_SEGMENT;
    noise.name = names[noise.cluster] ?? NO_CLEAR_SEGMENT;
    noise.action = 'These customers fit no dense group: look at them one by one.';
  }
  return segmentation;
}

/** A fit-shaped grouping from another model's labels: noise is group `groups`, centres are means. */
function fitFromLabels(points: Points, model: ModelLabels): KMeansFit {
  const hasNoise = model.labels.includes(NOISE);
  const k = model.groups + (hasNoise ? 1 : 0);
  const labels = Int32Array.from(model.labels, (g) => (g === NOISE ? model.groups : g));
  const centroids = clusterCentroids(points, labels, k);
  return { k, labels, centroids, inertia: inertia(points, labels, k, centroids), iterations: 0 };
}

function singleSegment(points: Points): KMeansFit {
  const labels = new Int32Array(points.count);
  const centroids = clusterCentroids(points, labels, 1);
  return { k: 1, labels, centroids, inertia: inertia(points, labels, 1, centroids), iterations: 0 };
}

/** Runs everything with defaults where not given: what the CLI and the benchmark call. */
export async function analyze(
  source: ByteSource,
  options: LoadOptions & Partial<ClusterOptions> & { k?: number | undefined } = {},
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
  pool?: KMeansPool,
) {
  const report = throttledProgress(onProgress);
  const data = await prepare(source, options, report, signal);
  const clusterOptions: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS };
  for (const key of Object.keys(DEFAULT_CLUSTER_OPTIONS) as (keyof ClusterOptions)[]) {
    if (options[key] !== undefined) Object.assign(clusterOptions, { [key]: options[key] });
  }
  const t0 = clock();
  const clustering = await cluster(data.groups.table, clusterOptions, report, signal, pool);
  data.timings.sweep = clock() - t0;
  const warnings = [...data.warnings];
  const ks = clustering.sweep.points.map((p) => p.k);
  if (ks.length === 0)
    warnings.push({
      code: 'few-customers',
      message: noSegmentsMessage(clustering),
    });
  const k =
    options.k !== undefined && ks.includes(options.k)
      ? options.k
      : ks.length > 0
        ? clustering.sweep.suggestedK
        : 1;
  if (options.k !== undefined && k !== options.k && ks.length > 0)
    warnings.push({
      code: 'few-customers',
      message: `k = ${options.k} is not possible with this data; using k = ${k}.`,
    });
  const t1 = clock();
  const segmentation = segmentsFor(data.groups.table, clustering, k);
  data.timings.segments = clock() - t1;
  return { data, clustering, segmentation, warnings, k };
}
