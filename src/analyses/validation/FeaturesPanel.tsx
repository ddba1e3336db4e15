import { useId, useMemo } from 'react';
import { pcaVarianceChart } from './validation-charts.ts';
import { Plot } from '../../charts/Plot.tsx';
import type { OutlierHandling } from '../../core/pipeline.ts';
import { recluster } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { FEATURE_LABELS, formatFeature, formatPercent, formatWhole } from '../../ui/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FEATURE_NAMES, type FeatureName } from '../../core/index.ts';

const HANDLING: { value: OutlierHandling; label: string }[] = [
  { value: 'keep', label: 'Keep them as they are' },
  { value: 'cap', label: 'Cap their values at the fences (winsorise)' },
  { value: 'exclude', label: 'Leave them out of fitting, then put each in the nearest segment' },
];

/** PCA of the clustered features, and the outliers with what to do about them. */
export function FeaturesPanel() {
  const report = useApp((s) => s.quality?.report);
  const options = useApp((s) => s.clusterOptions);
  const busy = useApp((s) => s.clusteringBusy);
  const features = useApp((s) => s.prepared?.customers.features);
  const id = useId();
  // Each feature's lowest and highest customer: a fence beyond them leaves no one outside it, and
  // a fence of 3,373 days in a 374-day file would read as nonsense.
  const range = useMemo(() => {
    const out = new Map<FeatureName, { min: number; max: number }>();
    if (features)
      for (const f of FEATURE_NAMES) {
        let min = Infinity;
        let max = -Infinity;
        for (const x of features[f]) {
          if (x < min) min = x;
          if (x > max) max = x;
        }
        out.set(f, { min, max });
      }
    return out;
  }, [features]);
  const variance = useMemo(
    () => (report?.pca ? pcaVarianceChart(report.pca.explainedVarianceRatio) : null),
    [report],
  );
  if (!report) return <p className="busy">Looking at the features…</p>;
  const handling = options.outliers ?? 'keep';

  return (
    <div className="validation-panel grid-2">
      <section className="card" aria-labelledby={`${id}-pca`}>
        <h2 id={`${id}-pca`}>Principal components</h2>
        <p className="muted">
          How much of the spread between customers each combination of the clustered features
          explains. With more than three features, the Segments screen&apos;s 3D view (its “Show in
          3D” button) can show the first three components instead.
        </p>
        {variance && report.pca && (
          <>
            <div data-testid="pca-variance">
              <Plot
                data={variance.data}
                layout={variance.layout}
                className="plot"
                label="Explained variance per principal component"
              />
            </div>
            <div className="table-scroll">
              <DataTable
                testId="pca-loadings"
                rows={report.pca.components}
                rowKey={(_, c) => c}
                columns={[
                  {
                    header: 'Component',
                    rowHeader: true,
                    cell: (_, c) =>
                      `PC${c + 1} (${formatPercent(report.pca!.explainedVarianceRatio[c] ?? 0)})`,
                  },
                  ...report.pca.features.map((f, j) => ({
                    header: FEATURE_LABELS[f],
                    num: true,
                    cell: (row: number[]) => row[j]!.toFixed(2),
                  })),
                ]}
              />
            </div>
          </>
        )}
      </section>
      <section className="card" aria-labelledby={`${id}-outliers`}>
        <h2 id={`${id}-outliers`}>Outliers</h2>
        <p className="muted">
          Customers far from the rest on a feature the segments use: below Q1 − 1.5 × IQR or above
          Q3 + 1.5 × IQR (after the{options.transform === 'log1p' ? ' log' : ''} transform), the
          limits shown in the feature&apos;s own units. &ldquo;None&rdquo; means the limit lies
          beyond every customer, so no one is outside it on that side.
        </p>
        <div className="table-scroll">
          <DataTable
            testId="outlier-report"
            rows={report.outliers.features}
            rowKey={(f) => f.feature}
            columns={[
              { header: 'Feature', cell: (f) => FEATURE_LABELS[f.feature] },
              {
                header: 'Lower fence',
                num: true,
                cell: (f) => {
                  // Behaviour features (growth can be negative) have no range here: as computed.
                  const lowest = range.get(f.feature as FeatureName)?.min ?? -Infinity;
                  return f.lower < lowest
                    ? `none (lowest ${formatFeature(f.feature, lowest)})`
                    : formatFeature(f.feature, f.lower);
                },
              },
              {
                header: 'Upper fence',
                num: true,
                cell: (f) => {
                  const highest = range.get(f.feature as FeatureName)?.max ?? Infinity;
                  return f.upper > highest
                    ? `none (highest ${formatFeature(f.feature, highest)})`
                    : formatFeature(f.feature, f.upper);
                },
              },
              { header: 'Below', num: true, cell: (f) => formatWhole(f.below) },
              { header: 'Above', num: true, cell: (f) => formatWhole(f.above) },
            ]}
            foot={
              <tr>
                <th scope="row">Any feature</th>
                <td className="num" colSpan={4}>
                  {formatWhole(report.outliers.count)} customers (
                  {formatPercent(report.outliers.share)})
                </td>
              </tr>
            }
          />
        </div>
        <fieldset className="validation-radios" disabled={busy} data-testid="outlier-handling">
          <legend>When fitting the segments</legend>
          {HANDLING.map((h) => (
            <label key={h.value}>
              <input
                type="radio"
                name={`${id}-handling`}
                value={h.value}
                checked={handling === h.value}
                onChange={() => void recluster({ ...options, outliers: h.value })}
              />{' '}
              {h.label}
            </label>
          ))}
        </fieldset>
        {busy && <p className="muted">Re-clustering…</p>}
      </section>
    </div>
  );
}
