/**
 * The segments' customers as points: the 2D map the Segments screen opens with (days since the
 * last order against money spent) and the 3D Recency x Frequency x Monetary scatter shown on
 * request. Pure mapping from the columnar customer features and segment labels to plotly traces,
 * one trace per segment.
 */
import type { Data, Layout } from 'plotly.js';
import { escapeForPlotly } from '../../charts/escape.ts';
import { segmentColour } from '../../charts/palette.ts';

export interface ScatterInput {
  ids: readonly string[];
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** Segment number of each customer, indexed like `ids`. */
  labels: Int32Array;
}

/** One segment's customers: coordinates and escaped ids, ready to be a trace's arrays. */
export interface SegmentPoints {
  x: number[];
  y: number[];
  z: number[];
  customdata: string[];
}

/** Past this many points markers shrink, so a dense cloud still shows its shape. */
const DENSE = 20_000;

/**
 * Splits the customers by segment in two passes over the columns (count, then fill preallocated
 * arrays). Plain arrays rather than typed arrays on purpose: `Plotly.react` skips unchanged plain
 * arrays by reference, but treats a typed array as changed on every call, which would redraw all
 * the points when only a segment name changed. The only per-point strings are the escaped ids.
 */
export function groupBySegment(input: ScatterInput, k: number): SegmentPoints[] {
  const { ids, recency, frequency, monetary, labels } = input;
  const n = labels.length;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (label >= 0 && label < k) counts[label]!++;
  }
  const groups = Array.from(counts, (count): SegmentPoints => ({
    x: new Array<number>(count),
    y: new Array<number>(count),
    z: new Array<number>(count),
    customdata: new Array<string>(count),
  }));
  const filled = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < k)) continue;
    const at = filled[c]!++;
    const group = groups[c]!;
    group.x[at] = recency[i]!;
    group.y[at] = frequency[i]!;
    group.z[at] = monetary[i]!;
    group.customdata[at] = escapeForPlotly(ids[i] ?? '');
  }
  return groups;
}

/** What the three axes are: the raw features, or the first three principal components. */
export type ScatterAxes = 'rfm' | 'pca';

const HOVER: Record<ScatterAxes, string> = {
  rfm: 'Customer <b>%{customdata}</b><br>Recency: %{x:,.0f} days<br>Frequency: %{y:,.0f} orders<br>Monetary: %{z:,.2f}',
  pca: 'Customer <b>%{customdata}</b><br>PC1: %{x:.2f}<br>PC2: %{y:.2f}<br>PC3: %{z:.2f}',
};

/**
 * The principal-component coordinates (row-major n x dims, dims >= 3) as three columns, for
 * groupBySegment in place of recency, frequency and monetary.
 */
export function componentColumns(
  projections: Float64Array,
  dims: number,
): { recency: Float64Array; frequency: Float64Array; monetary: Float64Array } {
  const n = dims > 0 ? projections.length / dims : 0;
  const column = (c: number) =>
    Float64Array.from({ length: n }, (_, i) => projections[i * dims + c] ?? 0);
  return { recency: column(0), frequency: column(1), monetary: column(2) };
}

/** One `scatter3d` marker trace per segment, coloured and named (escaped) like everywhere else. */
export function scatterTraces(
  groups: readonly SegmentPoints[],
  segments: readonly { cluster: number; name: string }[],
  axes: ScatterAxes = 'rfm',
): Data[] {
  const total = groups.reduce((sum, g) => sum + g.x.length, 0);
  // Squares a little smaller than the circles were, for the same ink: a square of side s covers
  // 4/pi of a circle of diameter s.
  const size = total > DENSE ? 1.3 : 2.2;
  return segments.map((segment, c): Data => {
    const group = groups[c] ?? { x: [], y: [], z: [], customdata: [] };
    return {
      type: 'scatter3d',
      mode: 'markers',
      name: escapeForPlotly(segment.name),
      x: group.x,
      y: group.y,
      z: group.z,
      customdata: group.customdata,
      // Squares, not circles: plotly draws every 3D marker as the triangles of its symbol's glyph,
      // and the square's few triangles left about 0.45 s less of software rendering (no GPU) per
      // draw of the UCI customers than the circle's many (bench/browser-cpu.mjs, 2 runs each).
      // The segment table's swatches are squares too.
      marker: { size, color: segmentColour(segment.cluster), opacity: 1, symbol: 'square' },
      // Without <extra>, plotly shows the (escaped) trace name beside the label, so a segment name
      // the user typed never goes through hovertemplate's %{...} substitution.
      hovertemplate: HOVER[axes],
    };
  });
}

