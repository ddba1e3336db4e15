/** Re-clustering, choosing k and the segments, renaming, switching tabs: no file is read. */
import * as Comlink from 'comlink';
import { selectCustomer } from '../analyses/customers/actions.ts';
import { analysisOf } from '../analyses/registry.ts';
import { analysisClient } from '../bridge/analysis-client.ts';
import type { ClusterOptions } from '../core/clustering.ts';
import { carryNames, duplicateName, type GivenName, withNames } from '../core/index.ts';
import type { StageProgress } from '../core/types.ts';
import { reportError, toUserError } from './errors.ts';
import { scheduleSave } from './persistence.ts';
import { appStore, clearedBySegments, namesKey, type View } from './store.ts';

const set = appStore.setState;
const get = appStore.getState;

export const onProgress = Comlink.proxy((progress: StageProgress) => set({ progress }));

/**
 * Records how long a stage took as a User Timing measure (visible in the browser's performance
 * panel, and read by the end-to-end speed test); `detail` carries the worker's own stage times.
 */
export function measure(name: string, start: number, detail?: unknown): void {
  performance.measure(name, { start, end: performance.now(), detail });
}

/**
 * The names the user gave the segments on screen, kept while a new analysis runs (another file
 * mapping, other options) and given back to the segments with the same profile when the new
 * segments arrive (core/cluster/rename-match.ts).
 */
let namesToCarry: GivenName[] | null = null;

/** Remembers the renamed segments on screen before a new analysis clears them. */
export function rememberNames(): void {
  const shown = get().segmentation?.segments ?? [];
  const renamed = shown.filter((s) => s.name !== s.suggestedName);
  if (renamed.length > 0)
    namesToCarry = renamed.map(({ name, suggestedName, scores }) => ({
      name,
      suggestedName,
      scores,
    }));
}

/**
 * The k a new sweep's segments get: the k in use when the sweep has it, else the suggested one.
 * The Choose k charts mark it as soon as the sweep is there, before its segments arrive.
 */
export function kAfterSweep(
  inUse: number | null,
  clustering: { sweep: readonly { k: number }[]; suggestedK: number },
): number {
  return clustering.sweep.find((p) => p.k === inUse)?.k ?? clustering.suggestedK;
}

/** Re-scales and sweeps k with other options; the file is not read again. */
export async function recluster(options: ClusterOptions, signal?: AbortSignal): Promise<void> {
  const started = performance.now();
  rememberNames();
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
    await showSegments(clustering.sweep.length > 0 ? kAfterSweep(get().k, clustering) : 1);
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
    reportError(error);
  }
}

/** The segments of k, from the model in use (k-means unless the user chose another). */
export async function showSegments(k: number): Promise<void> {
  const { model, dbscan, hdbscan } = get();
  const names = get().segmentNames[namesKey(model, k)] ?? {};
  // HDBSCAN's settings only when changed from the defaults (absent = the defaults).
  const choice = { k, model, dbscan, ...(Object.keys(hdbscan).length > 0 && { hdbscan }) };
  let segmentation = await analysisClient.call((api) => api.segment({ ...choice, names }));
  let renamesDropped = get().renamesDropped;
  if (namesToCarry) {
    // The first segments of a new analysis: the user's names follow the profiles they were given to.
    const carried = carryNames(namesToCarry, segmentation.segments);
    namesToCarry = null;
    renamesDropped = carried.dropped;
    const key = namesKey(model, k);
    set((s) => ({ segmentNames: { ...s.segmentNames, [key]: carried.names } }));
    segmentation = { ...segmentation, segments: withNames(segmentation.segments, carried.names) };
  }
  set({ ...clearedBySegments, k, segmentation, segmentsChoice: choice, renamesDropped });
  scheduleSave();
  const selected = get().selectedCustomer;
  if (selected !== null) await selectCustomer(selected);
}

/** Renames a segment; returns why not (another segment has that name), or null when done. */
export function renameSegment(cluster: number, name: string): string | null {
  const { segmentation, segmentNames } = get();
  if (!segmentation) return null;
  const trimmed = name.trim();
  const taken = trimmed === '' ? null : duplicateName(trimmed, cluster, segmentation.segments);
  if (taken) return taken;
  const key = namesKey(segmentation.model, segmentation.k);
  const forK = { ...(segmentNames[key] ?? {}) };
  if (trimmed === '' || trimmed === segmentation.segments[cluster]?.suggestedName)
    delete forK[cluster];
  else forK[cluster] = trimmed;
  set({
    segmentNames: { ...segmentNames, [key]: forK },
    segmentation: { ...segmentation, segments: withNames(segmentation.segments, forK) },
  });
  scheduleSave();
  return null;
}

/** Opens a result screen; an advanced one turns the advanced screens on (its tab must show). */
export function setView(view: View): void {
  set(analysisOf(view).advanced ? { view, advanced: true } : { view });
}

/** Shows or hides the advanced screens; hiding them while one is open goes back to the overview. */
export function setAdvanced(advanced: boolean): void {
  const open = analysisOf(get().view);
  set(advanced || !open.advanced ? { advanced } : { advanced, view: 'overview' });
  scheduleSave();
}
