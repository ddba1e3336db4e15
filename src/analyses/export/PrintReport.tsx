import { useApp } from '../../store/store.ts';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { SegmentTable } from '../segments/SegmentTable.tsx';
import type { ReportCharts } from './report-charts.ts';

/** The one-page printed report. Hidden on screen; print media shows it instead of the tabs. */
export function PrintReport({ charts }: { charts: ReportCharts }) {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  const silhouette = useApp(
    (s) => s.clustering?.sweep.find((p) => p.k === s.segmentation?.k)?.silhouette,
  );
  if (!prepared || !segmentation) return null;
  const { totals } = prepared;
  const kpis: [string, string][] = [
    ['Customers', formatWhole(totals.customers)],
    ['Order lines', formatWhole(totals.orderLines)],
    ['Revenue', formatMoney(totals.revenue)],
    ['Segments', String(segmentation.k)],
    ['Mean recency', `${formatWhole(totals.meanRecency)} days`],
    ['Mean frequency', totals.meanFrequency.toFixed(1)],
    ['Mean monetary', formatMoney(totals.meanMonetary)],
  ];
  if (silhouette !== undefined) kpis.push(['Silhouette', silhouette.toFixed(3)]);

  return (
    <article className="print-report">
      <h1>Customer segments: {prepared.file.name}</h1>
      <p className="muted">
        {new Date(prepared.dateMin).toISOString().slice(0, 10)} to{' '}
        {new Date(prepared.dateMax).toISOString().slice(0, 10)}.{' '}
        {formatPercent(prepared.cleaning.rows_kept / Math.max(1, prepared.cleaning.rows_in))} of the
        order lines kept after cleaning.
      </p>
      <div className="kpis">
        {kpis.map(([label, value]) => (
          <div className="kpi" key={label}>
            <span className="kpi-label">{label}</span>
            <span className="kpi-value">{value}</span>
          </div>
        ))}
      </div>
      <SegmentTable segments={segmentation.segments} readOnly />
      <div className="print-charts">
        <img src={charts.donut} alt="Customers per segment" />
        <img src={charts.radar} alt="Segment profiles" />
        <img
          className="wide"
          src={charts.means}
          alt="Mean recency, frequency and monetary per segment"
        />
      </div>
    </article>
  );
}
