/**
 * The Validation screen's actions: each result is computed in the worker for the segments (or the
 * clustering and k) on screen, kept with what it was computed for, and computed again only when
 * that changes. Stability runs a few resamples per call, so other requests are answered between.
 */
import { analysisKey, isAnalysisError } from '../../core/index.ts';
import type { ModelName } from '../../core/validation/models.ts';
import { analysisClient } from '../../bridge/analysis-client.ts';
import type { DbscanChoice } from '../../worker/analysis.api.ts';
import { chooseK, reportError, showSegments } from '../../store/actions.ts';
import { appStore } from '../../store/store.ts';

const set = appStore.setState;
const get = appStore.getState;

/** What the comparison and the stability were computed for: the clustering on screen and k. */
export function validationKey(extra: unknown = null): string | null {
  const { clustering, k } = get();
  if (!clustering || k === null) return null;
  return analysisKey(clustering.options, k, extra);
}

let qualityRun: Promise<void> | null = null;
let comparisonRun: Promise<void> | null = null;
let stabilityRun: Promise<void> | null = null;

/* Each loader returns whether it asked the worker for anything (false: already up to date). */

async function loadQuality(): Promise<boolean> {
  const { segmentation, segmentsChoice: choice } = get();
  if (!segmentation || !choice || get().quality?.for === segmentation) return false;
  const quality = await analysisClient.call((api) => api.quality(choice));
  if (get().segmentation === segmentation) set({ quality: { ...quality, for: segmentation } });
  return true;
}

async function loadComparison(): Promise<boolean> {
  const { k, dbscan } = get();
  const key = validationKey(dbscan);
  if (key === null || k === null || k < 2 || get().comparison?.for === key) return false;
  const comparison = await analysisClient.call((api) => api.compareModels(k, dbscan));
  if (validationKey(get().dbscan) === key) set({ comparison: { ...comparison, for: key } });
  return true;
}

async function loadStability(): Promise<boolean> {
  const k = get().k;
  const key = validationKey();
  if (key === null || k === null || k < 2) return false;
  if (get().stability?.for === key && get().stability?.result) return false;
  for (;;) {
    const step = await analysisClient.call((api) => api.stability(k));
    if (validationKey() !== key) return true;
    set({ stability: { ...step, for: key } });
    if (step.result) return true;
  }
}

/** Runs one loader at a time of each kind; errors go to the banner (cancellations are quiet). */
function once(
  running: Promise<void> | null,
  load: () => Promise<boolean>,
  keep: (p: Promise<void> | null) => void,
): void {
  if (running) return;
  const p = load().then(
    (worked) => {
      keep(null);
      // What is on screen may have changed while this ran: bring it up to date.
      if (worked && get().view === 'validation') refreshValidation();
    },
    (error: unknown) => {
      keep(null);
      if (!(isAnalysisError(error) && error.code === 'cancelled')) reportError(error);
    },
  );
  keep(p);
}

/**
 * Brings every Validation result up to date with the segments on screen. The worker answers in
 * the order asked: the first resamples of stability (a fraction of a second) and the quality
 * report (silhouettes, audit) come first, the model comparison (seconds with tens of thousands
 * of customers) after them, and the rest of stability streams in behind it.
 */
export function refreshValidation(): void {
  if (get().phase !== 'results' || get().clusteringBusy) return;
  once(stabilityRun, loadStability, (p) => (stabilityRun = p));
  once(qualityRun, loadQuality, (p) => (qualityRun = p));
  once(comparisonRun, loadComparison, (p) => (comparisonRun = p));
}

/** The quality results (with the principal components) for the segments on screen, now. */
export function loadQualityNow(): Promise<void> {
  once(qualityRun, loadQuality, (p) => (qualityRun = p));
  return qualityRun ?? Promise.resolve();
}

/** Uses another model's groups as the segments everywhere (names kept per model). */
export async function chooseModel(model: ModelName): Promise<void> {
  if (get().model === model) return;
  set({ model });
  const k = get().k;
  if (k !== null) await chooseK(k);
}

/** DBSCAN with another eps or min_samples (absent: chosen from the data). */
export async function setDbscan(choice: DbscanChoice): Promise<void> {
  set({ dbscan: choice });
  refreshValidation();
  const k = get().k;
  if (get().model === 'dbscan' && k !== null) await showSegments(k).catch(reportError);
}
