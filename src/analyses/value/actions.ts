/**
 * Lifetime value on the page: asked of the worker when a screen that shows it opens (never before
 * the first charts), kept with the horizon it was computed for, asked again when that changes.
 */
import * as Comlink from 'comlink';
import { analysisClient } from '../../bridge/analysis-client.ts';
import { chartsDrawn } from '../../charts/draw-order.ts';
import {
  type ClvHorizon,
  isAnalysisError,
  slippingCustomers,
  type ValueView,
} from '../../core/index.ts';
import { platform } from '../../platform/index.ts';
import { reportError } from '../../store/errors.ts';
import { appStore, namesForK } from '../../store/store.ts';

const set = appStore.setState;
const get = appStore.getState;

export const horizonKey = (horizon: ClvHorizon) => JSON.stringify(horizon);

const onProgress = Comlink.proxy((fraction: number) => set({ valueProgress: fraction }));
let loading: Promise<void> | null = null;

/** Brings the lifetime value up to date with the horizon chosen; one request at a time. */
export function loadValue(): Promise<void> {
  loading ??= (async () => {
    try {
      for (;;) {
        const { prepared, phase, clvHorizon } = get();
        const key = horizonKey(clvHorizon);
        if (!prepared || phase !== 'results' || get().lifetimeValue?.for === key) return;
        set({ valueProgress: 0 });
        const view = await analysisClient.call<ValueView>((api) =>
          api.lifetimeValue(clvHorizon, onProgress),
        );
        // Another file or run since the question was asked: its answer is not for this one.
        if (get().prepared !== prepared) return;
        set({ lifetimeValue: { ...view, for: key }, valueProgress: null });
      }
    } catch (error) {
      set({ valueProgress: null });
      if (!(isAnalysisError(error) && error.code === 'cancelled')) reportError(error);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/**
 * The same, once every chart is drawn: for screens whose drawing comes first (the segments, the
 * 3D scatter included), so the worker's fit never takes a core from it.
 */
export function loadValueWhenIdle(): void {
  void chartsDrawn().then(loadValue);
}

/** Months from 1 to 120 and a monthly discount from 0 to 50%; other values are ignored. */
export function setClvHorizon(horizon: ClvHorizon): void {
  const { months, monthlyDiscount } = horizon;
  if (!Number.isInteger(months) || months < 1 || months > 120) return;
  if (!(monthlyDiscount >= 0 && monthlyDiscount <= 0.5)) return;
  set({ clvHorizon: { months, monthlyDiscount } });
  void loadValue();
}

export function setAtRiskBelow(threshold: number): void {
  if (threshold > 0 && threshold < 1) set({ atRiskBelow: threshold });
}

/** The "valuable but slipping" customers with their segment and value, as a CSV download. */
export async function exportSlippingCsv(): Promise<void> {
  const state = get();
  const { segmentsChoice: choice, lifetimeValue: value } = state;
  if (!choice || !value?.ok) return;
  const rows = slippingCustomers(value.customers, state.atRiskBelow).customers;
  try {
    const bytes = await analysisClient.call((api) =>
      api.exportCustomers(
        { ...choice, names: namesForK(state) },
        'csv',
        Int32Array.from(rows),
        state.clvHorizon,
      ),
    );
    const base = (state.prepared?.file.name ?? 'customers').replace(/(\.csv)?(\.gz)?$/i, '');
    platform.saveBytes(bytes, `${base}-valuable-but-slipping.csv`, 'text/csv');
  } catch (error) {
    reportError(error);
  }
}
