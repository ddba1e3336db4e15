/** The two CSV exports of the segments on screen, saved as downloads. */
import { analysisClient } from '../../bridge/analysis-client.ts';
import { segmentsCsv } from '../../core/index.ts';
import { platform } from '../../platform/index.ts';
import { reportError } from '../../store/errors.ts';
import { appStore, namesForK } from '../../store/store.ts';

const get = appStore.getState;

const baseName = () =>
  (get().file?.name ?? get().prepared?.file.name ?? 'customers').replace(/(\.csv)?(\.gz)?$/i, '');

export async function exportCustomersCsv(): Promise<void> {
  const state = get();
  const choice = state.segmentsChoice;
  if (!state.segmentation || !choice) return;
  let bytes: Uint8Array;
  try {
    bytes = await analysisClient.call((api) =>
      // With each customer's lifetime value (columns left out when it cannot be estimated).
      api.exportCustomersCsv({ ...choice, names: namesForK(state) }, { clv: state.clvHorizon }),
    );
  } catch (error) {
    reportError(error);
    return;
  }
  platform.saveBytes(
    bytes,
    `${baseName()}-segments-k${state.segmentation.k}-customers.csv`,
    'text/csv',
  );
}

export function exportSegmentsCsv(): void {
  const { segmentation } = get();
  if (!segmentation) return;
  platform.saveBytes(
    new TextEncoder().encode(segmentsCsv(segmentation.segments)),
    `${baseName()}-segments-k${segmentation.k}.csv`,
    'text/csv',
  );
}
