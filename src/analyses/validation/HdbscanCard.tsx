import { useId, useMemo, useState } from 'react';
import { Plot } from '../../charts/Plot.tsx';
import { DEFAULT_MIN_CLUSTER_SIZE, DEFAULT_MIN_SAMPLES } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent, formatWhole } from '../../ui/format.ts';
import { condensedTreeChart } from './condensed-tree-chart.ts';
import { cancelHdbscan, runHdbscan } from './validation-actions.ts';

/**
 * HDBSCAN's settings, its progress (it runs in a worker of its own, and Cancel stops it at once)
 * and its condensed tree. Its row joins the comparison table when it is done.
 */
export function HdbscanCard() {
  const comparison = useApp((s) => s.comparison);
  const progress = useApp((s) => s.hdbscanProgress);
  const choice = useApp((s) => s.hdbscan);
  const customers = useApp((s) => s.prepared?.totals.customers ?? 0);
  const id = useId();
  const fit = comparison?.hdbscan ?? null;
  const chart = useMemo(() => (fit ? condensedTreeChart(fit.tree) : null), [fit]);
  const minClusterSize = choice.minClusterSize ?? DEFAULT_MIN_CLUSTER_SIZE;
  const minSamples = choice.minSamples ?? DEFAULT_MIN_SAMPLES;

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="hdbscan-card">
      <h2 id={`${id}-title`}>Density tree (HDBSCAN)</h2>
      <p className="muted">
        Finds groups of customers who sit close together, at whatever density each group has, and
        leaves the rest as noise (&quot;no clear segment&quot;). A group needs at least{' '}
        {formatWhole(minClusterSize)} customers; a customer counts as in a dense area when{' '}
        {formatWhole(minSamples)} customers (itself included) are near.
      </p>
      <HdbscanForm
        key={`${minClusterSize}|${minSamples}`}
        minClusterSize={minClusterSize}
        minSamples={minSamples}
        running={progress !== null}
      />
      {progress !== null && (
        <div className="hdbscan-progress" aria-live="polite">
          <progress
            max={1}
            value={progress}
            aria-label="HDBSCAN progress"
            data-testid="hdbscan-progress"
          />{' '}
          {/* A fixed width, so Cancel does not move as the figure grows. */}
          <span className="hdbscan-percent">{formatPercent(progress)}</span> of{' '}
          {formatWhole(customers)} customers{' '}
          <button
            type="button"
            className="secondary"
            data-testid="hdbscan-cancel"
            onClick={cancelHdbscan}
          >
            Cancel
          </button>
        </div>
      )}
      {fit && progress === null && (
        <>
          <p data-testid="hdbscan-summary">
            {fit.clusters === 0
              ? `No dense group of ${formatWhole(fit.minClusterSize)} or more customers: everyone is noise.`
              : `${formatWhole(fit.clusters)} dense ${fit.clusters === 1 ? 'group' : 'groups'}; ${formatWhole(fit.noise)} customers (${formatPercent(fit.noise / Math.max(1, customers))}) fit none.`}
          </p>
          {chart && fit.tree.length > 0 && (
            <div data-testid="condensed-tree">
              <Plot
                data={chart.data}
                layout={chart.layout}
                className="plot"
                label={`HDBSCAN's condensed tree: ${fit.clusters} groups chosen among ${fit.tree.length} candidate clusters`}
              />
            </div>
          )}
          <p className="muted small">
            Each bar is a candidate group, as wide as its customers, from the density where it
            appears to where it splits or fades. Coloured bars are the groups chosen (the ones that
            last longest); grey ones split further or were too small.
          </p>
        </>
      )}
    </section>
  );
}

function HdbscanForm(props: { minClusterSize: number; minSamples: number; running: boolean }) {
  const [sizeText, setSizeText] = useState(String(props.minClusterSize));
  const [samplesText, setSamplesText] = useState(String(props.minSamples));
  const size = Number(sizeText);
  const samples = Number(samplesText);
  const valid = Number.isInteger(size) && size >= 2 && Number.isInteger(samples) && samples >= 1;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void runHdbscan({ minClusterSize: size, minSamples: samples });
      }}
    >
      <label>
        smallest group{' '}
        <input
          type="number"
          step="1"
          min="2"
          value={sizeText}
          data-testid="hdbscan-min-cluster-size"
          onChange={(e) => setSizeText(e.target.value)}
        />
      </label>
      <label>
        neighbours{' '}
        <input
          type="number"
          step="1"
          min="1"
          value={samplesText}
          data-testid="hdbscan-min-samples"
          onChange={(e) => setSamplesText(e.target.value)}
        />
      </label>
      <button type="submit" disabled={!valid || props.running} data-testid="hdbscan-run">
        Run again
      </button>
    </form>
  );
}
