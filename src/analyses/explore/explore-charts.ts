/**
 * Pure mappers from the Explore results to plotly charts: the autoencoder's loss curve and the
 * customer map. Segment names and customer ids come from the user's file or typing, so every
 * text shown passes through escapeForPlotly.
 */
import type { Data, Layout } from 'plotly.js';
import { escapeForPlotly } from '../../charts/escape.ts';
import { segmentColour } from '../../charts/palette.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';

const AXIS_GREY = '#5b6776';
export const NOISE_COLOUR = '#b8c0c8';

/**
 * Ticks at 1, 2 and 5 times the powers of ten from just below the smallest positive value to
 * just above the largest: plotly's own log ticks label every minor step, a clutter of digits.
 */
export function logTicks(values: readonly number[]): { tickvals: number[]; ticktext: string[] } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return { tickvals: [], ticktext: [] };
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.ceil(Math.log10(Math.max(...positive)));
  const tickvals: number[] = [];
  for (let e = low; e <= high; e++)
    for (const m of [1, 2, 5]) tickvals.push(Number((m * 10 ** e).toPrecision(1)));
  return { tickvals, ticktext: tickvals.map(String) };
}

/**
 * Reconstruction error per training pass (log scale), with a dashed line at what the best straight-line
 * summary (PCA with as many numbers) achieves, when known.
 */
export function lossCurveChart(
  losses: ArrayLike<number>,
  epochs: number,
  pcaError: number | null,
): ChartSpec {
  const x = Array.from({ length: losses.length }, (_, i) => i + 1);
  // A summary with as many numbers as features is exact for PCA (error ~1e-30): no line for it,
  // or the log axis would run down to it.
  const last = losses[losses.length - 1] ?? 0;
  const baseline = pcaError !== null && pcaError > 1e-9 * last ? pcaError : null;
  const values = [...Array.from(losses), ...(baseline === null ? [] : [baseline])];
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'Learned summary',
      x,
      y: Array.from(losses),
      line: { color: segmentColour(0), width: 2 },
      hovertemplate: 'Pass %{x}<br>error %{y:.4f}<extra></extra>',
    },
  ];
  if (baseline !== null)
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'Best straight-line summary',
      x: [1, epochs],
      y: [baseline, baseline],
      line: { color: AXIS_GREY, width: 1.5, dash: 'dash' },
      hovertemplate: 'Best straight-line summary<br>error %{y:.4f}<extra></extra>',
    });
  const layout: Partial<Layout> = {
    showlegend: true,
    legend: { orientation: 'h', y: 1.12, x: 0 },
    margin: { l: 56, r: 16, t: 40, b: 48 },
    xaxis: { title: { text: 'Training pass' }, range: [1, Math.max(2, epochs)] },
    // Log scale: the first passes' error is many times the final one, and the last passes'
    // small gains (and the gap to the straight-line summary) would be flat on a linear axis.
    yaxis: { title: { text: 'Error (lower is better)' }, type: 'log', ...logTicks(values) },
  };
  return { data, layout };
}

/** How the map's dots are coloured: a group per customer (-1: no group) and the groups' names. */
export interface MapColouring {
  /** Per customer of the table (not only those on the map). */
  labels: Int32Array;
  names: readonly string[];
  /** Legend entry of customers with label -1. */
  noiseName: string;
}

export interface MapInput {
  customers: Int32Array;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * One WebGL scatter trace per group (so the legend names them and a click hides one), noise
 * first so the groups are drawn over it. Hover: the customer's id, group and the lines of
 * `describe` (recency, frequency, spend).
 */
export function customerMapChart(
  map: MapInput,
  colouring: MapColouring,
  ids: readonly string[],
  describe: (customer: number) => string,
): ChartSpec {
  const groups = new Map<number, number[]>();
  map.customers.forEach((customer, r) => {
    const label = colouring.labels[customer] ?? -1;
    const group = label < 0 ? -1 : label;
    let rows = groups.get(group);
    if (!rows) groups.set(group, (rows = []));
    rows.push(r);
  });
  const order = [...groups.keys()].sort((a, b) => a - b);
  const data: Data[] = order.map((group) => {
    const rows = groups.get(group)!;
    const name = escapeForPlotly(
      group < 0 ? colouring.noiseName : (colouring.names[group] ?? `Group ${group + 1}`),
    );
    return {
      type: 'scattergl',
      mode: 'markers',
      name: `${name} (${rows.length})`,
      x: rows.map((r) => map.x[r]!),
      y: rows.map((r) => map.y[r]!),
      text: rows.map((r) => {
        const customer = map.customers[r]!;
        return `Customer ${escapeForPlotly(ids[customer] ?? '')}<br>${name}<br>${describe(customer)}`;
      }),
      hovertemplate: '%{text}<extra></extra>',
      marker: {
        size: group < 0 ? 4 : 5,
        color: group < 0 ? NOISE_COLOUR : segmentColour(group),
        opacity: group < 0 ? 0.6 : 0.85,
      },
    } as Data;
  });
  const hidden = { showticklabels: false, showgrid: false, zeroline: false, title: { text: '' } };
  const layout: Partial<Layout> = {
    showlegend: true,
    legend: { orientation: 'h', y: -0.05, x: 0, yanchor: 'top' },
    margin: { l: 8, r: 8, t: 8, b: 8 },
    hovermode: 'closest',
    xaxis: hidden,
    yaxis: { ...hidden, scaleanchor: 'x' },
  };
  return { data, layout };
}
