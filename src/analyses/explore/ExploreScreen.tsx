import { useId, useMemo } from 'react';
import { Plot } from '../../charts/Plot.tsx';
import { FEATURE_SETS } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent } from '../../ui/format.ts';
import { continueExplore, setExploreSettings, stopExplore } from './actions.ts';
import { CustomerMapPanel } from './CustomerMapPanel.tsx';
import { lossCurveChart } from './explore-charts.ts';
import { GroupsPanel } from './GroupsPanel.tsx';
import './ExploreScreen.css';

const STAGE_TEXT = {
  training: 'Learning a short summary of each customer…',
  comparing: 'Looking for natural groups and checking how stable they are…',
  mapping: 'Drawing the map of customers…',
} as const;

/** Which run is going, with Stop / Continue. */
function ExploreStatus() {
  const stage = useApp((s) => s.exploreStage);
  const stopped = useApp((s) => s.exploreStopped);
  if (stopped)
    return (
      <p className="explore-status" data-testid="explore-status">
        Stopped. What was finished stays below.{' '}
        <button type="button" onClick={continueExplore} data-testid="explore-continue">
          Continue
        </button>
      </p>
    );
  if (!stage) return null;
  return (
    <p className="explore-status busy" data-testid="explore-status">
      {STAGE_TEXT[stage]}{' '}
      <button type="button" onClick={stopExplore} data-testid="explore-stop">
        Stop
      </button>
    </p>
  );
}

/** The autoencoder: its size, its loss curve, and how much of the customers it keeps. */
function LatentPanel() {
  const training = useApp((s) => s.exploreTraining);
  const settings = useApp((s) => s.exploreSettings);
  const features = useApp((s) =>
    s.clustering ? FEATURE_SETS[s.clustering.options.features].length : 0,
  );
  const id = useId();
  const done = training?.result ?? null;
  const progress = training?.progress ?? null;
  const chart = useMemo(() => {
    if (done) return lossCurveChart(done.losses, done.epochs, done.pcaError);
    if (progress) return lossCurveChart(progress.losses, progress.epochs, null);
    return null;
  }, [done, progress]);
  const kept = (error: number) => (done ? Math.max(0, 1 - error / done.baselineError) : 0);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>1. A short summary of each customer</h2>
      <p className="muted">
        A small neural network (an autoencoder) learns to squeeze each customer&apos;s scaled
        features into {settings.latentDims} numbers and to rebuild the customer from them. Where it
        rebuilds them well, those numbers are a faithful summary, and customers with similar
        summaries behave alike.
      </p>
      <label className="inline-field">
        Numbers per customer{' '}
        <select
          value={settings.latentDims}
          data-testid="explore-latent-dims"
          onChange={(e) => setExploreSettings({ latentDims: Number(e.target.value) })}
        >
          <option value={2}>2</option>
          {/* As many numbers as features is no summary: the features themselves would do. */}
          <option value={3} disabled={features <= 3}>
            3
          </option>
        </select>
      </label>
      {features <= 3 && (
        <p className="muted">
          With {features} features, 2 numbers per customer is the only real summary; choose more
          features on the Choose k screen for 3.
        </p>
      )}
      {progress && !done && (
        <progress max={progress.epochs} value={progress.epoch} aria-label="Training progress" />
      )}
      {chart && (
        <div data-testid="explore-loss">
          <Plot
            data={chart.data}
            layout={chart.layout}
            className="plot explore-plot-short"
            label="Training error per pass over the customers, falling as the summary improves"
          />
        </div>
      )}
      {done && (
        <p data-testid="explore-latent-reading">
          The {done.latentDims}-number summary keeps{' '}
          <strong>{formatPercent(kept(done.reconstructionError))}</strong> of the differences
          between customers; the best straight-line summary with as many numbers keeps{' '}
          {formatPercent(kept(done.pcaError))}.
        </p>
      )}
    </section>
  );
}

/**
 * "Explore": an advanced look at the customers: a learned summary of each one, natural groups
 * found in it next to those in the raw features, and a 2D map. The segments used on the other
 * screens do not change here.
 */
export function ExploreScreen() {
  return (
    <div className="explore">
      <h1>Explore your customers</h1>
      <p className="muted explore-intro">
        An advanced view for a second opinion: a learned summary of each customer, the natural
        groups it shows, and a map where similar customers sit close together. Your segments on the
        other screens stay as they are.
      </p>
      <ExploreStatus />
      <div className="explore-panels">
        <LatentPanel />
        <GroupsPanel />
        <CustomerMapPanel />
      </div>
    </div>
  );
}
