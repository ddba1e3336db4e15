/** Comparing two periods and exporting who moved, for the segments on screen. */
import { analysisClient } from '../../bridge/analysis-client.ts';
import { moversCsv } from '../../core/index.ts';
import { platform } from '../../platform/index.ts';
import { reportError } from '../../store/errors.ts';
import { scheduleSave } from '../../store/persistence.ts';
import { onProgress } from '../../store/results-actions.ts';
import { appStore } from '../../store/store.ts';

const set = appStore.setState;
const get = appStore.getState;

/** This file cut at the end of `until` (YYYY-MM-DD), or an earlier file, against this file. */
export async function comparePeriods(periods: { until: string } | { earlier: File }) {
  const choice = get().segmentsChoice;
  if (!choice) return;
  set({ comparingPeriods: true, error: null });
  try {
    const comparison = await analysisClient.call((api) =>
      api.comparePeriods(choice, periods, onProgress),
    );
    // Other segments arrived meanwhile: this comparison is of the old ones.
    if (get().segmentsChoice === choice) set({ periodComparison: comparison });
    scheduleSave();
  } catch (error) {
    reportError(error);
  } finally {
    set({ comparingPeriods: false, progress: null });
  }
}

/** The customers who moved to a worse segment or lapsed, as a CSV download. */
export function exportMovers(): void {
  const { periodComparison } = get();
  if (!periodComparison) return;
  const bytes = new TextEncoder().encode(moversCsv(periodComparison.migration));
  const day = new Date().toISOString().slice(0, 10);
  platform.saveBytes(bytes, `segment-movers-${day}.csv`, 'text/csv');
}