export function scatterLayout(
  logAxes: boolean,
  height: number,
  narrow = false,
  axes: ScatterAxes = 'rfm',
  /** The least and most spent (`spendRange`): money's log axis is labelled as the map's. */
  spend?: readonly [number, number],
): Partial<Layout> {
  // Components are centred (negative values): never on log axes.
  if (axes === 'pca') logAxes = false;
  const axis = (title: string) => ({
    title: { text: logAxes ? `${title}, log` : title },
    type: logAxes ? ('log' as const) : ('linear' as const),
    // One tick per power of ten: plotly's 2 and 5 minor labels crowd a 3D axis.
    ...(logAxes ? { dtick: 1 } : {}),
    tickformat: '~s',
    backgroundcolor: '#f5f7fa',
    showbackground: true,
    gridcolor: '#dde3ea',
  });
  return {
    height,
    margin: { l: 0, r: 0, t: 8, b: 0 },
    // Keeps the camera where the user left it when the traces or axis types change.
    uirevision: 'rfm-scatter',
    // Under the chart on a phone, where two columns of names fit below the box (first moved there
    // when plotly's toolbar covered the legend's second column; the toolbar now has a strip of
    // its own above the chart, Plot.tsx).
    legend: {
      orientation: 'h',
      x: 0,
      ...(narrow ? { y: -0.02, yanchor: 'top' as const } : { y: 1.02, yanchor: 'bottom' as const }),
      itemsizing: 'constant',
    },
    scene: {
      xaxis: axis(axes === 'pca' ? 'PC1' : narrow ? 'R (days)' : 'Recency (days)'),
      yaxis: axis(axes === 'pca' ? 'PC2' : narrow ? 'F (orders)' : 'Frequency (orders)'),
      zaxis: {
        ...axis(axes === 'pca' ? 'PC3' : narrow ? 'M' : 'Monetary'),
        // 0.5, not d3's "500m", for half a unit; one tick per power of ten as on the other axes.
        ...(logAxes && spend ? moneyLogTicks(spend[0], spend[1], true) : {}),
      },
      aspectmode: 'manual',
      aspectratio: { x: 1, y: 1, z: 0.8 },
      // Far enough that the axis titles fit; further on a phone, where the box is narrow.
      camera: {
        eye: narrow ? { x: 2.1, y: 2.1, z: 1.1 } : { x: 1.4, y: 1.4, z: 0.6 },
        // Looking a little below the middle lifts the box into the free space under the legend;
        // on a phone, whose legend is underneath, a little above it lowers the box from the top
        // edge.
        center: { x: 0, y: 0, z: narrow ? 0.05 : -0.15 },
      },
    },
  };
}

/**
 * From this many customers the 2D map draws with WebGL (`scattergl`), below it as SVG. Measured
 * in headless Chromium with software WebGL (no GPU), plotly's draw to the next painted frame:
 * 4,334 points in 0.37 s as SVG against 0.79 s with WebGL (creating the context and its shaders
 * dominates); 43,340 points in 2.25 s as SVG against 0.95 s with WebGL, and a page holding that
 * many SVG nodes stays slow to scroll.
 */
export const MAP_WEBGL_FROM = 10_000;

const MAP_HOVER =
  'Customer <b>%{customdata}</b><br>Last order: %{x:,.0f} days ago<br>Orders: %{text}<br>Spent: %{y:,.2f}';

/**
 * The 2D map: one marker trace per segment, days since the last order across (x) and money
 * spent up (y). Frequency shows in the hover only (`text`, which plotly does not draw for
 * markers-only traces). The point arrays are the 3D scatter's, so a rename redraws no points.
 */
export function mapTraces(
  groups: readonly SegmentPoints[],
  segments: readonly { cluster: number; name: string }[],
): Data[] {
  const total = groups.reduce((sum, g) => sum + g.x.length, 0);
  const type = total >= MAP_WEBGL_FROM ? 'scattergl' : 'scatter';
  const size = total > DENSE ? 3 : 5;
  return segments.map((segment, c): Data => {
    const group = groups[c] ?? { x: [], y: [], z: [], customdata: [] };
    return {
      type,
      mode: 'markers',
      name: escapeForPlotly(segment.name),
      x: group.x,
      y: group.z,
      // The frequencies as they are: plotly prints a number in `text` as it prints a string (its
      // types say strings only), and no string is made per point.
      text: group.y as unknown as string[],
      customdata: group.customdata,
      marker: { size, color: segmentColour(segment.cluster), opacity: 0.8 },
      hovertemplate: MAP_HOVER,
    };
  });
}

/** A money tick's label: 0.5, 2, 500, 2k, 50k, 1M (no "500m" for half a unit, as '~s' writes). */
export function moneyTickText(value: number): string {
  if (value >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (value >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

/**
 * Ticks for money on a log axis from `low` to `high` (both > 0): each power of ten, from the one
 * at or below `low` to the one at or above `high`, and 2 and 5 times it unless `sparse` (a phone's
 * short axis, where they crowd).
 */
export function moneyLogTicks(
  low: number,
  high: number,
  sparse = false,
): { tickvals: number[]; ticktext: string[] } {
  if (!(low > 0 && high >= low && Number.isFinite(high))) return { tickvals: [], ticktext: [] };
  const tickvals: number[] = [];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++)
    for (const m of sparse ? [1] : [1, 2, 5]) tickvals.push(Number((m * 10 ** e).toPrecision(1)));
  return { tickvals, ticktext: tickvals.map(moneyTickText) };
}

/** The smallest and largest positive amount in the groups' money column (y of the map). */
export function spendRange(groups: readonly SegmentPoints[]): [number, number] {
  let low = Infinity;
  let high = 0;
  for (const { z } of groups)
    for (const v of z)
      if (v > 0) {
        if (v < low) low = v;
        if (v > high) high = v;
      }
  return [low, high];
}

export function mapLayout(
  logSpend: boolean,
  height: number,
  narrow = false,
  /** The least and most spent (`spendRange`), for the log axis's money labels. */
  spend?: readonly [number, number],
): Partial<Layout> {
  return {
    height,
    margin: { l: 56, r: 12, t: 8, b: 48 },
    hovermode: 'closest',
    uirevision: 'segment-map',
    legend: {
      orientation: 'h',
      x: 0,
      ...(narrow ? { y: -0.3, yanchor: 'top' as const } : { y: 1.02, yanchor: 'bottom' as const }),
      itemsizing: 'constant',
    },
    xaxis: {
      title: { text: 'Days since the last order' },
      rangemode: 'tozero',
      zeroline: false,
    },
    yaxis: logSpend
      ? {
          title: { text: 'Spent (log scale)' },
          type: 'log',
          ...(spend ? moneyLogTicks(spend[0], spend[1], narrow) : {}),
        }
      : { title: { text: 'Spent' }, type: 'linear', tickformat: '~s' },
  };
}
