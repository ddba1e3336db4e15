import type { Config } from 'plotly.js';
import { useEffect, useId, useMemo, useState } from 'react';
import type { PreparedView, SegmentView } from '../../core/results.ts';
import { Plot } from '../../charts/Plot.tsx';
import { useScatterGl } from '../../charts/scattergl.ts';
import {
  componentColumns,
  groupBySegment,
  mapLayout,
  mapTraces,
  type ScatterAxes,
  scatterLayout,
  scatterTraces,
  spendRange,
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

/** Which picture of the customers the card shows. */
type View = 'map' | '3d';

/**
 * Every customer as a dot coloured by segment: first a 2D map (days since the last order against
 * money spent), which an owner reads at a glance, draws in a fraction of a second and works with
 * a finger; on request the 3D scatter of recency, frequency and money (or principal components),
 * which under software WebGL (no GPU) took about 1.5 s to draw and held the page meanwhile.
 */
export function RfmScatter({ customers, segmentation }: Props) {
  const [view, setView] = useState<View>('map');
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
    if (view === '3d' && axes === 'pca' && !quality) void loadQualityNow();
  }, [view, axes, quality]);
  // Points depend on the labels only, so a rename reuses them and plotly redraws just the names.
  // The map always shows recency and money; the 3D scatter shares its points unless it shows
  // principal components.
  const rfmGroups = useMemo(
    () =>
      groupBySegment(
        {
          ids: customers.ids,
          labels,
          recency: customers.features.Recency,
          frequency: customers.features.Frequency,
          monetary: customers.features.Monetary,
        },
        segmentation.k,
      ),
    [customers, labels, segmentation.k],
  );
  const groups = useMemo(
    () =>
      axes === 'pca' && components && pcaDims >= 3
        ? groupBySegment(
            { ids: customers.ids, labels, ...componentColumns(components, pcaDims) },
            segmentation.k,
          )
        : rfmGroups,
    [rfmGroups, customers.ids, labels, segmentation.k, axes, components, pcaDims],
  );
  const shownAxes: ScatterAxes = axes === 'pca' && components ? 'pca' : 'rfm';
  const data = useMemo(
    () => scatterTraces(groups, segments, shownAxes),
    [groups, segments, shownAxes],
  );
  const spend = useMemo(() => spendRange(rfmGroups), [rfmGroups]);
  const layout = useMemo(
    () => scatterLayout(logAxes, narrow ? 400 : 580, narrow, shownAxes, spend),
    [logAxes, narrow, shownAxes, spend],
  );
  const mapData = useMemo(() => mapTraces(rfmGroups, segments), [rfmGroups, segments]);
  const mapShape = useMemo(
    () => mapLayout(logAxes, narrow ? 420 : 460, narrow, spend),
    [logAxes, narrow, spend],
  );
  const glMap = mapData.some((trace) => trace.type === 'scattergl');
  const gl = useScatterGl(view === 'map' && glMap);
  const map = view === 'map';
  const logDisabled = !map && shownAxes === 'pca';

  return (
    <section className="card" aria-labelledby={`${toggleId}-title`}>
      <div className="card-heading">
        <h3 id={`${toggleId}-title`}>
          {map
            ? 'Your customers: how recently they bought, how much they spent'
            : shownAxes === 'pca'
              ? 'Customers in 3D: the first three principal components'
              : 'Customers in 3D: recency, frequency, monetary'}
        </h3>
        {!map && manyFeatures && (
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
            disabled={logDisabled}
            onChange={(e) => setLogAxes(e.target.checked)}
          />
          Log scale
        </label>
        <button
          type="button"
          className="secondary"
          data-testid="scatter-view"
          onClick={() => setView(map ? '3d' : 'map')}
        >
          {map ? 'Show in 3D, with frequency' : 'Back to the flat map'}
        </button>
      </div>
      <p className="muted chart-caption">
        {map
          ? `Each dot is a customer: further left bought more recently, higher spent more. ${touch ? 'Tap a dot to see the customer, tap a segment in the legend to hide it.' : 'Point at a dot to see the customer, click a segment in the legend to hide it.'} The log scale spreads out the many small customers; turn it off to see the real amounts.`
          : `${touch ? 'Drag to turn, pinch to zoom, tap a segment in the legend to hide it.' : 'Drag to turn, scroll to zoom, click a segment in the legend to hide it.'} Log scales spread out the many small customers; turn them off to see the real distances.`}
      </p>
      {map && gl.failed && (
        <p className="chart-error" role="alert">
          The map could not be drawn: {gl.failed}
        </p>
      )}
      {map && (!glMap || gl.ready) && (
        <div data-testid="segment-map">
          <Plot
            data={mapData}
            layout={mapShape}
            label={`Map of ${customers.ids.length} customers by days since their last order and money spent, coloured by segment`}
            className="plot"
          />
        </div>
      )}
      {!map && (
        <div data-testid="scatter3d">
          <Plot
            data={data}
            layout={layout}
            label={`3D scatter of ${customers.ids.length} customers by ${shownAxes === 'pca' ? 'their first three principal components' : 'recency, frequency and monetary value'}, coloured by segment`}
            config={SCATTER_CONFIG}
            className="plot"
          />
        </div>
      )}
    </section>
  );
}
