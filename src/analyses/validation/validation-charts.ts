/**
 * Pure mappers from the validation results (src/core/validation) to plotly charts: the silhouette
 * plot, heatmaps for the confusion matrix, crosstabs and the R x F grid, the dendrogram, the
 * k-distance curve and PCA's explained variance. Segment names may be the user's own text, so
 * every name passes through escapeForPlotly.
 */
import type { Data, Layout } from 'plotly.js';
import type { SilhouetteSummary } from '../../core/validation/silhouette-summary.ts';
import type { Dendrogram } from '../../core/validation/dendrogram.ts';
import { escapeForPlotly } from '../../charts/escape.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';
import { segmentColour } from '../../charts/palette.ts';

const AXIS_GREY = '#5b6776';
const BLUES: [number, string][] = [
  [0, '#f1f6fb'],
  [0.35, '#9ecae1'],
  [0.7, '#3182bd'],
  [1, '#08306b'],
];

/**
 * One horizontal bar per customer (or per evenly spaced order statistic when a segment has more
 * than the summary's bar limit), segments stacked top to bottom with a gap, each sorted from the
 * best fit down; a dashed line at the mean. Bars left of 0 are customers closer to another
 * segment than to their own.
 */
export function silhouettePlot(summary: SilhouetteSummary, names: readonly string[]): ChartSpec {
  const data: Data[] = [];
  const ticks: { at: number; text: string }[] = [];
  let y = 0;
  const gap = 4;
  // The stack's height is in bars; a segment with few customers still gets a readable band.
  const total = summary.segments.reduce((s, seg) => s + seg.bars.length, 0);
  const minimum = Math.max(1, Math.round(total / 60));
  summary.segments.forEach((segment) => {
    if (segment.bars.length === 0) return;
    const name = escapeForPlotly(names[segment.segment] ?? `Segment ${segment.segment + 1}`);
    const height = Math.max(segment.bars.length, minimum);
    const step = height / segment.bars.length;
    const ys = Array.from(segment.bars, (_, i) => y + (i + 0.5) * step);
    data.push({
      type: 'bar',
      orientation: 'h',
      name,
      x: Array.from(segment.bars),
      y: ys,
      width: step,
      marker: { color: segmentColour(segment.segment), line: { width: 0 } },
      hovertemplate: `${name}<br>silhouette %{x:.3f}<extra></extra>`,
    });
    ticks.push({ at: y + height / 2, text: name });
    y += height + gap;
  });
  const layout: Partial<Layout> = {
    showlegend: false,
    bargap: 0,
    margin: { l: 140, r: 16, t: 16, b: 48 },
    xaxis: {
      title: { text: 'Silhouette (1 = clearly in its segment, < 0 = closer to another)' },
      range: [-1, 1],
      zeroline: true,
    },
    yaxis: {
      autorange: 'reversed',
      tickvals: ticks.map((t) => t.at),
      ticktext: ticks.map((t) => t.text),
      showgrid: false,
    },
    shapes: Number.isFinite(summary.mean)
      ? [
          {
            type: 'line',
            x0: summary.mean,
            x1: summary.mean,
            y0: 0,
            y1: 1,
            yref: 'paper',
            line: { color: AXIS_GREY, dash: 'dash', width: 1.5 },
          },
        ]
      : [],
    annotations: Number.isFinite(summary.mean)
      ? [
          {
            x: summary.mean,
            y: 1,
            yref: 'paper',
            yanchor: 'bottom',
            text: `mean ${summary.mean.toFixed(3)}`,
            showarrow: false,
            font: { color: AXIS_GREY },
          },
        ]
      : [],
  };
  return { data, layout };
}

export interface HeatmapInput {
  /** Values coloured, row by row. */
  z: number[][];
  /** Cell text, row by row. */
  text: string[][];
  rows: readonly string[];
  columns: readonly string[];
  xTitle: string;
  yTitle: string;
  hover: string;
  /** Colour range top; default the largest value. */
  zmax?: number;
}

