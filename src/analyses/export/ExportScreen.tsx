import { useId, useMemo, useState } from 'react';
import { exportSegmentsCsv } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { useTouch } from '../../ui/useTouch.ts';
import { formatWhole } from '../../ui/format.ts';
import { CustomerExportButtons } from './CustomerExportButtons.tsx';
import './ExportScreen.css';

/**
 * Everything the owner can take away, in one place: the customer list (all, or one segment) for
 * a marketing or mailing tool in three formats, the segment table, and how to save a chart.
 */
export function ExportScreen() {
  const segmentation = useApp((s) => s.segmentation);
  const hasEmail = useApp((s) => s.prepared?.file.mapping.email !== undefined);
  const hasCountry = useApp((s) => s.prepared?.file.mapping.country !== undefined);
  const touch = useTouch();
  const scopeId = useId();
  const [segment, setSegment] = useState<number | null>(null);
  const chosen = segmentation && segment !== null && segment < segmentation.k ? segment : null;
  const view = useMemo(() => {
    if (!segmentation || chosen === null) return undefined;
    const only: number[] = [];
    segmentation.labels.forEach((label, i) => {
      if (label === chosen) only.push(i);
    });
    return { only: Int32Array.from(only), part: `-segment-${chosen + 1}` };
  }, [segmentation, chosen]);
  if (!segmentation) return <p className="busy">Finding segments…</p>;
  const count = view ? view.only.length : segmentation.labels.length;

  return (
    <div className="export-screen">
      <h1>Take your segments away</h1>
      <section className="card">
        <h2>Customers and their segments</h2>
        <p className="muted">
          One row per customer: id
          {hasEmail ? ', email' : ''}
          {hasCountry ? ', country' : ''}, first and last order date, days since the last order,
          orders, spend, and the segment. Ready for a mailing or marketing tool.
        </p>
        <div className="field export-scope">
          <label htmlFor={scopeId}>Which customers</label>
          <select
            id={scopeId}
            data-testid="export-scope"
            value={chosen ?? ''}
            onChange={(e) => setSegment(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">All customers</option>
            {segmentation.segments.map((s) => (
              <option key={s.cluster} value={s.cluster}>
                Only segment {s.cluster + 1}: {s.name}
              </option>
            ))}
          </select>
        </div>
        <p className="export-count" data-testid="export-count">
          {formatWhole(count)} customers
        </p>
        <CustomerExportButtons testId="export-file" view={view} />
        <p className="muted export-note">
          Pick <strong>CSV with ;</strong> if your Excel expects semicolons and decimal commas (as
          in most of Europe). The Customers tab exports a search or a filtered list.
        </p>
      </section>
      <section className="card">
        <h2>The segment table</h2>
        <p className="muted">
          Each segment's size, revenue, averages and suggested action, as on the Segments tab.
        </p>
        <button type="button" className="secondary" onClick={exportSegmentsCsv}>
          Segments (CSV)
        </button>
      </section>
      <section className="card">
        <h2>Charts and report</h2>
        <p className="muted">
          {touch
            ? 'To save a chart as a picture, tap the chart, then the camera button above it.'
            : 'To save a chart as a PNG picture, point at the chart and click the camera button at its top right.'}{' '}
          “Print report” above the tabs makes a one-page summary you can print or save as PDF.
        </p>
      </section>
    </div>
  );
}
