/**
 * Saved segmentation models (issue #11): choosing a model file to score with, scoring the file
 * read with it, segmenting without it again, and saving the segments on screen as a model.
 */
import { analysisClient } from '../bridge/analysis-client.ts';
import { isAnalysisError, parseModel } from '../core/index.ts';
import { platform } from '../platform/index.ts';
import { reportError, toUserError } from './errors.ts';
import { scheduleSave } from './persistence.ts';
import { recluster } from './results-actions.ts';
import { appStore, clearedBySegments } from './store.ts';

const set = appStore.setState;
const get = appStore.getState;

/**
 * Reads a model file. One that is not a model, is from a newer version or is damaged gets its own
 * message in the banner and changes nothing (the model chosen before, if any, stays).
 */
export async function chooseModelFile(file: File): Promise<void> {
  try {
    const model = parseModel(await file.text());
    set({ scoringModel: { model, fileName: file.name }, error: null });
  } catch (error) {
    reportError(error);
  }
}

/** Segments without the model again: the k sweep, as for any file. */
export async function dropModel(): Promise<void> {
  set({ scoringModel: null });
  const { phase, prepared, clustering } = get();
  if (phase === 'results' && prepared && clustering?.scoredWith)
    await recluster(get().clusterOptions);
}

/**
 * Puts the customers just read into the chosen model's segments. A model whose features this
 * file cannot provide sends the user back to the Columns screen with the model's message (map
 * the column, or drop the model there); nothing else changes.
 */
export async function scoreWithModel(signal?: AbortSignal): Promise<void> {
  const chosen = get().scoringModel;
  if (!chosen) return;
  try {
    const { clustering, segmentation } = await analysisClient.call(
      (api) => api.scoreWithModel(chosen.model),
      signal,
    );
    const choice = { k: segmentation.k, model: 'kmeans' as const, dbscan: get().dbscan };
    set((s) => ({
      ...clearedBySegments,
      clustering,
      segmentation,
      k: segmentation.k,
      model: 'kmeans',
      segmentsChoice: choice,
      // Choose k is not shown for a scored file: open the segments instead.
      view: s.view === 'k' ? 'segments' : s.view,
      marks: { ...s.marks, clustered: performance.now(), segmented: performance.now() },
    }));
    scheduleSave();
  } catch (error) {
    if (!isAnalysisError(error) || !error.code.startsWith('model-')) throw error;
    set({ phase: 'mapping', prepared: null, progress: null, error: toUserError(error) });
  }
}

/**
 * Downloads the segments on screen as a model file. Returns the share of this file's customers
 * the model keeps in their segment (below 1 for the Gaussian mixture and Ward), or null when
 * nothing was saved (DBSCAN's groups: the banner says why).
 */
export async function saveModel(): Promise<number | null> {
  const { segmentsChoice, nonProductCodes } = get();
  if (!segmentsChoice) return null;
  try {
    const saved = await analysisClient.call((api) =>
      api.saveModel(segmentsChoice, { createdAt: Date.now(), nonProductCodes }),
    );
    platform.saveBytes(new TextEncoder().encode(saved.text), saved.fileName, 'application/json');
    return saved.agreement;
  } catch (error) {
    reportError(error);
    return null;
  }
}
