/**
 * Pure mappers from lifetime value to plotly charts: the value bands, value kept and at risk per
 * segment, the calibration check and the P(alive) heatmap. Segment names come from the user or
 * the file's data and are escaped; everything else here is numbers we computed.
 */
import type { Data, Layout } from 'plotly.js';
import type { AliveMatrix, SegmentValue } from '../../core/index.ts';
import { CALIBRATION_TOP_FREQUENCY } from '../../core/index.ts';
import { escapeForPlotly } from '../../charts/escape.ts';
import { segmentColour } from '../../charts/palette.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';

export interface ValueBand {
  /** Values from `from` (inclusive) to `to` (exclusive; Infinity for the last band). */
  from: number;
  to: number;
  label: string;
  customers: number;
  total: number;
}

const short = (x: number) => (x >= 1e6 ? `${x / 1e6}M` : x >= 1e3 ? `${x / 1e3}k` : String(x));

/**
 * Customers by predicted value in bands of 1, 2.5, 5 x a power of ten (values are very skewed:
 * most customers are worth little, a few a lot, so equal-width bins would show one bar). The
 * first band starts at 0 and takes everything below 10; customers without a value are left out.
 */
export function valueBands(values: Float64Array): ValueBand[] {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const edges = [0, 10];
  for (let p = 10; edges.at(-1)! <= max; p *= 10) edges.push(p * 2.5, p * 5, p * 10);
  while (edges.length > 2 && edges.at(-2)! > max) edges.pop();
  const bands = edges.slice(0, -1).map((from, i) => {
    const to = i === edges.length - 2 ? Infinity : edges[i + 1]!;
    const label = to === Infinity ? `${short(from)}+` : `${short(from)}–${short(to)}`;
    return { from, to, label, customers: 0, total: 0 };
  });
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    let b = 0;
    while (b < bands.length - 1 && v >= bands[b]!.to) b++;
    bands[b]!.customers++;
    bands[b]!.total += v;
  }
  // Empty bands below the lowest value say nothing: the chart starts at the first customer.
  const first = bands.findIndex((b) => b.customers > 0);
  return first > 0 ? bands.slice(first) : bands;
}

export function valueBandsChart(bands: readonly ValueBand[]): ChartSpec {
  const data: Data[] = [
    {
      type: 'bar',
      x: bands.map((b) => b.label),
      y: bands.map((b) => b.customers),
      customdata: bands.map((b) => b.total),
      marker: { color: '#3182bd' },
      hovertemplate:
        'Predicted value %{x}<br>%{y} customers, together %{customdata:,.0f}<extra></extra>',
    },
  ];
  const layout: Partial<Layout> = {
    margin: { l: 56, r: 16, t: 16, b: 72 },
    xaxis: { title: { text: 'Predicted value per customer' }, type: 'category', tickangle: -30 },
    yaxis: { title: { text: 'Customers' }, rangemode: 'tozero' },
    bargap: 0.15,
  };
  return { data, layout };
}

/** Per segment, stacked: the value of customers likely still active, and the value at risk. */
export function segmentValueChart(
  rows: readonly SegmentValue[],
  names: readonly string[],
): ChartSpec {
  const x = rows.map((r) => escapeForPlotly(names[r.segment] ?? `Segment ${r.segment + 1}`));
  const data: Data[] = [
    {
      type: 'bar',
      name: 'Value of customers likely to stay',
      x,
      y: rows.map((r) => r.totalClv - r.atRiskClv),
      marker: { color: rows.map((r) => segmentColour(r.segment)) },
      hovertemplate: '%{x}<br>Value of customers likely to stay: %{y:,.0f}<extra></extra>',
    },
    {
      type: 'bar',
      name: 'Value at risk',
      x,
      y: rows.map((r) => r.atRiskClv),
      marker: { color: '#c0392b', pattern: { shape: '/' } },
      hovertemplate: '%{x}<br>Value at risk: %{y:,.0f}<extra></extra>',
    } as Data,
  ];
  const layout: Partial<Layout> = {
    barmode: 'stack',
    margin: { l: 64, r: 16, t: 56, b: 96 },
    xaxis: { type: 'category', tickangle: -30, automargin: true },
    yaxis: { title: { text: 'Predicted value' }, rangemode: 'tozero' },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
  };
  return { data, layout };
}

export const calibrationLabel = (frequency: number) =>
  frequency >= CALIBRATION_TOP_FREQUENCY ? `${CALIBRATION_TOP_FREQUENCY}+` : String(frequency);

/** Actual against predicted purchase days in the holdout, by purchase days before it. */
export function calibrationChart(
  rows: readonly { frequency: number; actual: number; predicted: number }[],
): ChartSpec {
  const x = rows.map((r) => calibrationLabel(r.frequency));
  const data: Data[] = [
    {
      type: 'bar',
      name: 'What happened',
      x,
      y: rows.map((r) => r.actual),
      marker: { color: '#1d2733' },
      hovertemplate: '%{x} repeat days before<br>actual: %{y:.2f} per customer<extra></extra>',
    },
    {
      type: 'bar',
      name: 'What the model predicted',
      x,
      y: rows.map((r) => r.predicted),
      marker: { color: '#6baed6' },
      hovertemplate: '%{x} repeat days before<br>predicted: %{y:.2f} per customer<extra></extra>',
    },
  ];
  const layout: Partial<Layout> = {
    barmode: 'group',
    margin: { l: 56, r: 16, t: 40, b: 72 },
    // Two lines: on a phone the title in one ran past the chart's right edge.
    xaxis: { title: { text: 'Repeat purchase days<br>before the check date' }, type: 'category' },
    yaxis: { title: { text: 'Purchase days after, per customer' }, rangemode: 'tozero' },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
  };
  return { data, layout };
}

/** Red (likely gone) through yellow to green (likely still buying). */
const ALIVE_SCALE: [number, string][] = [
  [0, '#b2182b'],
  [0.5, '#fee08b'],
  [1, '#1a9850'],
];

export function aliveHeatmap(matrix: AliveMatrix): ChartSpec {
  const data: Data[] = [
    {
      type: 'heatmap',
      x: matrix.daysSinceLast,
      y: matrix.frequencies,
      z: matrix.pAlive,
      zmin: 0,
      zmax: 1,
      colorscale: ALIVE_SCALE,
      colorbar: { title: { text: 'Still active' }, tickformat: '.0%', thickness: 12 },
      hovertemplate:
        '%{y} repeat purchase days, the last %{x} days ago:<br>%{z:.0%} chance still active<extra></extra>',
    } as Data,
  ];
  const layout: Partial<Layout> = {
    margin: { l: 64, r: 16, t: 16, b: 56 },
    xaxis: { title: { text: 'Days since the last purchase' } },
    yaxis: { title: { text: 'Repeat purchase days' } },
  };
  return { data, layout };
}
