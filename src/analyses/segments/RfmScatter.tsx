import type { Config } from 'plotly.js';
import { useEffect, useId, useMemo, useState } from 'react';
import type { PreparedView, SegmentView } from '../../core/results.ts';
import { Plot } from '../../charts/Plot.tsx';
import {
  componentColumns,
  groupBySegment,
  type ScatterAxes,
  scatterLayout,
  scatterTraces,
} from './scatter.ts';
import { useApp } from '../../store/store.ts';
import { loadQualityNow } from '../validation/validation-actions.ts';
import { useNarrow } from '../../ui/useNarrow.ts';
import { useTouch } from '../../ui/useTouch.ts';

/**
 * plotly draws WebGL at twice the resolution by default; on a 1x screen that is four times the
 * pixels to render and read back for hover picking, for no visible gain.
 */
const SCATTER_CONFIG: Partial<Config> = {
  plotGlPixelRatio: Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1)),
};

interface Props {
  customers: PreparedView['customers'];
  segmentation: SegmentView;
}

/** Every customer in Recency x Frequency x Monetary space, one colour per segment. */
export function RfmScatter({ customers, segmentation }: Props) {
  const [logAxes, setLogAxes] = useState(true);
  const touch = useTouch();
  const [chosenAxes, setAxes] = useState<ScatterAxes>('rfm');
  const narrow = useNarrow();
  const toggleId = useId();
  const { labels, segments } = segmentation;
  // Principal components are offered when more than three features are clustered.
  const manyFeatures = useApp((s) => (s.clustering?.scaler.features.length ?? 0) > 3);
  const quality = useApp((s) => (s.quality?.for === segmentation ? s.quality : null));
  const axes: ScatterAxes = manyFeatures && chosenAxes === 'pca' ? 'pca' : 'rfm';
  const components = quality?.columns.pcaPoints ?? null;
  const pcaDims = quality?.columns.pcaDims ?? 0;
  useEffect(() => {
    if (axes === 'pca' && !quality) void loadQualityNow();
  }, [axes, quality]);
  // Points depend on the labels only, so a rename reuses them and plotly redraws just the names.
  const groups = useMemo(() => {
    const columns =
      axes === 'pca' && components && pcaDims >= 3
        ? componentColumns(components, pcaDims)
        : {
            recency: customers.features.Recency,
            frequency: customers.features.Frequency,
            monetary: customers.features.Monetary,
          };
    return groupBySegment({ ids: customers.ids, labels, ...columns }, segmentation.k);
  }, [customers, labels, segmentation.k, axes, components, pcaDims]);
  const shownAxes: ScatterAxes = axes === 'pca' && components ? 'pca' : 'rfm';
  const data = useMemo(
    () => scatterTraces(groups, segments, shownAxes),
    [groups, segments, shownAxes],
  );
  const layout = useMemo(
    () => scatterLayout(logAxes, narrow ? 400 : 580, narrow, shownAxes),
    [logAxes, narrow, shownAxes],
  );

  return (
    <section className="card" aria-labelledby={`${toggleId}-title`}>
      <div className="card-heading">
        <h3 id={`${toggleId}-title`}>
          {shownAxes === 'pca'
            ? 'Customers in 3D: the first three principal components'
            : 'Customers in 3D: recency, frequency, monetary'}
        </h3>
        {manyFeatures && (
          <label className="toggle">
            Axes{' '}
            <select
              value={axes}
              data-testid="scatter-axes"
              onChange={(e) => setAxes(e.target.value as ScatterAxes)}
            >
              <option value="rfm">Recency, frequency, monetary</option>
              <option value="pca">First three principal components</option>
            </select>
          </label>
        )}
        <label className="toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={logAxes}
            disabled={shownAxes === 'pca'}
            onChange={(e) => setLogAxes(e.target.checked)}
          />
          Log axes
        </label>
      </div>
      <p className="muted chart-caption">
        {touch
          ? 'Drag to turn, pinch to zoom, tap a segment in the legend to hide it.'
          : 'Drag to turn, scroll to zoom, click a segment in the legend to hide it.'}{' '}
        Log axes spread out the many small customers; turn them off to see the real distances.
      </p>
      <div data-testid="scatter3d">
        <Plot
          data={data}
          layout={layout}
          label={`3D scatter of ${customers.ids.length} customers by ${shownAxes === 'pca' ? 'their first three principal components' : 'recency, frequency and monetary value'}, coloured by segment`}
          config={SCATTER_CONFIG}
          className="plot"
        />
      </div>
    </section>
  );
}
