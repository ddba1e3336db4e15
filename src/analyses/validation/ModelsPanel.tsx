import { useId, useMemo, useState } from 'react';
import { dendrogramChart, kDistanceChart, ordinal, rowShareHeatmap } from './validation-charts.ts';
import { Plot } from '../../charts/Plot.tsx';
import { MODEL_LABELS, type ModelName } from '../../core/index.ts';
import { chooseModel, setDbscan } from './validation-actions.ts';
import { MetricGlossary } from '../../ui/MetricGlossary.tsx';
import { useApp } from '../../store/store.ts';
import { formatPercent, formatWhole } from '../../ui/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { HdbscanCard } from './HdbscanCard.tsx';

const metric = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));

/**
 * k-means next to a Gaussian mixture, DBSCAN, Ward and HDBSCAN (once its own worker is done); the
 * user picks whose segments to use.
 */
export function ModelsPanel() {
  const comparison = useApp((s) => s.comparison);
  const model = useApp((s) => s.model);
  const k = useApp((s) => s.k);
  const segmentation = useApp((s) => s.segmentation);
  const kmeansNames = useMemo(
    () => (segmentation?.model === 'kmeans' ? segmentation.segments.map((seg) => seg.name) : null),
    [segmentation],
  );
  const [shown, setShown] = useState<Exclude<ModelName, 'kmeans'>>('gmm');
  const id = useId();

  const row = comparison?.rows.find((r) => r.model === shown);
  const crosstab = useMemo(() => {
    if (!comparison || !row) return null;
    const rows = Array.from(
      { length: comparison.k },
      (_, c) => kmeansNames?.[c] ?? `k-means segment ${c + 1}`,
    );
    const columns = Array.from({ length: row.crosstab.columnTotals.length }, (_, g) =>
      g === row.groups ? 'Noise' : `${MODEL_LABELS[shown]} group ${g + 1}`,
    );
    return rowShareHeatmap(row.crosstab.counts, row.crosstab.rowShares, rows, columns, {
      x: MODEL_LABELS[shown],
      y: 'k-means segment',
    });
  }, [comparison, row, shown, kmeansNames]);
  const dendrogram = useMemo(
    () => (comparison ? dendrogramChart(comparison.ward.dendrogram, null) : null),
    [comparison],
  );
  const kdist = useMemo(
    () =>
      comparison
        ? kDistanceChart(
            comparison.dbscan.kDistances,
            comparison.dbscan.eps,
            comparison.dbscan.minSamples - 1,
          )
        : null,
    [comparison],
  );

  if (k !== null && k < 2)
    return <p className="muted">With a single segment there is nothing to compare.</p>;
  if (!comparison) return <p className="busy">Fitting the other models…</p>;

  return (
    <div className="validation-panel">
      <section className="card" aria-labelledby={`${id}-table`}>
        <h2 id={`${id}-table`}>
          {comparison.rows.length === 5 ? 'Five' : 'Four'} ways to group the same customers
        </h2>
        <p className="muted">
          Each model sees the same scaled features; the scores leave out DBSCAN&apos;s noise. Choose
          a model to use its groups as the segments on every screen and in the exports.
        </p>
        <MetricGlossary metrics={['silhouette', 'calinskiHarabasz', 'daviesBouldin']} />
        <div className="table-scroll">
          <DataTable
            testId="model-table"
            rows={comparison.rows}
            rowKey={(r) => r.model}
            rowProps={(r) => ({ 'data-model': r.model })}
            columns={[
              {
                header: 'Use',
                cell: (r) => (
                  <input
                    type="radio"
                    name={`${id}-model`}
                    checked={model === r.model}
                    disabled={r.groups < 1}
                    data-testid={`use-model-${r.model}`}
                    aria-label={`Use ${MODEL_LABELS[r.model]} as the segments`}
                    onChange={() => void chooseModel(r.model)}
                  />
                ),
              },
              { header: 'Model', cell: (r) => MODEL_LABELS[r.model] },
              { header: 'Groups', num: true, cell: (r) => r.groups },
              {
                header: 'Sizes',
                cellClass: 'sizes-cell',
                cell: (r) => r.sizes.map(formatWhole).join(' · '),
              },
              { header: 'Silhouette', num: true, cell: (r) => metric(r.silhouette, 3) },
              {
                header: 'Calinski-Harabasz',
                num: true,
                cell: (r) => metric(r.calinskiHarabasz, 0),
              },
              { header: 'Davies-Bouldin', num: true, cell: (r) => metric(r.daviesBouldin, 3) },
              {
                header: 'Noise',
                num: true,
                cell: (r) =>
                  r.noiseCount > 0
                    ? `${formatWhole(r.noiseCount)} (${formatPercent(r.noiseShare)})`
                    : '–',
              },
            ]}
          />
        </div>
        <p className="muted">
          Gaussian mixture: {formatWhole(comparison.gmm.borderlineCount)} customers (
          {formatPercent(comparison.gmm.borderlineShare)}) are borderline, with no segment more than{' '}
          {formatPercent(comparison.gmm.threshold)} likely.
        </p>
      </section>

      <section className="card" aria-labelledby={`${id}-crosstab`}>
        <h2 id={`${id}-crosstab`}>Where each k-means segment&apos;s customers went</h2>
        <label className="inline-field">
          Compare with{' '}
          <select
            value={shown}
            data-testid="crosstab-model"
            onChange={(e) => setShown(e.target.value as Exclude<ModelName, 'kmeans'>)}
          >
            {comparison.rows
              .map((r) => r.model)
              .filter((m): m is Exclude<ModelName, 'kmeans'> => m !== 'kmeans')
              .map((m) => (
                <option key={m} value={m}>
                  {MODEL_LABELS[m]}
                </option>
              ))}
          </select>
        </label>
        {crosstab && (
          <div data-testid="model-crosstab">
            <Plot
              data={crosstab.data}
              layout={crosstab.layout}
              className="plot"
              label={`Crosstab of k-means segments against ${MODEL_LABELS[shown]} groups, as row shares`}
            />
          </div>
        )}
      </section>

      <HdbscanCard />

      <div className="grid-2">
        <section className="card" aria-labelledby={`${id}-dbscan`}>
          <h2 id={`${id}-dbscan`}>Density: choosing eps</h2>
          <p className="muted">
            Each customer&apos;s distance to its {ordinal(comparison.dbscan.minSamples - 1)} nearest
            neighbour, sorted. Customers below the dashed line are in dense areas; eps is
            {comparison.dbscan.suggested ? ' read at the bend of the curve' : ' your choice'}.
          </p>
          {kdist && (
            <div data-testid="kdistance-chart">
              <Plot
                data={kdist.data}
                layout={kdist.layout}
                className="plot"
                label="Sorted k-distance curve with eps marked"
              />
            </div>
          )}
          <DbscanForm
            key={`${comparison.dbscan.eps}|${comparison.dbscan.minSamples}`}
            eps={comparison.dbscan.eps}
            minSamples={comparison.dbscan.minSamples}
            suggested={comparison.dbscan.suggested}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-ward`}>
          <h2 id={`${id}-ward`}>Agglomerative (Ward): the tree</h2>
          <p className="muted">
            Customers merged step by step, the closest groups first; cutting the tree at k groups
            gives Ward&apos;s segments.
            {comparison.ward.sampled
              ? ` Built on a sample of ${formatWhole(comparison.ward.sampleSize)} customers; everyone else joins the nearest group.`
              : ''}
          </p>
          {dendrogram && (
            <div data-testid="dendrogram">
              <Plot
                data={dendrogram.data}
                layout={dendrogram.layout}
                className="plot"
                label="Dendrogram of Ward's agglomerative clustering"
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

function DbscanForm({
  eps,
  minSamples,
  suggested,
}: {
  eps: number;
  minSamples: number;
  suggested: boolean;
}) {
  const [epsText, setEpsText] = useState(eps.toFixed(3));
  const [minText, setMinText] = useState(String(minSamples));
  const epsValue = Number(epsText);
  const minValue = Number(minText);
  const valid = epsValue > 0 && Number.isInteger(minValue) && minValue >= 2;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void setDbscan({ eps: epsValue, minSamples: minValue });
      }}
    >
      <label>
        eps{' '}
        <input
          type="number"
          step="any"
          min="0"
          value={epsText}
          data-testid="dbscan-eps"
          onChange={(e) => setEpsText(e.target.value)}
        />
      </label>
      <label>
        min samples{' '}
        <input
          type="number"
          step="1"
          min="2"
          value={minText}
          onChange={(e) => setMinText(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid}>
        Run again
      </button>
      {!suggested && (
        <button type="button" className="secondary" onClick={() => void setDbscan({})}>
          Back to the suggested eps
        </button>
      )}
    </form>
  );
}
