/**
 * What the user can do, as plain functions over the store and the worker client. Components call
 * these; none of them touch the worker directly.
 */
import * as Comlink from 'comlink';
import { isAnalysisError } from '../core/errors.ts';
import { segmentsCsv } from '../core/export/tables.ts';
import { type ClusterOptions } from '../core/pipeline.ts';
import type { ClusterView } from '../core/results.ts';
import type { ColumnMapping, DateFormat, StageProgress } from '../core/types.ts';
import { analysisClient, WorkerCrashError } from '../bridge/analysis-client.ts';
import type { AnalysisSnapshot } from '../worker/analysis.api.ts';
import { saveBytes } from './download.ts';
import { clearSession, loadSession, saveSession, SESSION_VERSION } from './persist.ts';
import { appStore, initialState, namesForK, namesKey, type UserError, type View } from './store.ts';

const set = appStore.setState;
const get = appStore.getState;

let running: AbortController | null = null;

function toUserError(error: unknown, retry?: UserError['retry']): UserError | null {
  if (isAnalysisError(error)) {
    if (error.code === 'cancelled') return null;
    return { code: error.code, message: error.message, detail: error.detail, retry };
  }
  if (error instanceof WorkerCrashError)
    return {
      code: 'worker-crashed',
      message: error.message,
      detail: error.stack,
      retry: retry ?? 'analysis',
    };
  const detail =
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack ?? ''}`
      : String(error);
  return {
    code: 'internal',
    message:
      'Something went wrong while analysing this file. Try again; if it keeps happening, the details below help us fix it.',
    detail,
    retry: retry ?? 'analysis',
  };
}

const onProgress = Comlink.proxy((progress: StageProgress) => set({ progress }));

/** A dropped or chosen file: look at its head and show the column mapping. */
export async function chooseFile(file: File, autoRun = false): Promise<void> {
  running?.abort();
  analysisClient.reset();
  set({ ...initialState, phase: 'sniffing', file });
  try {
    const sniff = await analysisClient.call((api) => api.sniff(file));
    set({
      phase: 'mapping',
      sniff,
      mapping: sniff.mapping,
      dateFormat: sniff.dateGuess?.format ?? null,
    });
    if (autoRun) await runAnalysis();
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
}

export function setNonProductCodes(codes: string[]): void {
  set({ nonProductCodes: codes });
}

export function backToMapping(): void {
  if (get().sniff) set({ phase: 'mapping', error: null });
}

export function startOver(): void {
  running?.abort();
  analysisClient.reset();
  set({ ...initialState });
}

/** Reads and cleans the whole file, then clusters; the overview shows as soon as it can. */
export async function runAnalysis(): Promise<void> {
  const { file, sniff, mapping, dateFormat, nonProductCodes } = get();
  if (!file || !sniff) return;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const now = performance.now();
  set({
    phase: 'running',
    error: null,
    progress: { stage: 'read', fraction: 0, rows: 0 },
    runStartedAt: now,
    marks: { start: now },
    prepared: null,
    clustering: null,
    segmentation: null,
    segmentsChoice: null,
    segmentNames: {},
    model: 'kmeans',
    quality: null,
    stability: null,
    comparison: null,
    selectedCustomer: null,
    customerDetail: null,
    whatIf: null,
  });
  try {
    const prepared = await analysisClient.call(
      (api) =>
        api.prepare(
          file,
          sniff,
          { mapping, dateFormat: dateFormat ?? undefined, nonProductCodes },
          onProgress,
        ),
      controller.signal,
    );
    set((s) => ({
      prepared,
      phase: 'results',
      marks: { ...s.marks, prepared: performance.now() },
    }));
    measure('segment: read and clean', now, prepared.timings);
    await recluster(get().clusterOptions, controller.signal);
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

/**
 * Records how long a stage took as a User Timing measure (visible in the browser's performance
 * panel, and read by the end-to-end speed test); `detail` carries the worker's own stage times.
 */
function measure(name: string, start: number, detail?: unknown): void {
  performance.measure(name, { start, end: performance.now(), detail });
}

/** Re-scales and sweeps k with other options; the file is not read again. */
export async function recluster(options: ClusterOptions, signal?: AbortSignal): Promise<void> {
  const started = performance.now();
  set({ clusterOptions: options, clusteringBusy: true, segmentNames: {} });
  try {
    const clustering = await analysisClient.call((api) => api.cluster(options, onProgress), signal);
    set((s) => ({ clustering, marks: { ...s.marks, clustered: performance.now() } }));
    measure('segment: k sweep', started);
    // No segments to choose from (2 customers, or all alike): say so with the file's warnings.
    const { warning } = clustering;
    const prepared = get().prepared;
    if (warning && prepared && !prepared.warnings.some((w) => w.message === warning))
      set({
        prepared: {
          ...prepared,
          warnings: [...prepared.warnings, { code: 'few-customers', message: warning }],
        },
      });
    const keep = get().k;
    const k =
      keep !== null && clustering.sweep.some((p) => p.k === keep) ? keep : clustering.suggestedK;
    await showSegments(clustering.sweep.length > 0 ? k : 1);
    set((s) => ({ marks: { ...s.marks, segmented: s.marks.segmented ?? performance.now() } }));
  } catch (error) {
    if (signal) throw error;
    set({ error: toUserError(error, 'clustering') });
  } finally {
    set({ clusteringBusy: false, progress: null });
    scheduleSave();
  }
}

/** Another k, from the sweep already done. Errors (a crashed worker) show in the banner. */
export async function chooseK(k: number): Promise<void> {
  try {
    await showSegments(k);
  } catch (error) {
    set({ error: toUserError(error) });
  }
}

/** The segments of k, from the model in use (k-means unless the user chose another). */
export async function showSegments(k: number): Promise<void> {
  const { model, dbscan } = get();
  const names = get().segmentNames[namesKey(model, k)] ?? {};
  const choice = { k, model, dbscan };
  const segmentation = await analysisClient.call((api) => api.segment({ ...choice, names }));
  set({ k, segmentation, segmentsChoice: choice, customerDetail: null, whatIf: null });
  scheduleSave();
  const selected = get().selectedCustomer;
  if (selected !== null) await selectCustomer(selected);
}

export function renameSegment(cluster: number, name: string): void {
  const { segmentation, segmentNames } = get();
  if (!segmentation) return;
  const trimmed = name.trim();
  const key = namesKey(segmentation.model, segmentation.k);
  const forK = { ...(segmentNames[key] ?? {}) };
  if (trimmed === '' || trimmed === segmentation.segments[cluster]?.suggestedName)
    delete forK[cluster];
  else forK[cluster] = trimmed;
  set({
    segmentNames: { ...segmentNames, [key]: forK },
    segmentation: {
      ...segmentation,
      segments: segmentation.segments.map((s) =>
        s.cluster === cluster ? { ...s, name: forK[cluster] ?? s.suggestedName } : s,
      ),
    },
  });
  scheduleSave();
}

export async function selectCustomer(index: number | null): Promise<void> {
  set({ selectedCustomer: index, customerDetail: null });
  const choice = get().segmentsChoice;
  if (index === null || !choice) return;
  try {
    const detail = await analysisClient.call((api) => api.customerDetail(choice, index));
    if (get().selectedCustomer === index) set({ customerDetail: detail });
  } catch (error) {
    set({ error: toUserError(error) });
  }
}

export async function runWhatIf(input: {
  Recency: number;
  Frequency: number;
  Monetary: number;
}): Promise<void> {
  const choice = get().segmentsChoice;
  if (!choice) return;
  try {
    const whatIf = await analysisClient.call((api) => api.whatIf(choice, input));
    set({ whatIf });
  } catch (error) {
    set({ error: toUserError(error) });
  }
}

/** Shows an error from any action in the banner (a cancellation shows nothing). */
export function reportError(error: unknown): void {
  set({ error: toUserError(error) });
}

export function setView(view: View): void {
  set({ view });
}

export function dismissError(): void {
  set({ error: null });
}

const baseName = () =>
  (get().file?.name ?? get().prepared?.file.name ?? 'customers').replace(/(\.csv)?(\.gz)?$/i, '');

export async function exportCustomersCsv(): Promise<void> {
  const state = get();
  const choice = state.segmentsChoice;
  if (!state.segmentation || !choice) return;
  let bytes: Uint8Array;
  try {
    bytes = await analysisClient.call((api) =>
      api.exportCustomersCsv({ ...choice, names: namesForK(state) }),
    );
  } catch (error) {
    set({ error: toUserError(error) });
    return;
  }
  saveBytes(bytes, `${baseName()}-segments-k${state.segmentation.k}-customers.csv`, 'text/csv');
}

export function exportSegmentsCsv(): void {
  const { segmentation } = get();
  if (!segmentation) return;
  saveBytes(
    new TextEncoder().encode(segmentsCsv(segmentation.segments)),
    `${baseName()}-segments-k${segmentation.k}.csv`,
    'text/csv',
  );
}

/*
 * The last analysis, kept in this browser (src/store/persist.ts): saved shortly after it changes,
 * brought back on start, wiped by "Forget my data".
 */
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();
/** Bumped by "Forget my data", so a save already under way does not write the data back. */
let saveGeneration = 0;
/** The worker's state changes only when the customers are clustered again: reuse its snapshot. */
let lastSnapshot: { clustering: ClusterView; snapshot: AnalysisSnapshot } | null = null;

function scheduleSave(): void {
  clearTimeout(saveTimer);
  const generation = saveGeneration;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    saving = saveNow(generation);
  }, 300);
}

/** Saves now what is waiting to be saved (before a reload, say) and waits for it. */
export async function flushSave(): Promise<void> {
  if (saveTimer !== undefined) {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    saving = saveNow(saveGeneration);
  }
  await saving;
}

async function saveNow(generation: number): Promise<void> {
  const s = get();
  const { prepared, clustering, segmentation, k } = s;
  if (
    s.phase !== 'results' ||
    s.clusteringBusy ||
    !prepared ||
    !clustering ||
    !segmentation ||
    k === null
  )
    return;
  try {
    if (lastSnapshot?.clustering !== clustering) {
      const snapshot = await analysisClient.call((api) => api.snapshot());
      lastSnapshot = { clustering, snapshot };
    }
    // Another file, another clustering or "Forget my data" while the snapshot was taken.
    if (generation !== saveGeneration || get().clustering !== clustering) return;
    await saveSession({
      version: SESSION_VERSION,
      savedAt: Date.now(),
      fileName: s.file?.name ?? prepared.file.name,
      settings: {
        mapping: s.mapping,
        dateFormat: s.dateFormat,
        nonProductCodes: s.nonProductCodes,
        clusterOptions: s.clusterOptions,
        k,
        segmentNames: s.segmentNames,
        model: s.model,
        dbscan: s.dbscan,
      },
      views: { prepared, clustering, segmentation },
      snapshot: lastSnapshot.snapshot,
    });
  } catch (error) {
    // Not being able to keep the analysis (private mode, storage full) must not disturb it.
    console.warn('Segment: the analysis could not be kept in this browser.', error);
  }
}

/**
 * On start: brings back the last analysis, if one was kept, into the worker and the store, so
 * every screen works again without the file. Leaves the app alone if the user already began.
 */
export async function restoreLastSession(): Promise<boolean> {
  const untouched = () => get().phase === 'start' && get().file === null;
  try {
    const session = await loadSession();
    if (!session || !untouched()) return false;
    const { settings, views } = session;
    await analysisClient.call((api) => api.restore(session.snapshot));
    const model = settings.model ?? 'kmeans';
    const dbscan = settings.dbscan ?? {};
    const names = settings.segmentNames[namesKey(model, settings.k)] ?? {};
    const choice = { k: settings.k, model, dbscan };
    const segmentation = await analysisClient.call((api) => api.segment({ ...choice, names }));
    if (!untouched()) return false;
    lastSnapshot = { clustering: views.clustering, snapshot: session.snapshot };
    set({
      ...initialState,
      phase: 'results',
      mapping: settings.mapping,
      dateFormat: settings.dateFormat,
      nonProductCodes: settings.nonProductCodes,
      clusterOptions: settings.clusterOptions,
      k: settings.k,
      segmentNames: settings.segmentNames,
      model,
      dbscan,
      prepared: views.prepared,
      clustering: views.clustering,
      segmentation,
      segmentsChoice: choice,
      restored: { fileName: session.fileName, savedAt: session.savedAt },
    });
    return true;
  } catch (error) {
    if (isAnalysisError(error) && error.code === 'cancelled') return false;
    console.warn('Segment: the last analysis could not be restored.', error);
    // A record this version cannot use: drop it rather than fail on every start. (A crashed
    // worker, out of memory say, says nothing about the record: keep it for next time.)
    if (!(error instanceof WorkerCrashError)) await clearSession().catch(() => undefined);
    return false;
  }
}

/** Deletes everything this app stored in the browser and goes back to the start screen. */
export async function forgetMyData(): Promise<void> {
  saveGeneration++;
  clearTimeout(saveTimer);
  saveTimer = undefined;
  lastSnapshot = null;
  startOver();
  await clearSession();
}

export function dismissRestored(): void {
  set({ restored: null });
}
