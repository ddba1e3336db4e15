import type { Config } from 'plotly.js';
import { useId, useMemo, useState } from 'react';
import type { PreparedView, SegmentView } from '../../core/results.ts';
import { Plot } from '../../charts/Plot.tsx';
import { groupBySegment, scatterLayout, scatterTraces } from '../../charts/scatter.ts';
import { useNarrow } from './useNarrow.ts';

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
  const narrow = useNarrow();
  const toggleId = useId();
  const { labels, segments } = segmentation;
  // Points depend on the labels only, so a rename reuses them and plotly redraws just the names.
  const groups = useMemo(
    () =>
      groupBySegment(
        {
          ids: customers.ids,
          recency: customers.features.Recency,
          frequency: customers.features.Frequency,
          monetary: customers.features.Monetary,
          labels,
        },
        segmentation.k,
      ),
    [customers, labels, segmentation.k],
  );
  const data = useMemo(() => scatterTraces(groups, segments), [groups, segments]);
  const layout = useMemo(
    () => scatterLayout(logAxes, narrow ? 400 : 580, narrow),
    [logAxes, narrow],
  );

  return (
    <section className="card" aria-labelledby={`${toggleId}-title`}>
      <div className="card-heading">
        <h3 id={`${toggleId}-title`}>Customers in 3D: recency, frequency, monetary</h3>
        <label className="toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={logAxes}
            onChange={(e) => setLogAxes(e.target.checked)}
          />
          Log axes
        </label>
      </div>
      <p className="muted chart-caption">
        Drag to turn, scroll to zoom, click a segment in the legend to hide it. Log axes spread out
        the many small customers; turn them off to see the real distances.
      </p>
      <div data-testid="scatter3d">
        <Plot
          data={data}
          layout={layout}
          label={`3D scatter of ${customers.ids.length} customers by recency, frequency and monetary value, coloured by segment`}
          config={SCATTER_CONFIG}
          className="plot"
        />
      </div>
    </section>
  );
}
