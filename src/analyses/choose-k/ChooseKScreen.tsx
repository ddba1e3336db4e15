import { useId, useMemo, useState } from 'react';
import type { SweepPoint } from '../../core/cluster/sweep.ts';
import type { OutlierHandling } from '../../core/pipeline.ts';
import type { FeatureSetName, Scaling, Transform } from '../../core/types.ts';
import { K_MARK_COLOURS, sweepChart, type SweepMetric } from './k-charts.ts';
import { Plot } from '../../charts/Plot.tsx';
import { cancelAnalysis, chooseK, kAfterSweep, recluster } from '../../store/actions.ts';
import { MetricGlossary } from '../../ui/MetricGlossary.tsx';
import { useApp } from '../../store/store.ts';
import { formatWhole } from '../../ui/format.ts';
import './ChooseKScreen.css';
import { DataTable } from '../../ui/DataTable.tsx';

const FEATURE_SETS: { value: FeatureSetName; label: string }[] = [
  { value: 'rfm', label: 'Recency, frequency, spend (RFM)' },
  { value: 'ext', label: 'RFM + total quantity and distinct products' },
  {
    value: 'beh',
    label: 'Buying behaviour: steadiness, variety, growth, seasonality, months active, regularity',
  },
];
const SCALINGS: { value: Scaling; label: string }[] = [
  { value: 'standard', label: 'Standard (mean and spread)' },
  { value: 'robust', label: 'Robust (median and middle half: ignores extremes)' },
];
const OUTLIERS: { value: OutlierHandling; label: string }[] = [
  { value: 'keep', label: 'Keep them' },
  { value: 'cap', label: 'Cap at the fences' },
  { value: 'exclude', label: 'Leave out of fitting, then assign' },
];
const TRANSFORMS: { value: Transform; label: string }[] = [
  { value: 'log1p', label: 'Log scale (tames a few huge spenders)' },
  { value: 'none', label: 'None (raw values)' },
];

