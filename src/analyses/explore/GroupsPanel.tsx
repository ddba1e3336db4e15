import { type FormEvent, useId, useMemo, useState } from 'react';
import { Plot } from '../../charts/Plot.tsx';
import type { GroupingRow } from '../../core/latent/compare.ts';
import { useApp } from '../../store/store.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatPercent, formatWhole } from '../../ui/format.ts';
import { rowShareHeatmap } from '../validation/validation-charts.ts';
import { setExploreSettings } from './actions.ts';

const SPACE_LABEL = { latent: 'Learned summary', raw: 'Raw features' } as const;
const MODEL_LABEL = { hdbscan: 'Dense groups (HDBSCAN)', kmeans: 'k-means' } as const;

/** "Learned summary, dense groups (HDBSCAN)". */
export function groupingLabel(row: Pick<GroupingRow, 'space' | 'model'>): string {
  return `${SPACE_LABEL[row.space]}, ${MODEL_LABEL[row.model].replace(/^D/, 'd')}`;
}

/** Group names of one grouping, as the crosstab and the map show them. */
export function groupNames(row: Pick<GroupingRow, 'space' | 'groups'>): string[] {
  const where = row.space === 'latent' ? 'Learned' : 'Raw';
  return Array.from({ length: row.groups }, (_, g) => `${where} group ${g + 1}`);
}

/** HDBSCAN's two settings, applied together. */
function DensitySettings() {
  const settings = useApp((s) => s.exploreSettings);
  const [size, setSize] = useState(String(settings.minClusterSize));
  const [samples, setSamples] = useState(String(settings.minSamples));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minClusterSize = Math.max(2, Math.round(Number(size)) || settings.minClusterSize);
    const minSamples = Math.max(1, Math.round(Number(samples)) || settings.minSamples);
    setExploreSettings({ minClusterSize, minSamples });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Dense group settings">
      <label>
        Smallest group{' '}
        <input
          type="number"
          min={2}
          value={size}
          data-testid="explore-min-cluster-size"
          onChange={(e) => setSize(e.target.value)}
        />
      </label>
      <label>
        Neighbours that make a dense spot{' '}
        <input
          type="number"
          min={1}
          value={samples}
          data-testid="explore-min-samples"
          onChange={(e) => setSamples(e.target.value)}
        />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}

/** HDBSCAN and k-means on the learned summary next to the raw features. */
export function GroupsPanel() {
  const comparison = useApp((s) => s.exploreComparison);
  const segmentation = useApp((s) => s.segmentation);
  const [shown, setShown] = useState(0);
  const id = useId();
  const result = comparison?.result ?? null;
  const row = result?.rows[shown];
  const crosstab = useMemo(() => {
    if (!row || !segmentation) return null;
    const rows = segmentation.segments.map((s) => s.name);
    const columns = [...groupNames(row), ...(row.noiseCount > 0 ? ['No clear group'] : [])];
    return rowShareHeatmap(row.crosstab.counts, row.crosstab.rowShares, rows, columns, {
      x: groupingLabel(row),
      y: 'Your segment',
    });
  }, [row, segmentation]);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>2. Natural groups: learned summary or raw features?</h2>
      <p className="muted">
        Dense groups (HDBSCAN) are crowds of similar customers; customers in no crowd are left in
        &ldquo;no clear group&rdquo;: unusual, not wrong. k-means instead splits everyone into as
        many groups as you have segments. Stability: each grouping is found again on resampled
        customers; 1 means it comes back the same every time.
      </p>
      <DensitySettings />
      {!result && comparison?.progress && (
        <progress
          max={comparison.progress.total}
          value={comparison.progress.done}
          aria-label="Comparison progress"
        />
      )}
      {!result && <p className="muted">The groups come once the summary is learned.</p>}
      {result && (
        <>
          <ul className="explore-summary" data-testid="explore-summary">
            {result.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="table-scroll">
            <DataTable
              testId="explore-groups-table"
              rows={result.rows}
              rowKey={(r) => `${r.space}-${r.model}`}
              columns={[
                { header: 'Grouping', cell: (r) => groupingLabel(r) },
                { header: 'Groups', num: true, cell: (r) => r.groups },
                {
                  header: 'Sizes',
                  cellClass: 'sizes-cell',
                  cell: (r) => r.sizes.map(formatWhole).join(' · ') || '–',
                },
                {
                  header: 'No clear group',
                  num: true,
                  cell: (r) =>
                    r.noiseCount > 0
                      ? `${formatWhole(r.noiseCount)} (${formatPercent(r.noiseShare)})`
                      : '–',
                },
                {
                  header: 'Stability',
                  cell: (r) => `${r.stability.mean.toFixed(2)} (${r.stability.reading})`,
                },
              ]}
            />
          </div>
          <p className="muted">
            {result.resamples} resamples; dense groups of at least {result.minClusterSize}{' '}
            customers, {result.minSamples} neighbours.
          </p>
          <label className="inline-field">
            Where your segments went in{' '}
            <select
              value={shown}
              data-testid="explore-crosstab-grouping"
              onChange={(e) => setShown(Number(e.target.value))}
            >
              {result.rows.map((r, i) => (
                <option key={i} value={i}>
                  {groupingLabel(r)}
                </option>
              ))}
            </select>
          </label>
          {crosstab && (
            <div data-testid="explore-crosstab">
              <Plot
                data={crosstab.data}
                layout={crosstab.layout}
                className="plot"
                label="Crosstab of your segments against the chosen grouping, as row shares"
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
