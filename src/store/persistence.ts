/**
 * The last analysis, kept in this browser (platform.lastAnalysis, IndexedDB) so that closing and
 * reopening the app, online or offline, brings it back: results and the user's choices (the
 * slices' `persists`), never the raw file. Saved shortly after it changes, brought back on start,
 * wiped by "Forget my data".
 */
import { analysisClient, WorkerCrashError } from '../bridge/analysis-client.ts';
import { chartsDrawn } from '../charts/draw-order.ts';
import { isAnalysisError } from '../core/index.ts';
import type { ClusterView, PreparedView, SegmentView } from '../core/results.ts';
import type { AnalysisSnapshot } from '../core/session/session.ts';
import { platform } from '../platform/index.ts';
import { type AppState, appStore, initialState, namesKey, PERSISTED_CHOICES } from './store.ts';

const set = appStore.setState;
const get = appStore.getState;

/** Bump when the record's shape changes; older records are then dropped, not misread. */
export const SESSION_VERSION = 1;

export interface SavedSession {
  version: typeof SESSION_VERSION;
  /** Date.now() of the save. */
  savedAt: number;
  fileName: string;
  /**
   * The choices the slices persist (mapping, dateFormat, nonProductCodes, clusterOptions, k,
   * segmentNames, model, dbscan); model and dbscan are absent in sessions saved before other
   * models could be chosen.
   */
  settings: Partial<AppState> & { k: number };
  views: { prepared: PreparedView; clustering: ClusterView; segmentation: SegmentView };
  /** The worker's state (customers, clustering), restored with `api.restore`. */
  snapshot: AnalysisSnapshot;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();
/** Bumped by "Forget my data", so a save already under way does not write the data back. */
let saveGeneration = 0;
/** The worker's state changes only when the customers are clustered again: reuse its snapshot. */
let lastSnapshot: { clustering: ClusterView; snapshot: AnalysisSnapshot } | null = null;

/**
 * The analysis is kept this long after its last change, once no chart is being drawn: the
 * worker's snapshot (0.7 s of its thread on the UCI file) and the IndexedDB write (on the page's
 * thread) otherwise came just as the charts the k sweep brings were drawn, and slowed them.
 */
const SAVE_AFTER_MS = 2000;

export function scheduleSave(): void {
  clearTimeout(saveTimer);
  const generation = saveGeneration;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    saving = chartsDrawn().then(() => saveNow(generation));
  }, SAVE_AFTER_MS);
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

/**
 * Saves at once when the page is hidden (another tab, the phone's home screen, the tab closing):
 * a phone may stop a hidden page before the two seconds are up, and the change would be lost.
 * Returns the function that stops listening.
 */
export function saveWhenHidden(
  page: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> = document,
): () => void {
  const onChange = () => {
    if (page.visibilityState === 'hidden') void flushSave();
  };
  page.addEventListener('visibilitychange', onChange);
  return () => page.removeEventListener('visibilitychange', onChange);
}

const choicesOf = (s: AppState) =>
  Object.fromEntries(PERSISTED_CHOICES.map((key) => [key, s[key]])) as Partial<AppState>;

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
    const session: SavedSession = {
      version: SESSION_VERSION,
      savedAt: Date.now(),
      fileName: s.file?.name ?? prepared.file.name,
      settings: { ...choicesOf(s), k },
      views: { prepared, clustering, segmentation },
      snapshot: lastSnapshot.snapshot,
    };
    await platform.lastAnalysis.put(session);
  } catch (error) {
    // Not being able to keep the analysis (private mode, storage full) must not disturb it.
    console.warn('Segment: the analysis could not be kept in this browser.', error);
  }
}

/** The saved session, or null when there is none (or it was written by an older version). */
async function loadSession(): Promise<SavedSession | null> {
  const record = (await platform.lastAnalysis.get()) as SavedSession | undefined;
  if (!record) return null;
  if (record.version !== SESSION_VERSION) {
    await platform.lastAnalysis.clear();
    return null;
  }
  return record;
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
    await analysisClient.fresh((api) => api.restore(session.snapshot));
    const model = settings.model ?? 'kmeans';
    const dbscan = settings.dbscan ?? {};
    const names = settings.segmentNames?.[namesKey(model, settings.k)] ?? {};
    const hdbscan = settings.hdbscan ?? {};
    // As showSegments: HDBSCAN's settings only when changed from the defaults.
    const choice = {
      k: settings.k,
      model,
      dbscan,
      ...(Object.keys(hdbscan).length > 0 && { hdbscan }),
    };
    const segmentation = await analysisClient.call((api) => api.segment({ ...choice, names }));
    if (!untouched()) return false;
    lastSnapshot = { clustering: views.clustering, snapshot: session.snapshot };
    set({
      ...initialState,
      ...settings,
      phase: 'results',
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
    if (!(error instanceof WorkerCrashError))
      await platform.lastAnalysis.clear().catch(() => undefined);
    return false;
  }
}

/** Stops any save under way or waiting and deletes what is kept. */
export async function forgetSaved(): Promise<void> {
  saveGeneration++;
  clearTimeout(saveTimer);
  saveTimer = undefined;
  lastSnapshot = null;
  await platform.lastAnalysis.clear();
}

export function dismissRestored(): void {
  set({ restored: null });
}