/** Picks k from the sweep and changes what is clustered; the file is never read again. */
export function ChooseKScreen() {
  const clustering = useApp((s) => s.clustering);
  const k = useApp((s) => s.k);
  const busy = useApp((s) => s.clusteringBusy);
  const options = useApp((s) => s.clusterOptions);
  const customers = useApp((s) => s.prepared?.totals.customers ?? 0);
  const progress = useApp((s) => (s.progress?.stage === 'sweep' ? s.progress.fraction : null));
  // The k just picked, shown at once while the worker sends that k's segments.
  const [pendingK, setPendingK] = useState<number | null>(null);
  const id = useId();

  if (!clustering) {
    return (
      <section className="card choosek-waiting" aria-busy="true">
        <h1>Choose the number of segments</h1>
        <p className="busy" aria-live="polite">
          Trying 2 to 10 segments and scoring each…
        </p>
        <div
          className="choosek-bar"
          role="progressbar"
          aria-label="Finding segments"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round((progress ?? 0) * 100)}
        >
          <span style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
        </div>
        <button type="button" className="secondary" data-testid="cancel" onClick={cancelAnalysis}>
          Cancel
        </button>
      </section>
    );
  }

  if (clustering.sweep.length === 0) {
    // Too few distinct customers for any k >= 2: there is no curve to draw, only the reason.
    return (
      <section className="card choosek-none" data-testid="no-segments">
        <h1>Choose the number of segments</h1>
        <p>
          {clustering.warning ??
            'There are too few different customers to split into segments, so all are in one.'}
        </p>
        <p className="muted">
          Add more customers (a longer period or a bigger export) to compare segment counts.
        </p>
      </section>
    );
  }

  const { sweep, suggestedK } = clustering;
  // The k picked, else the one the sweep's segments have or are about to get: marked on the
  // charts from their first draw, which the segments' arrival a moment later would otherwise
  // redraw (about 0.1 s of the page's time, just as the charts first show).
  const shownK = pendingK ?? kAfterSweep(k, clustering);
  // Left out of fitting, outliers are not in the silhouette either (clustering.excluded).
  const fitted = customers - (clustering.excluded ?? 0);
  const sampled =
    sweep[0] && sweep[0].silhouette_sample_size < fitted ? sweep[0].silhouette_sample_size : null;

  const pickK = (value: number) => {
    setPendingK(value);
    void chooseK(value).finally(() => setPendingK((p) => (p === value ? null : p)));
  };

  return (
    <div className="choosek" aria-busy={busy}>
      <h1>Choose the number of segments</h1>
      <p className="muted choosek-intro">
        Every k from {sweep[0]?.k ?? 2} to {sweep[sweep.length - 1]?.k ?? 10} is already fitted, so
        switching is instant. Fewer segments are easier to act on; more segments are tighter.
      </p>

      <section className="card choosek-controls" aria-label="Clustering options">
        <div className="choosek-k">
          <label htmlFor={`${id}-k`}>Number of segments (k)</label>
          <select
            id={`${id}-k`}
            data-testid="k-select"
            value={shownK ?? ''}
            // While re-clustering, the k values of the old sweep are about to be replaced.
            disabled={busy}
            onChange={(e) => pickK(Number(e.target.value))}
          >
            {sweep.map((p) => (
              <option key={p.k} value={p.k}>
                {p.k}
                {p.k === suggestedK ? ' (suggested)' : ''}
              </option>
            ))}
          </select>
        </div>
        <RadioGroup
          legend="Describe customers by"
          name={`${id}-features`}
          choices={FEATURE_SETS}
          value={options.features}
          disabled={busy}
          onChange={(features) => void recluster({ ...options, features })}
        />
        <RadioGroup
          legend="Transform"
          name={`${id}-transform`}
          choices={TRANSFORMS}
          value={options.transform}
          disabled={busy}
          onChange={(transform) => void recluster({ ...options, transform })}
        />
        <RadioGroup
          legend="Scaling"
          name={`${id}-scaling`}
          choices={SCALINGS}
          value={options.scaling}
          disabled={busy}
          onChange={(scaling) => void recluster({ ...options, scaling })}
        />
        <RadioGroup
          legend="Outliers (outside 1.5 × IQR)"
          name={`${id}-outliers`}
          choices={OUTLIERS}
          value={options.outliers ?? 'keep'}
          disabled={busy}
          onChange={(outliers) => void recluster({ ...options, outliers })}
        />
        <p className="choosek-status" aria-live="polite">
          {busy ? 'Re-clustering…' : ''}
        </p>
      </section>

      <div className={busy ? 'grid-2 choosek-charts stale' : 'grid-2 choosek-charts'}>
        <SweepCard
          title="Elbow: how tight the segments are"
          metric="inertia"
          testId="elbow-chart"
          sweep={sweep}
          suggestedK={suggestedK}
          chosenK={shownK}
          caption="Inertia always falls as k grows; look for where the fall flattens."
        />
        <SweepCard
          title="Silhouette: how well they separate"
          metric="silhouette"
          testId="silhouette-chart"
          sweep={sweep}
          suggestedK={suggestedK}
          chosenK={shownK}
          caption="From -1 to 1: near 1, customers sit well inside their own segment."
        />
      </div>
      <p className="choosek-legend">
        <span>
          <span
            className="choosek-mark suggested"
            style={{ borderColor: K_MARK_COLOURS.suggested }}
            aria-hidden="true"
          />{' '}
          Suggested: the elbow of the inertia curve (k = {suggestedK})
        </span>
        <span>
          <span
            className="choosek-mark chosen"
            style={{ background: K_MARK_COLOURS.chosen }}
            aria-hidden="true"
          />{' '}
          Chosen: the k your segments use now
          {shownK === null ? '' : ` (k = ${shownK})`}
        </span>
      </p>

      <SweepTable
        sweep={sweep}
        suggestedK={suggestedK}
        chosenK={shownK}
        sampled={sampled}
        excluded={clustering.excluded ?? 0}
        customers={customers}
      />
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  legend: string;
  name: string;
  choices: { value: T; label: string }[];
  value: T;
  disabled: boolean;
  onChange: (value: T) => void;
}

function RadioGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  disabled,
  onChange,
}: RadioGroupProps<T>) {
  return (
    <fieldset className="choosek-radios" disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

interface SweepCardProps {
  title: string;
  metric: SweepMetric;
  testId: string;
  sweep: SweepPoint[];
  suggestedK: number;
  chosenK: number | null;
  caption: string;
}

function SweepCard({ title, metric, testId, sweep, suggestedK, chosenK, caption }: SweepCardProps) {
  // New data/layout only when an input changes: <Plot> redraws on identity change.
  const chart = useMemo(
    () => sweepChart(sweep, metric, suggestedK, chosenK),
    [sweep, metric, suggestedK, chosenK],
  );
  return (
    <section className="card choosek-chart">
      <h2>{title}</h2>
      <div data-testid={testId}>
        <Plot
          data={chart.data}
          layout={chart.layout}
          className="plot choosek-plot"
          label={`${title}, for k from ${sweep[0]?.k ?? ''} to ${sweep[sweep.length - 1]?.k ?? ''}; suggested k ${suggestedK}${chosenK === null ? '' : `, chosen k ${chosenK}`}`}
        />
      </div>
      <p className="muted choosek-caption">{caption}</p>
    </section>
  );
}

interface SweepTableProps {
  sweep: SweepPoint[];
  suggestedK: number;
  chosenK: number | null;
  sampled: number | null;
  excluded: number;
  customers: number;
}

function SweepTable({ sweep, suggestedK, chosenK, sampled, excluded, customers }: SweepTableProps) {
  return (
    <section className="card" aria-labelledby="sweep-title">
      <h2 id="sweep-title">All the scores</h2>
      <MetricGlossary metrics={['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin']} />
      <p className="muted choosek-caption">Sizes are customers per segment, largest first.</p>
      <div className="table-scroll">
        <DataTable
          className="choosek-table"
          rows={sweep}
          rowKey={(p) => p.k}
          rowProps={(p) => ({
            className: p.k === chosenK ? 'chosen' : undefined,
            'aria-current': p.k === chosenK ? 'true' : undefined,
          })}
          columns={[
            {
              header: 'k',
              rowHeader: true,
              cell: (p) => (
                <>
                  {p.k}
                  {p.k === suggestedK && <span className="choosek-badge">suggested</span>}
                  {p.k === chosenK && <span className="choosek-badge chosen">chosen</span>}
                </>
              ),
            },
            { header: 'Inertia', num: true, cell: (p) => formatWhole(p.inertia) },
            { header: 'Silhouette', num: true, cell: (p) => p.silhouette.toFixed(3) },
            {
              header: 'Calinski-Harabasz',
              num: true,
              cell: (p) => formatWhole(p.calinski_harabasz),
            },
            { header: 'Davies-Bouldin', num: true, cell: (p) => p.davies_bouldin.toFixed(3) },
            {
              header: 'Segment sizes',
              cellClass: 'choosek-sizes',
              cell: (p) => p.sizes.map(formatWhole).join(' · '),
            },
          ]}
        />
      </div>
      {excluded > 0 && (
        <p className="muted choosek-caption">
          {formatWhole(excluded)} outliers were left out of fitting and then put in the nearest
          segment: sizes and inertia count every customer; silhouette, Calinski-Harabasz and
          Davies-Bouldin are those of the {formatWhole(customers - excluded)} customers fitted.
        </p>
      )}
      {sampled !== null && (
        <p className="muted choosek-caption">
          Silhouette is estimated on a random sample of {formatWhole(sampled)} of the{' '}
          {formatWhole(customers - excluded)} customers
          {excluded > 0 ? ' fitted' : ''} (exact scores would take too long; the estimate is within
          about ±0.01).
        </p>
      )}
    </section>
  );
}
