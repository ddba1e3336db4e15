/**
 * The Explore screen's actions. Its three runs (train the autoencoder, compare the learned space
 * with the raw features, draw the map) go one after the other in the worker, a quarter of a
 * second per call, while the screen is shown. Each step lands in the store with the key of what
 * it was computed for, so a result is never shown for other inputs. Stopping is not asking for
 * the next step: the worker, with the analysis in it, carries on answering everything else, and
 * "Continue" resumes where the runs stopped.
 */
import { analysisClient } from '../../bridge/analysis-client.ts';
import { analysisKey, isAnalysisError } from '../../core/index.ts';
import type { ExploreSettings } from '../../worker/analysis.api.ts';
import { reportError } from '../../store/errors.ts';
import { appStore } from '../../store/store.ts';
import type { ExploreStage } from './slice.ts';

const set = appStore.setState;
const get = appStore.getState;
/** Worker time per call: short enough that stopping and other questions feel immediate. */
const BUDGET_MS = 250;

/** The key of each run's inputs, or null when there are no segments yet. */
export function exploreKeys(): { training: string; comparison: string; map: string } | null {
  const { clustering, segmentsChoice: choice, exploreSettings: settings } = get();
  if (!clustering || !choice) return null;
  const { options } = clustering;
  return {
    training: analysisKey(options, 0, ['explore-training', settings.latentDims]),
    comparison: analysisKey(options, choice.k, [
      'explore-comparison',
      choice.model,
      choice.dbscan,
      choice.hdbscan,
      settings,
    ]),
    map: analysisKey(options, 0, 'explore-map'),
  };
}

type Keys = NonNullable<ReturnType<typeof exploreKeys>>;

const finished = (step: { for: string; result: unknown } | null, key: string) =>
  step?.for === key && step.result !== null;

/** Whether any run is missing or was computed for other inputs. */
function stale(keys: Keys): boolean {
  const s = get();
  return !(
    finished(s.exploreTraining, keys.training) &&
    finished(s.exploreComparison, keys.comparison) &&
    finished(s.customerMap, keys.map)
  );
}

/** May the runs go on: results on screen, Explore shown, not stopped. */
const mayRun = () => {
  const s = get();
  return s.phase === 'results' && !s.clusteringBusy && s.view === 'explore' && !s.exploreStopped;
};

/**
 * Asks for steps of one run until it has its result (true) or must stop (false). When its
 * inputs change while a step runs, the step is dropped and the run asked for the new inputs.
 */
async function runStage(stage: ExploreStage, key: (keys: Keys) => string): Promise<boolean> {
  for (;;) {
    const keys = exploreKeys();
    if (!keys || !mayRun()) return false;
    const want = key(keys);
    const { segmentsChoice: choice, exploreSettings: settings } = get();
    if (!choice) return false;
    if (stage === 'training') {
      if (finished(get().exploreTraining, want)) return true;
      set({ exploreStage: stage });
      const step = await analysisClient.call((api) =>
        api.exploreTraining(settings.latentDims, BUDGET_MS),
      );
      if (exploreKeys()?.training === want) set({ exploreTraining: { ...step, for: want } });
    } else if (stage === 'comparing') {
      if (finished(get().exploreComparison, want)) return true;
      set({ exploreStage: stage });
      const step = await analysisClient.call((api) =>
        api.exploreComparison(choice, settings, BUDGET_MS),
      );
      if (exploreKeys()?.comparison === want) set({ exploreComparison: { ...step, for: want } });
    } else {
      if (finished(get().customerMap, want)) return true;
      set({ exploreStage: stage });
      const step = await analysisClient.call((api) => api.customerMap(BUDGET_MS));
      if (exploreKeys()?.map === want) set({ customerMap: { ...step, for: want } });
    }
  }
}

let running: Promise<void> | null = null;

async function runAll(): Promise<void> {
  // The comparison needs the trained autoencoder; the map needs neither but comes last, as the
  // slowest and least essential.
  if (!(await runStage('training', (k) => k.training))) return;
  if (!(await runStage('comparing', (k) => k.comparison))) return;
  await runStage('mapping', (k) => k.map);
}

/** Brings the Explore results up to date with the segments and settings on screen. */
export function refreshExplore(): void {
  const keys = exploreKeys();
  if (running || !keys || !mayRun() || !stale(keys)) return;
  running = runAll().then(
    () => {
      running = null;
      set({ exploreStage: null });
      // Inputs may have changed after their run was done: bring those up to date too.
      refreshExplore();
    },
    (error: unknown) => {
      running = null;
      set({ exploreStage: null, exploreStopped: true });
      if (!(isAnalysisError(error) && error.code === 'cancelled')) reportError(error);
    },
  );
}

/** Stops asking the worker for more; what is done so far stays on screen. */
export function stopExplore(): void {
  set({ exploreStopped: true });
}

export function continueExplore(): void {
  set({ exploreStopped: false });
  refreshExplore();
}

/** Another latent size or HDBSCAN setting: the affected runs start (or resume) for it. */
export function setExploreSettings(change: Partial<ExploreSettings>): void {
  set({ exploreSettings: { ...get().exploreSettings, ...change }, exploreStopped: false });
  refreshExplore();
}
