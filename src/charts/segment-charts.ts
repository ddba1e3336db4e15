/**
 * Pure mappers from segment profiles to plotly figures: the distribution donut, mean R/F/M bars and
 * the radar of RFM scores, plus the what-if customer's overlay (scores computed in the engine).
 */
import type { Data, Layout } from 'plotly.js';
import type { RfmScores } from '../core/cluster/naming.ts';
import type { SegmentProfile } from '../core/cluster/segments.ts';
import { escapeForPlotly } from './escape.ts';
import { segmentColour } from './palette.ts';

export type SegmentLike = Pick<SegmentProfile, 'cluster' | 'name' | 'size' | 'mean' | 'scores'>;

/**
 * Pie slices and bar categories with the same label merge into one, so names the user made equal
 * get the segment number appended. Returned escaped, ready for plotly.
 */
export function distinctLabels(
  segments: readonly Pick<SegmentProfile, 'cluster' | 'name'>[],
): string[] {
  const seen = new Map<string, number>();
  for (const s of segments) seen.set(s.name, (seen.get(s.name) ?? 0) + 1);
  return segments.map((s) =>
    escapeForPlotly((seen.get(s.name) ?? 0) > 1 ? `${s.name} (${s.cluster + 1})` : s.name),
  );
}

export function donutTrace(segments: readonly SegmentLike[]): Data {
  return {
    type: 'pie',
    hole: 0.55,
    sort: false,
    direction: 'clockwise',
    labels: distinctLabels(segments),
    values: segments.map((s) => s.size),
    marker: {
      colors: segments.map((s) => segmentColour(s.cluster)),
      line: { color: '#ffffff', width: 2 },
    },
    // One decimal, as the segment table shows the shares.
    texttemplate: '%{percent:.1%}',
    hovertemplate: '%{label}<br>%{value:,} customers (%{percent:.1%})<extra></extra>',
  };
}

export const DONUT_LAYOUT: Partial<Layout> = {
  height: 320,
  margin: { l: 8, r: 8, t: 8, b: 8 },
  legend: { orientation: 'v' },
};

const MEAN_PANELS = [
  { feature: 'Recency', title: 'Mean recency (days)', format: ',.0f', unit: ' days' },
  { feature: 'Frequency', title: 'Mean frequency (orders)', format: ',.1f', unit: ' orders' },
  { feature: 'Monetary', title: 'Mean monetary (revenue)', format: ',.2f', unit: '' },
] as const;

/**
 * Mean recency, frequency and monetary value per segment as three horizontal bar panels, each in
 * its own unit (days, orders, money) so none is squashed by another's scale. Side by side with the
 * names once on the left, or stacked on a narrow screen.
 */
export function meanBarsFigure(
  segments: readonly SegmentLike[],
  stacked: boolean,
): { data: Data[]; layout: Partial<Layout> } {
  const labels = distinctLabels(segments);
  const colours = segments.map((s) => segmentColour(s.cluster));
  const data = MEAN_PANELS.map((panel, p): Data => ({
    type: 'bar',
    orientation: 'h',
    name: panel.title,
    y: labels,
    x: segments.map((s) => s.mean[panel.feature]),
    xaxis: p === 0 ? 'x' : `x${p + 1}`,
    yaxis: p === 0 ? 'y' : `y${p + 1}`,
    marker: { color: colours },
    showlegend: false,
    hovertemplate: `%{y}<br>${panel.title}: %{x:${panel.format}}${panel.unit}<extra></extra>`,
  }));
  const rowHeight = Math.max(120, segments.length * 26 + 40);
  const layout: Partial<Layout> & Record<string, unknown> = {
    height: stacked ? rowHeight * 3 + 60 : rowHeight + 30,
    margin: { l: 8, r: 16, t: 28, b: 32 },
    grid: stacked
      ? { rows: 3, columns: 1, pattern: 'independent', ygap: 0.3 }
      : { rows: 1, columns: 3, pattern: 'independent', xgap: 0.08 },
    bargap: 0.25,
  };
  MEAN_PANELS.forEach((panel, p) => {
    const suffix = p === 0 ? '' : String(p + 1);
    layout[`xaxis${suffix}`] = {
      title: { text: panel.title, standoff: 4 },
      tickformat: '~s',
      rangemode: 'tozero',
      automargin: true,
    };
    layout[`yaxis${suffix}`] = {
      // Segment 0 (the most valuable) on top, as in the table.
      autorange: 'reversed',
      automargin: true,
      showticklabels: stacked || p === 0,
    };
  });
  return { data, layout };
}

