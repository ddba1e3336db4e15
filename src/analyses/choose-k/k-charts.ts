/**
 * Pure mappers from the k sweep to the elbow (inertia) and silhouette charts. Both mark the
 * suggested k (the elbow of the inertia curve) and the chosen k in the same way, so the two charts
 * read together. Everything here is computed numbers; nothing comes from the file.
 */
import type { Data, Layout, PlotMarker } from 'plotly.js';
import type { SweepPoint } from '../../core/cluster/sweep.ts';

export interface ChartSpec {
  data: Data[];
  layout: Partial<Layout>;
}

export type SweepMetric = 'inertia' | 'silhouette';

/** Colours of the marks, shared with the legend text of the Choose k screen. */
export const K_MARK_COLOURS = {
  line: '#0a6cbd',
  suggested: '#1b7f5b',
  chosen: '#d55e00',
} as const;

const METRIC: Record<SweepMetric, { name: string; axis: string; format: string }> = {
  inertia: { name: 'Inertia', axis: 'Inertia (lower = tighter segments)', format: ',.0f' },
  silhouette: { name: 'Silhouette', axis: 'Silhouette (higher = better separated)', format: '.3f' },
};

function markerTrace(
  point: SweepPoint | undefined,
  metric: SweepMetric,
  name: string,
  marker: Partial<PlotMarker>,
): Data[] {
  if (!point) return [];
  return [
    {
      type: 'scatter',
      mode: 'markers',
      name,
      x: [point.k],
      y: [point[metric]],
      marker,
      hovertemplate: `${name}: k = %{x}<br>${METRIC[metric].name} %{y:${METRIC[metric].format}}<extra></extra>`,
    },
  ];
}

/**
 * One metric of the sweep against k: the curve, then the suggested-k and chosen-k markers (each
 * left out when its k is not in the sweep). The chosen marker is drawn last so it sits on top.
 */
export function sweepChart(
  sweep: readonly SweepPoint[],
  metric: SweepMetric,
  suggestedK: number,
  chosenK: number | null,
): ChartSpec {
  const { name, axis, format } = METRIC[metric];
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: sweep.map((p) => p.k),
      y: sweep.map((p) => p[metric]),
      line: { color: K_MARK_COLOURS.line, width: 2 },
      marker: { color: K_MARK_COLOURS.line, size: 6 },
      hovertemplate: `k = %{x}<br>${name} %{y:${format}}<extra></extra>`,
    },
    ...markerTrace(
      sweep.find((p) => p.k === suggestedK),
      metric,
      'Suggested k',
      {
        symbol: 'diamond-open',
        size: 18,
        color: K_MARK_COLOURS.suggested,
        line: { width: 3, color: K_MARK_COLOURS.suggested },
      },
    ),
    ...markerTrace(
      chosenK === null ? undefined : sweep.find((p) => p.k === chosenK),
      metric,
      'Chosen k',
      {
        symbol: 'circle',
        size: 11,
        color: K_MARK_COLOURS.chosen,
        line: { width: 2, color: '#ffffff' },
      },
    ),
  ];
  const layout: Partial<Layout> = {
    height: 300,
    margin: { l: 64, r: 16, t: 36, b: 48 },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    xaxis: {
      title: { text: 'Number of segments (k)' },
      dtick: 1,
      zeroline: false,
      fixedrange: true,
    },
    yaxis: { title: { text: axis }, zeroline: false, fixedrange: true, automargin: true },
    hovermode: 'closest',
  };
  return { data, layout };
}
