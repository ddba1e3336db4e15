/**
 * The whole analysis with defaults where not given, through one session: what the CLI, the
 * benchmark and the tests run. The app drives the same session step by step from its worker.
 */
import type { KMeansPool } from '../cluster/sweep.ts';
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, noSegmentsMessage } from '../clustering.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
import type { RestReader } from '../ingest/split.ts';
import { type LoadOptions, type PreparedSummary, withoutRows } from '../pipeline.ts';
import { type Reporter, throttledProgress } from '../progress.ts';
import { BEHAVIOUR_NAMES, FEATURE_SETS, type ProgressCallback } from '../types.ts';
import type { SegmentationModel } from '../model/document.ts';
import { AnalysisSession } from './session.ts';

export type AnalyzeOptions = LoadOptions &
  Partial<ClusterOptions> & {
    k?: number | undefined;
    /** The file's sniff when the caller already has it (the CLI prints it first). */
    sniff?: FileSniff | undefined;
    /** Scores the file with this saved model instead of sweeping k (no k, no clustering options). */
    model?: SegmentationModel | undefined;
    /**
     * Other work on the file's customers, done on this thread while the pool makes the sweep's
     * first fits (the CLI fits the lifetime value): the sweep then gives the pool more of the k.
     */
    whileSweeping?: ((session: AnalysisSession) => void) | undefined;
    /** Keep the rows after grouping, for comparing periods later (by default they are let go). */
    keepRows?: boolean | undefined;
    /** Leave out the customers' monthly activity (SessionOptions' `noMonthlyActivity`). */
    noMonthlyActivity?: boolean | undefined;
    /**
     * Called once the rows are let go, before the sweep: the CLI collects garbage there on large
     * files, so the rows' memory is free before the sweep and the lifetime value add theirs.
     */
    rowsLetGo?: (() => void) | undefined;
  };

const clock = () => performance.now();

/**
 * The file prepared by `session`, without its rows: those are the session's if it keeps them,
 * its customers the session's table. A function of its own: a value awaited in `analyze` itself
 * stayed reachable from its frame (a heap snapshot's stack roots) until it returned.
 */
async function preparedSummary(
  session: AnalysisSession,
  source: ByteSource,
  options: AnalyzeOptions,
  report: Reporter,
  signal: AbortSignal | undefined,
): Promise<PreparedSummary> {
  const data = await session.prepare(source, options, report, signal, options.sniff);
  return withoutRows(data, session.customers.table);
}

export async function analyze(
  source: ByteSource,
  options: AnalyzeOptions = {},
  onProgress?: ProgressCallback,
  signal?: AbortSignal,
  /** The other thread: fits part of the k sweep, and reads half of a large file if it can. */
  pool?: KMeansPool & Partial<RestReader>,
) {
  const reader = pool?.readRest ? (pool as RestReader) : undefined;
  const clusterOptions: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS };
  for (const key of Object.keys(DEFAULT_CLUSTER_OPTIONS) as (keyof ClusterOptions)[]) {
    if (options[key] !== undefined) Object.assign(clusterOptions, { [key]: options[key] });
  }
  // Clustering or scoring on behaviour features computes them before the rows go.
  const features = options.model?.features ?? FEATURE_SETS[clusterOptions.features];
  const behaviour = features.some((f) => (BEHAVIOUR_NAMES as readonly string[]).includes(f));
  const session = new AnalysisSession({
    pool: () => pool,
    reader: () => reader,
    dropRows: options.keepRows ? undefined : { behaviour },
    noMonthlyActivity: options.noMonthlyActivity,
  });
  const report = throttledProgress(onProgress);
  const data = await preparedSummary(session, source, options, report, signal);
  if (!options.keepRows) options.rowsLetGo?.();
  if (options.model) {
    const segmentation = session.score(options.model);
    const k = segmentation.k;
    return { data, clustering: session.current, segmentation, warnings: data.warnings, k, session };
  }
  const t0 = clock();
  // The pool has its first fits by the time cluster() returns; this thread's wait until its own.
  const sweeping = session.cluster(clusterOptions, report, signal);
  const t1 = clock();
  try {
    options.whileSweeping?.(session);
  } catch (error) {
    await sweeping.catch(() => undefined);
    throw error;
  }
  const alongside = clock() - t1;
  const clustering = await sweeping;
  // The sweep's time on this thread, the other work left out (it has its own timing).
  data.timings.sweep = clock() - t0 - alongside;
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
  const t2 = clock();
  const segmentation = session.segments({ k });
  data.timings.segments = clock() - t2;
  return { data, clustering, segmentation, warnings, k, session };
}
