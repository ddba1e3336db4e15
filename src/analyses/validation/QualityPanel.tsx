import { useMemo } from 'react';
import { labelledHeatmap, silhouettePlot } from './validation-charts.ts';
import { Plot } from '../../charts/Plot.tsx';
import type { ClassificationReport } from '../../core/validation/audit.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent, formatWhole } from '../../ui/format.ts';
import { useSegmentNames } from './useSegmentNames.ts';
import { DataTable } from '../../ui/DataTable.tsx';

/** Stability in detail, the silhouette of every customer, and the classifier audit. */
export function QualityPanel() {
  const quality = useApp((s) => s.quality?.report);
  const stability = useApp((s) => s.stability?.result);
  const names = useSegmentNames();
  const silhouette = useMemo(
    () =>
      quality && quality.silhouette.segments.length > 0
        ? silhouettePlot(quality.silhouette, names)
        : null,
    [quality, names],
  );
  const audit = quality?.audit;
  const confusion = useMemo(() => {
    if (!audit || audit.status !== 'audited') return null;
    const k = audit.k;
    const z = Array.from({ length: k }, (_, r) =>
      Array.from(audit.confusion.subarray(r * k, r * k + k)),
    );
    return labelledHeatmap({
      z,
      text: z.map((row) => row.map((x) => formatWhole(x))),
      rows: names.slice(0, k),
      columns: names.slice(0, k),
      xTitle: 'Predicted by the classifier',
      yTitle: 'Segment',
      hover: '%{z} customers of %{y}<br>predicted as %{x}<extra></extra>',
    });
  }, [audit, names]);

  if (!quality) return <p className="busy">Measuring how well each customer fits…</p>;
  return (
    <div className="validation-panel">
      <section className="card" aria-labelledby="stability-title">
        <h2 id="stability-title">Stability: would the same customers group together again?</h2>
        <p>
          We drew {stability?.resamples ?? 30} new samples of your customers (with replacement),
          segmented each again with the same k, and compared the result with your segments using the
          adjusted Rand index (1 = the same groups, 0 = no better than chance). The verdict looks at
          the spread, not the mean alone: the mean minus one standard deviation above 0.75 is highly
          stable, 0.5 to 0.75 acceptable, below 0.5 unreliable, and it is never highly stable when
          some resample fell below 0.5.
        </p>
        {stability ? (
          <p data-testid="stability-detail">
            Mean <strong>{stability.mean.toFixed(3)}</strong> (standard deviation{' '}
            {stability.std.toFixed(3)}, lowest {stability.min.toFixed(3)}, highest{' '}
            {stability.max.toFixed(3)}): <strong>{stability.reading}</strong>.
          </p>
        ) : (
          <p className="muted">Resampling…</p>
        )}
      </section>

      <section className="card" aria-labelledby="silhouette-plot-title">
        <h2 id="silhouette-plot-title">How well each customer fits its segment</h2>
        <p className="muted">
          One bar per customer
          {quality.silhouette.sampled
            ? ` (of a sample of ${formatWhole(quality.silhouette.sampleSize)})`
            : ''}
          , longest first. Bars left of zero are customers closer to another segment than to their
          own.
        </p>
        {silhouette && (
          <div data-testid="silhouette-plot">
            <Plot
              data={silhouette.data}
              layout={silhouette.layout}
              className="plot validation-plot-tall"
              label="Silhouette plot: one horizontal bar per customer, grouped by segment"
            />
          </div>
        )}
        <DataTable
          testId="silhouette-table"
          rows={quality.silhouette.segments}
          rowKey={(s) => s.segment}
          columns={[
            { header: 'Segment', cell: (s) => names[s.segment] },
            { header: 'Customers', num: true, cell: (s) => formatWhole(s.size) },
            {
              header: 'Mean silhouette',
              num: true,
              cell: (s) => (Number.isFinite(s.mean) ? s.mean.toFixed(3) : '–'),
            },
            {
              header: 'Closer to another segment',
              num: true,
              cell: (s) => `${formatWhole(s.negativeCount)} (${formatPercent(s.negativeShare)})`,
            },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Independent audit: can a classifier find the segments again?</h2>
        <p>
          A multinomial logistic regression learned the segments from the features of 80% of the
          customers and then guessed the segment of the other 20%.{' '}
          <strong>A high score shows the segments are consistent regions</strong>: simple rules on
          the features tell them apart, so a new customer can be placed reliably.{' '}
          <strong>It does not show that the segments are real or useful</strong>: k-means draws
          straight borders, so a linear classifier agrees with it almost by construction, even on
          data with no natural groups. Stability and the business meaning of each segment say more
          about that.
        </p>
        {audit && audit.status === 'audited' ? (
          <div className="grid-2">
            <AuditTable report={audit.report} names={names} />
            {confusion && (
              <div data-testid="confusion-matrix">
                <Plot
                  data={confusion.data}
                  layout={confusion.layout}
                  className="plot"
                  label="Confusion matrix of the held-out customers: true segment against predicted"
                />
              </div>
            )}
          </div>
        ) : (
          <p className="muted">
            {audit?.status === 'one-segment'
              ? 'There is only one segment: nothing to tell apart.'
              : 'Too few customers per segment to hold some out for testing.'}
          </p>
        )}
      </section>
    </div>
  );
}

function AuditTable({ report, names }: { report: ClassificationReport; names: string[] }) {
  const f = (x: number) => x.toFixed(2);
  return (
    <DataTable
      testId="audit-report"
      rows={report.segments}
      rowKey={(_, c) => c}
      columns={[
        { header: 'Segment', cell: (_, c) => names[c] },
        { header: 'Precision', num: true, cell: (s) => f(s.precision) },
        { header: 'Recall', num: true, cell: (s) => f(s.recall) },
        { header: 'F1', num: true, cell: (s) => f(s.f1) },
        { header: 'Support', num: true, cell: (s) => formatWhole(s.support) },
      ]}
      foot={
        <>
          <tr>
            <th scope="row">Accuracy</th>
            <td className="num" colSpan={3} data-testid="audit-accuracy">
              {f(report.accuracy)}
            </td>
            <td className="num">{formatWhole(report.total)}</td>
          </tr>
          {(['macro', 'weighted'] as const).map((avg) => (
            <tr key={avg}>
              <th scope="row">{avg === 'macro' ? 'Macro average' : 'Weighted average'}</th>
              <td className="num">{f(report[avg].precision)}</td>
              <td className="num">{f(report[avg].recall)}</td>
              <td className="num">{f(report[avg].f1)}</td>
              <td className="num">{formatWhole(report[avg].support)}</td>
            </tr>
          ))}
        </>
      }
    />
  );
}
