/** The exports of the segments on screen (two CSVs and the PDF report), saved as downloads. */
import { analysisClient } from '../../bridge/analysis-client.ts';
import * as Comlink from 'comlink';
import { type CustomerExportFormat, segmentsCsv } from '../../core/index.ts';
import { platform } from '../../platform/index.ts';
import { reportError } from '../../store/errors.ts';
import { appStore, namesForK } from '../../store/store.ts';
import { formatDate } from '../../ui/format.ts';
import { renderReportCharts } from './report-charts.ts';
import { reportContent } from './report-content.ts';

const get = appStore.getState;

const baseName = () =>
  (get().file?.name ?? get().prepared?.file.name ?? 'customers').replace(/(\.csv)?(\.gz)?$/i, '');

const FILE_TYPES: Record<CustomerExportFormat, { ending: string; type: string }> = {
  csv: { ending: '.csv', type: 'text/csv' },
  'csv-semicolon': { ending: '-semicolon.csv', type: 'text/csv' },
  xlsx: {
    ending: '.xlsx',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};

/**
 * Saves the customers with their segments: all of them, or `only` those of a filtered view (in
 * its order), named by `part` in the file name (`-segment-2`, `-filtered`).
 */
export async function exportCustomers(
  format: CustomerExportFormat = 'csv',
  view?: { only: Int32Array; part: string },
): Promise<void> {
  const state = get();
  const choice = state.segmentsChoice;
  if (!state.segmentation || !choice) return;
  let bytes: Uint8Array;
  try {
    // A copy crosses to the worker: the view's own array stays with the screen.
    const only = view ? view.only.slice() : undefined;
    bytes = await analysisClient.call((api) =>
      // With each customer's lifetime value (columns left out when it cannot be estimated).
      api.exportCustomers(
        { ...choice, names: namesForK(state) },
        format,
        only ? Comlink.transfer(only, [only.buffer]) : undefined,
        state.clvHorizon,
      ),
    );
  } catch (error) {
    reportError(error);
    return;
  }
  const { ending, type } = FILE_TYPES[format];
  platform.saveBytes(
    bytes,
    `${baseName()}-segments-k${state.segmentation.k}-customers${view?.part ?? ''}${ending}`,
    type,
  );
}

/** The whole customer list as CSV (the toolbar's first button). */
export const exportCustomersCsv = (): Promise<void> => exportCustomers('csv');

export function exportSegmentsCsv(): void {
  const { segmentation } = get();
  if (!segmentation) return;
  platform.saveBytes(
    // The byte order mark makes Excel read UTF-8 (renamed segments may carry accents).
    new TextEncoder().encode(`\uFEFF${segmentsCsv(segmentation.segments)}`),
    `${baseName()}-segments-k${segmentation.k}.csv`,
    'text/csv',
  );
}

/**
 * The one-page report as a PDF, made on the device. The PDF code (jsPDF, its table plugin and
 * the embedded fonts, about 500 KB) is fetched only now, while plotly draws the charts.
 */
export async function downloadReportPdf(): Promise<void> {
  const state = get();
  const { prepared, segmentation } = state;
  if (!prepared || !segmentation) return;
  const silhouette = state.clustering?.sweep.find((p) => p.k === segmentation.k)?.silhouette;
  try {
    const [charts, { reportPdf }] = await Promise.all([
      renderReportCharts(segmentation.segments),
      import('./pdf/report-pdf.ts'),
    ]);
    const content = reportContent(prepared, segmentation, silhouette);
    platform.saveBytes(
      reportPdf(content, charts, formatDate(Date.now())),
      `${baseName()}-segments-k${segmentation.k}-report.pdf`,
      'application/pdf',
    );
  } catch (error) {
    reportError(error);
  }
}
