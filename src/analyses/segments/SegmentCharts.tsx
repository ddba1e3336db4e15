import { useMemo } from 'react';
import type { SegmentProfile } from '../../core/cluster/segments.ts';
import { Plot } from '../../charts/Plot.tsx';
import {
  DONUT_LAYOUT,
  donutTrace,
  meanBarsFigure,
  radarLayout,
  radarTraces,
} from '../../charts/segment-charts.ts';
import { useNarrow } from '../../ui/useNarrow.ts';

interface Props {
  segments: readonly SegmentProfile[];
}

export function SegmentDonut({ segments }: Props) {
  const data = useMemo(() => [donutTrace(segments)], [segments]);
  return (
    <section className="card">
      <h3>Customers per segment</h3>
      <Plot
        data={data}
        layout={DONUT_LAYOUT}
        label="Donut chart of the number of customers in each segment"
      />
    </section>
  );
}

export function SegmentRadar({ segments }: Props) {
  const narrow = useNarrow();
  const data = useMemo(() => radarTraces(segments), [segments]);
  const layout = useMemo(() => radarLayout(narrow ? 340 : 360), [narrow]);
  return (
    <section className="card">
      <h3>Segment profiles</h3>
      <Plot
        data={data}
        layout={layout}
        label="Radar chart of each segment's recency, frequency and monetary scores"
      />
      <p className="muted chart-caption">
        Scores are the segment's average percentile among all customers, 0 to 1; for recency, 1
        means bought most recently.
      </p>
    </section>
  );
}

export function SegmentMeans({ segments }: Props) {
  const narrow = useNarrow();
  const figure = useMemo(() => meanBarsFigure(segments, narrow), [segments, narrow]);
  return (
    <section className="card">
      <h3>Average recency, frequency and monetary value</h3>
      <Plot
        data={figure.data}
        layout={figure.layout}
        label="Bar charts of each segment's mean recency in days, frequency in orders and monetary value"
        className="plot plot-fit"
      />
      <p className="muted chart-caption">
        Fewer days since the last purchase is better; more orders and revenue are better.
      </p>
    </section>
  );
}
