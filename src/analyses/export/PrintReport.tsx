import { useApp } from '../../store/store.ts';
import { SegmentTable } from '../segments/SegmentTable.tsx';
import type { ReportCharts } from './report-charts.ts';
import { reportContent } from './report-content.ts';

/** The one-page printed report. Hidden on screen; print media shows it instead of the tabs. */
export function PrintReport({ charts }: { charts: ReportCharts }) {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  const silhouette = useApp(
    (s) => s.clustering?.sweep.find((p) => p.k === s.segmentation?.k)?.silhouette,
  );
  if (!prepared || !segmentation) return null;
  const content = reportContent(prepared, segmentation, silhouette);

  return (
    <article className="print-report">
      <h1>{content.title}</h1>
      <p className="muted">{content.period}</p>
      <div className="kpis">
        {content.kpis.map(([label, value]) => (
          <div className="kpi" key={label}>
            <span className="kpi-label">{label}</span>
            <span className="kpi-value">{value}</span>
          </div>
        ))}
      </div>
      <SegmentTable segments={segmentation.segments} readOnly />
      <div className="print-charts">
        <img src={charts.donut.url} alt="Customers per segment" />
        <img src={charts.radar.url} alt="Segment profiles" />
        <img
          className="wide"
          src={charts.means.url}
          alt="Mean recency, frequency and monetary per segment"
        />
      </div>
    </article>
  );
}
