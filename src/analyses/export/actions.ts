/** The exports of the segments on screen (two CSVs and the PDF report), saved as downloads. */
import { analysisClient } from '../../bridge/analysis-client.ts';
import { segmentsCsv } from '../../core/index.ts';
import { platform } from '../../platform/index.ts';
import { reportError } from '../../store/errors.ts';
import { appStore, namesForK } from '../../store/store.ts';
import { formatDate } from '../../ui/format.ts';
import { renderReportCharts } from './report-charts.ts';
import { reportContent } from './report-content.ts';

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
