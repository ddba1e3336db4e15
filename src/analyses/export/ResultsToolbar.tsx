import { useState } from 'react';
import {
  backToMapping,
  exportCustomersCsv,
  exportSegmentsCsv,
  startOver,
} from '../../store/actions.ts';
import { platform } from '../../platform/index.ts';
import { useApp } from '../../store/store.ts';
import { downloadReportPdf } from './actions.ts';
import { useTouch } from '../../ui/useTouch.ts';
import { type ReportCharts, renderReportCharts } from './report-charts.ts';
import { PrintReport } from './PrintReport.tsx';
import { SaveModelButton } from './SaveModelButton.tsx';
import './ResultsToolbar.css';

/**
 * Exports and navigation above the result tabs. "Print report" draws the key charts as images
 * first (a chart must be laid out to be printed, and the tabs show only one screen), renders a
 * one-page report that only print media shows, then opens the print dialog.
 */
export function ResultsToolbar() {
  const segmentation = useApp((s) => s.segmentation);
  const canRemap = useApp((s) => s.sniff !== null);
  const [exporting, setExporting] = useState(false);
  const [report, setReport] = useState<ReportCharts | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [makingPdf, setMakingPdf] = useState(false);
  const ready = segmentation !== null;
  const touch = useTouch();

  const exportCustomers = async () => {
    setExporting(true);
    try {
      await exportCustomersCsv();
    } finally {
      setExporting(false);
    }
  };

  const print = async () => {
    if (!segmentation) return;
    setPreparing(true);
    try {
      setReport(await renderReportCharts(segmentation.segments));
      // Let React put the report in the page before the dialog freezes it.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      // Removed after printing, so the browser's own Print later shows the current screen, not
      // this report with charts from before a rename or another k.
      platform.printPage(() => setReport(null));
    } finally {
      setPreparing(false);
    }
  };

  const pdf = async () => {
    setMakingPdf(true);
    try {
      await downloadReportPdf();
    } finally {
      setMakingPdf(false);
    }
  };

  return (
    <>
      <div className="results-toolbar no-print" role="toolbar" aria-label="Export and file">
        <div className="toolbar-group">
          <button
            type="button"
            data-testid="export-customers-csv"
            onClick={() => void exportCustomers()}
            disabled={!ready || exporting}
          >
            {exporting ? 'Exporting…' : 'Export customers (CSV)'}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="export-segments-csv"
            onClick={exportSegmentsCsv}
            disabled={!ready}
          >
            Export segments (CSV)
          </button>
          <SaveModelButton disabled={!ready} />
          <button
            type="button"
            className="secondary"
            onClick={() => void print()}
            disabled={!ready || preparing}
          >
            {preparing ? 'Preparing…' : 'Print report'}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="download-pdf"
            onClick={() => void pdf()}
            disabled={!ready || makingPdf}
          >
            {makingPdf ? 'Making the PDF…' : 'Download PDF'}
          </button>
        </div>
        <div className="toolbar-group">
          {/* A restored analysis has no file to re-map: the user drops it again instead. */}
          {canRemap && (
            <button type="button" className="secondary" onClick={backToMapping}>
              Change columns
            </button>
          )}
          <button type="button" className="secondary" onClick={startOver}>
            New file
          </button>
        </div>
        <p className="toolbar-hint muted">
          {touch
            ? 'To save a chart as a picture, tap it, then the camera button above it.'
            : 'To save a chart as a PNG picture, point at it and click the camera button at its top right.'}
        </p>
      </div>
      {report && <PrintReport charts={report} />}
    </>
  );
}