export const RADAR_AXES = ['Recency', 'Frequency', 'Monetary'] as const;
const RADAR_THETA = [...RADAR_AXES, RADAR_AXES[0]];

/** A closed polygon through the three scores (the first point repeated to close it). */
const closed = (s: RfmScores) => [s.recency, s.frequency, s.monetary, s.recency];

export function radarTraces(segments: readonly SegmentLike[]): Data[] {
  return segments.map((s): Data => ({
    type: 'scatterpolar',
    name: escapeForPlotly(s.name),
    r: closed(s.scores),
    theta: RADAR_THETA,
    fill: 'toself',
    // A light fill keeps the smaller shapes visible under the larger ones.
    fillcolor: `${segmentColour(s.cluster)}26`,
    line: { color: segmentColour(s.cluster), width: 2 },
    marker: { color: segmentColour(s.cluster), size: 5 },
    hovertemplate: '%{theta}: %{r:.2f}',
  }));
}

/** The hypothetical customer drawn over the segment radar: dark and dashed, no fill. */
export function whatIfRadarTrace(scores: RfmScores): Data {
  return {
    type: 'scatterpolar',
    name: 'This customer',
    r: closed(scores),
    theta: RADAR_THETA,
    mode: 'lines+markers',
    line: { color: '#1d2733', width: 3, dash: 'dash' },
    marker: { color: '#1d2733', size: 7 },
    hovertemplate: '%{theta}: %{r:.2f}',
  };
}

/**
 * The legend sits in a bottom margin of its own (up to four rows of names), below the chart, so
 * it never covers the lower spokes' labels; `height` is the chart's, the legend's room is added.
 */
const RADAR_LEGEND_ROOM = 90;

export function radarLayout(height: number): Partial<Layout> {
  return {
    height: height + RADAR_LEGEND_ROOM,
    margin: { l: 40, r: 40, t: 24, b: 24 + RADAR_LEGEND_ROOM },
    polar: {
      // Between the Recency and Frequency spokes, so the tick labels do not sit on a spoke.
      radialaxis: {
        range: [0, 1],
        tickvals: [0.25, 0.5, 0.75, 1],
        angle: 30,
        tickfont: { size: 10, color: '#5b6877' },
      },
      angularaxis: { direction: 'clockwise', rotation: 90 },
    },
    // y 0 is the foot of the chart: anchored by its top, the legend hangs in the margin below.
    legend: { orientation: 'h', x: 0, y: -0.04, yanchor: 'top' },
  };
}

/** A customer's revenue per calendar month, in their segment's colour. Months are `YYYY-MM`. */
export function monthlySpendTrace(
  monthly: readonly { month: string; revenue: number; orders: number }[],
  colour: string,
): Data {
  return {
    type: 'bar',
    x: monthly.map((m) => m.month),
    y: monthly.map((m) => m.revenue),
    customdata: monthly.map((m) => m.orders),
    marker: { color: colour },
    hovertemplate: '%{x|%b %Y}: %{y:,.2f}<br>%{customdata} orders<extra></extra>',
  };
}

export const MONTHLY_LAYOUT: Partial<Layout> = {
  height: 200,
  margin: { l: 48, r: 8, t: 8, b: 36 },
  xaxis: { type: 'date', tickformat: '%b %y', dtick: 'M2' },
  yaxis: { tickformat: '~s', rangemode: 'tozero' },
  bargap: 0.15,
};
