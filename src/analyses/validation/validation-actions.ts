/**
 * The Validation screen's actions: each result is computed in the worker for the segments (or the
 * clustering and k) on screen, kept with what it was computed for, and computed again only when
 * that changes. Stability runs a few resamples per call, so other requests are answered between.
 */
import {
  analysisKey,
  type HdbscanChoice,
  hdbscanSettings,
  isAnalysisError,
} from '../../core/index.ts';
import { fitHdbscanInWorker } from '../../bridge/hdbscan-client.ts';
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

/** The key of an HDBSCAN fit: the clustering on screen and the settings (k plays no part). */
function hdbscanKey(choice: HdbscanChoice): string | null {
  const { clustering } = get();
  return clustering ? analysisKey(clustering.options, 0, hdbscanSettings(choice)) : null;
}

/** The HDBSCAN settings whose fit the analysis worker holds for the clustering on screen, if any. */
function fittedHdbscan(): HdbscanChoice | undefined {
  const { hdbscan, hdbscanFitted } = get();
  return hdbscanFitted !== null && hdbscanFitted === hdbscanKey(hdbscan) ? hdbscan : undefined;
}

const comparisonKey = () => {
  const fitted = fittedHdbscan();
  return validationKey([get().dbscan, fitted ? hdbscanSettings(fitted) : null]);
};

async function loadComparison(): Promise<boolean> {
  const { k, dbscan } = get();
  const hdbscan = fittedHdbscan();
  const key = comparisonKey();
  if (key === null || k === null || k < 2 || get().comparison?.for === key) return false;
  const comparison = await analysisClient.call((api) => api.compareModels(k, dbscan, hdbscan));
  if (comparisonKey() === key) set({ comparison: { ...comparison, for: key } });
  return true;
}

let hdbscanRun: AbortController | null = null;

/**
 * HDBSCAN with these settings in its own worker (bridge/hdbscan-client.ts), with progress; the
 * fit then goes to the analysis worker, where it joins the comparison and can give the segments.
 */
export async function runHdbscan(choice: HdbscanChoice = get().hdbscan): Promise<void> {
  hdbscanRun?.abort();
  const controller = new AbortController();
  hdbscanRun = controller;
  const key = hdbscanKey(choice);
  set({ hdbscan: choice, hdbscanProgress: 0, hdbscanCancelled: null });
  try {
    const points = await analysisClient.call((api) => api.clusteredPoints());
    const fit = await fitHdbscanInWorker(
      points,
      choice,
      (fraction) => {
        if (hdbscanRun === controller) set({ hdbscanProgress: fraction });
      },
      controller.signal,
    );
    if (hdbscanKey(get().hdbscan) !== key) return;
    await analysisClient.call((api) => api.provideHdbscan(fit));
    set({ hdbscanFitted: key, hdbscanProgress: null });
    refreshValidation();
    const k = get().k;
    if (get().model === 'hdbscan' && k !== null) await showSegments(k);
  } catch (error) {
    if (hdbscanRun === controller) set({ hdbscanProgress: null });
    if (isAnalysisError(error) && error.code === 'cancelled') return;
    reportError(error);
  } finally {
    if (hdbscanRun === controller) hdbscanRun = null;
  }
}

/** Stops HDBSCAN at once (its worker is terminated); it is not started again by itself. */
export function cancelHdbscan(): void {
  if (!hdbscanRun) return;
  hdbscanRun.abort();
  hdbscanRun = null;
  set({ hdbscanProgress: null, hdbscanCancelled: hdbscanKey(get().hdbscan) });
}

/** Starts HDBSCAN when the clustering on screen has no fit yet (and the user did not stop it). */
function startHdbscanIfNeeded(): void {
  const key = hdbscanKey(get().hdbscan);
  if (key === null || hdbscanRun || get().hdbscanFitted === key) return;
  if (get().hdbscanCancelled === key) return;
  void runHdbscan();
}

/** Settles once the running stability has given its first answer (or ended): see below. */
let stabilityAnswered: Promise<void> = Promise.resolve();

async function loadStability(): Promise<boolean> {
  const k = get().k;
  const key = validationKey();
  if (key === null || k === null || k < 2) return false;
  if (get().stability?.for === key && get().stability?.result) return false;
  let answered: () => void = () => undefined;
  stabilityAnswered = new Promise<void>((resolve) => (answered = resolve));
  try {
    for (;;) {
      const step = await analysisClient.call((api) => api.stability(k));
      if (validationKey() !== key) return true;
      set({ stability: { ...step, for: key } });
      answered();
      if (step.result) return true;
    }
  } finally {
    answered();
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
 * the order asked: stability's resamples are fitted on the second core from the first call on,
 * and the quality report (silhouettes, audit) comes first. The model comparison (seconds of the
 * worker's time with tens of thousands of customers, in one piece) is asked for once the quality
 * report and the stability's first answer (its first resample: session.stability) are in, so
 * the audit and the first resamples' progress show before it; the rest of stability arrives
 * with or after it. Asked for after the quality report alone, the comparison often came before
 * the first resample was done, and on 15,812 customers the progress first showed 4 to 5 s
 * after the screen was opened instead of 1 s.
 */
export function refreshValidation(): void {
  if (get().phase !== 'results' || get().clusteringBusy) return;
  once(stabilityRun, loadStability, (p) => (stabilityRun = p));
  once(qualityRun, loadQuality, (p) => (qualityRun = p));
  // `once` never rejects: a failed quality report is on the banner, and the comparison still runs.
  void Promise.all([qualityRun, stabilityAnswered]).then(() =>
    once(comparisonRun, loadComparison, (p) => (comparisonRun = p)),
  );
  startHdbscanIfNeeded();
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