/** A labelled heatmap, first row on top; labels escaped. */
export function labelledHeatmap(input: HeatmapInput): ChartSpec {
  const rows = input.rows.map(escapeForPlotly);
  const columns = input.columns.map(escapeForPlotly);
  const largest = input.z.reduce((m, row) => Math.max(m, ...row), 0);
  const data: Data[] = [
    {
      type: 'heatmap',
      x: columns,
      y: rows,
      z: input.z,
      // Per-cell text (2-D); plotly's types only describe the 1-D form.
      text: input.text as unknown as string[],
      texttemplate: '%{text}',
      // A fixed size: left to fit, plotly shrinks long labels to about 7 px.
      textfont: { size: 12 },
      colorscale: BLUES,
      zmin: 0,
      zmax: input.zmax ?? (largest > 0 ? largest : 1),
      showscale: false,
      xgap: 2,
      ygap: 2,
      hovertemplate: input.hover,
    } as Data,
  ];
  const layout: Partial<Layout> = {
    margin: { l: 150, r: 16, t: 16, b: 110 },
    xaxis: { title: { text: input.xTitle }, side: 'bottom', tickangle: -30, type: 'category' },
    yaxis: { title: { text: input.yTitle }, autorange: 'reversed', type: 'category' },
  };
  return { data, layout };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Counts as a heatmap coloured by row share (where each row's customers went). */
export function rowShareHeatmap(
  counts: readonly (readonly number[])[],
  rowShares: readonly (readonly number[])[],
  rows: readonly string[],
  columns: readonly string[],
  titles: { x: string; y: string },
): ChartSpec {
  return labelledHeatmap({
    z: rowShares.map((row) => [...row]),
    text: rowShares.map((row, r) =>
      row.map((share, c) => (counts[r]![c]! > 0 ? `${percent(share)}` : '')),
    ),
    rows,
    columns,
    xTitle: titles.x,
    yTitle: titles.y,
    zmax: 1,
    hover: `%{y} → %{x}<br>%{z:.1%} of the row<extra></extra>`,
  });
}

/** The dendrogram's U-shapes as one line trace (gaps between shapes), leaves labelled below. */
export function dendrogramChart(dendrogram: Dendrogram, cutHeight: number | null): ChartSpec {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (let s = 0; s < dendrogram.merges.length; s++) {
    for (let j = 0; j < 4; j++) {
      x.push(dendrogram.xs[4 * s + j]!);
      y.push(dendrogram.ys[4 * s + j]!);
    }
    x.push(null);
    y.push(null);
  }
  const leaves = dendrogram.leaves.length;
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      line: { color: '#0a6cbd', width: 1.5 },
      hoverinfo: 'skip',
      connectgaps: false,
    },
  ];
  const layout: Partial<Layout> = {
    showlegend: false,
    margin: { l: 64, r: 16, t: 16, b: 64 },
    xaxis: {
      tickvals: Array.from({ length: leaves }, (_, i) => 5 + 10 * i),
      ticktext: dendrogram.leafLabels.map(escapeForPlotly),
      tickangle: -90,
      showgrid: false,
      zeroline: false,
      title: { text: 'Customers (a number in brackets: that many customers merged below)' },
    },
    yaxis: { title: { text: 'Ward distance' }, rangemode: 'tozero' },
    shapes:
      cutHeight === null
        ? []
        : [
            {
              type: 'line',
              xref: 'paper',
              x0: 0,
              x1: 1,
              y0: cutHeight,
              y1: cutHeight,
              line: { color: '#d55e00', dash: 'dash', width: 1.5 },
            },
          ],
  };
  return { data, layout };
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The sorted k-distance curve with eps marked: customers below the line are core points. */
export function kDistanceChart(curve: Float64Array, eps: number, k: number): ChartSpec {
  const m = curve.length;
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x: Array.from({ length: m }, (_, i) => (m > 1 ? i / (m - 1) : 0)),
      y: Array.from(curve),
      line: { color: '#0a6cbd', width: 2 },
      hovertemplate: `%{x:.0%} of customers have their ${ordinal(k)} neighbour within %{y:.3f}<extra></extra>`,
    },
  ];
  const layout: Partial<Layout> = {
    showlegend: false,
    xaxis: { title: { text: 'Customers, sorted by distance' }, tickformat: '.0%' },
    yaxis: {
      title: { text: `Distance to the ${ordinal(k)} nearest customer` },
      rangemode: 'tozero',
    },
    shapes: [
      {
        type: 'line',
        xref: 'paper',
        x0: 0,
        x1: 1,
        y0: eps,
        y1: eps,
        line: { color: '#d55e00', dash: 'dash', width: 1.5 },
      },
    ],
    annotations: [
      {
        xref: 'paper',
        x: 0.02,
        y: eps,
        yanchor: 'bottom',
        text: `eps ${eps.toFixed(3)}`,
        showarrow: false,
        font: { color: '#d55e00' },
      },
    ],
  };
  return { data, layout };
}

/** Share of the variance each principal component explains, with the running total. */
export function pcaVarianceChart(ratio: readonly number[]): ChartSpec {
  const labels = ratio.map((_, i) => `PC${i + 1}`);
  let running = 0;
  const cumulative = ratio.map((r) => (running += r));
  const data: Data[] = [
    {
      type: 'bar',
      name: 'This component',
      x: labels,
      y: [...ratio],
      marker: { color: '#0a6cbd' },
      text: ratio.map(percent),
      textposition: 'outside',
      hovertemplate: '%{x}: %{y:.1%} of the variance<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'Running total',
      x: labels,
      y: cumulative,
      line: { color: '#1b7f5b' },
      hovertemplate: 'Up to %{x}: %{y:.1%}<extra></extra>',
    },
  ];
  const layout: Partial<Layout> = {
    yaxis: { tickformat: '.0%', range: [0, 1.12], title: { text: 'Share of the variance' } },
    legend: { orientation: 'h', y: -0.2 },
  };
  return { data, layout };
}
