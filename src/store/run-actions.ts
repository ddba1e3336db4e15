/** Choosing a file, its columns, reading it, cancelling, starting over. */
import { analysisClient } from '../bridge/analysis-client.ts';
import { isAnalysisError } from '../core/index.ts';
import type { ColumnMapping, DateFormat } from '../core/types.ts';
import { idle, painted } from '../ui/idle.ts';
import { toUserError } from './errors.ts';
import { forgetSaved } from './persistence.ts';
import { scoreWithModel } from './model-actions.ts';
import { measure, onProgress, recluster, rememberNames } from './results-actions.ts';
import { appStore, clearedByRun, initialState } from './store.ts';

const set = appStore.setState;
const get = appStore.getState;

let running: AbortController | null = null;

/**
 * While the start screen waits for a file, the analysis worker starts and readies its code for
 * the first k sweep (core/cluster/warm-up.ts); not once a file or a saved analysis has come.
 */
export function warmUpWhileWaiting(): void {
  const { phase, file, prepared } = get();
  if (phase === 'start' && !file && !prepared) analysisClient.warm();
}

/** A dropped or chosen file: look at its head and show the column mapping. */
export async function chooseFile(file: File, autoRun = false): Promise<void> {
  running?.abort();
  analysisClient.reset();
  // A saved model chosen on the start screen applies to the file chosen next.
  set({ ...initialState, phase: 'sniffing', file, scoringModel: get().scoringModel });
  try {
    const sniff = await analysisClient.fresh((api) => api.sniff(file));
    // No date format: the engine decides it from every date in the file. The first rows'
    // guess (sniff.dateGuess) only says whether to warn: `01.12.2010` reads both ways there and
    // may not in the rest of the file.
    set({ phase: 'mapping', sniff, mapping: sniff.mapping, dateFormat: null });
    if (autoRun) await runAnalysis();
    else readAhead();
  } catch (error) {
    set({ phase: 'start', error: toUserError(error) });
  }
}

/** The bundled sample of the Online Retail data, analysed straight away. */
export async function loadSample(): Promise<void> {
  const url = `${import.meta.env.BASE_URL}sample/online-retail-sample.csv`;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const blob = await response.blob();
    await chooseFile(new File([blob], 'online-retail-sample.csv', { type: 'text/csv' }), true);
  } catch (error) {
    set({
      error: {
        code: 'sample-missing',
        message: 'The sample file could not be loaded.',
        detail: String(error),
      },
    });
  }
}

export function editMapping(mapping: ColumnMapping, dateFormat: DateFormat | null): void {
  set({ mapping, dateFormat });
  readAhead();
}

/** What the worker reads the file with: the same object for a read ahead and for the click. */
function loadOptions() {
  const { mapping, dateFormat, nonProductCodes } = get();
  return { mapping, dateFormat: dateFormat ?? undefined, nonProductCodes };
}

/**
 * Starts reading the file in the worker while the columns are on screen (read-ahead.ts): most
 * people confirm what was found, and the read is then done or under way when they click. Only
 * for a file with no analysis yet: one on screen stays in the worker until the click, and a read
 * beside it would hold the file twice.
 */
function readAhead(): void {
  const { file, sniff, prepared, phase } = get();
  if (!file || !sniff || prepared || phase !== 'mapping') return;
  // A worker stopped by Cancel has no read to start: the click starts a new one.
  void analysisClient
    .call((api) => api.readAhead(file, sniff, loadOptions()))
    .catch(() => undefined);
}

/** Reads the file again with the dates in this order (the overview's one-click switch). */
export async function switchDateFormat(dateFormat: DateFormat): Promise<void> {
  if (!get().file) return;
  set({ dateFormat });
  await runAnalysis();
}

export function setNonProductCodes(codes: string[]): void {
  set({ nonProductCodes: codes });
  readAhead();
}

export function backToMapping(): void {
  if (get().sniff) set({ phase: 'mapping', error: null });
}

export function startOver(): void {
  running?.abort();
  analysisClient.reset();
  set({ ...initialState });
  // Back on the start screen: a new worker readies itself for the next file.
  void idle(3000).then(warmUpWhileWaiting);
}

/** Reads and cleans the whole file, then clusters; the overview shows as soon as it can. */
export async function runAnalysis(): Promise<void> {
  const { file, sniff } = get();
  if (!file || !sniff) return;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const now = performance.now();
  rememberNames();
  set({
    ...clearedByRun,
    phase: 'running',
    error: null,
    progress: { stage: 'read', fraction: 0, rows: 0 },
    runStartedAt: now,
    marks: { start: now },
  });
  try {
    const prepared = await analysisClient.fresh(
      (api) => api.prepare(file, sniff, loadOptions(), onProgress),
      controller.signal,
    );
    set((s) => ({
      prepared,
      phase: 'results',
      marks: { ...s.marks, prepared: performance.now() },
    }));
    measure('segment: read and clean', now, prepared.timings);
    // The overview on screen before the sweep starts: the sweep keeps both cores of a small
    // machine busy, and the overview's rendering would wait for one.
    await painted();
    if (controller.signal.aborted) return;
    if (get().scoringModel) await scoreWithModel(controller.signal);
    else await recluster(get().clusterOptions, controller.signal);
  } catch (error) {
    // Stopped on purpose (Cancel, Start over, another file): whoever stopped it set the screen.
    if (controller.signal.aborted) return;
    const userError = toUserError(error, 'analysis');
    const cancelled = isAnalysisError(error) && error.code === 'cancelled';
    set({
      phase:
        cancelled || userError?.code === 'missing-columns'
          ? 'mapping'
          : get().prepared
            ? 'results'
            : 'mapping',
      error: userError,
      progress: null,
    });
  } finally {
    if (running === controller) running = null;
  }
}

export function cancelAnalysis(): void {
  running?.abort();
  set({ phase: 'mapping', progress: null, prepared: null, error: null });
}

/** Deletes everything this app stored in the browser and goes back to the start screen. */
export async function forgetMyData(): Promise<void> {
  const forgetting = forgetSaved();
  startOver();
  await forgetting;
}
