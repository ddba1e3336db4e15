/**
 * Pure mappers from a migration matrix (core/model/migration.ts) to what the Changes screen
 * draws: the earlier -> later heatmap, a Sankey of the same flows and the table of flows. Segment
 * names can be the user's own text, so they are escaped before plotly renders them.
 */
import type { Data, Datum, Layout } from 'plotly.js';
import type { MigrationMatrix } from '../../core/index.ts';
import { escapeForPlotly } from '../../charts/escape.ts';
import { segmentColour } from '../../charts/palette.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';

const OUTSIDE = '#9e9e9e';
const money = (x: number) => Math.round(x).toLocaleString('en-US');

/** Row labels (earlier segments, then new) and column labels (later segments, then lapsed). */
export function flowLabels(matrix: Pick<MigrationMatrix, 'segments'>) {
  const names = matrix.segments.map(escapeForPlotly);
  return { from: [...names, 'New customers'], to: [...names, 'Lapsed'] };
}

export type FlowKind = 'same' | 'better' | 'worse' | 'new' | 'lapsed';

export interface Flow {
  from: number;
  to: number;
  customers: number;
  /** Revenue of these customers in the later period, and in the earlier one. */
  revenue: number;
  earlierRevenue: number;
  kind: FlowKind;
}

/**
 * Every non-empty flow, worse moves first (most customers first), then lapsed, the rest after.
 * Segments are in value order, so a higher later index is a worse segment.
 */
export function flows(matrix: MigrationMatrix): Flow[] {
  const k = matrix.segments.length;
  const out: Flow[] = [];
  for (let from = 0; from <= k; from++)
    for (let to = 0; to <= k; to++) {
      const customers = matrix.customers[from]![to]!;
      if (customers === 0) continue;
      const kind: FlowKind =
        from === k
          ? 'new'
          : to === k
            ? 'lapsed'
            : to > from
              ? 'worse'
              : to < from
                ? 'better'
                : 'same';
      out.push({
        from,
        to,
        customers,
        revenue: matrix.revenue[from]![to]!,
        earlierRevenue: matrix.earlierRevenue[from]![to]!,
        kind,
      });
    }
  const rank: Record<FlowKind, number> = { worse: 0, lapsed: 1, better: 2, new: 3, same: 4 };
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || b.customers - a.customers);
}

/** Customers from each earlier segment (rows, new last) to each later one (columns, lapsed last). */
export function migrationHeatmap(matrix: MigrationMatrix): ChartSpec {
  const { from, to } = flowLabels(matrix);
  const k = matrix.segments.length;
  // The impossible corner (new and lapsed) is left blank rather than shown as 0.
  const z = matrix.customers.map((row, i) => row.map((n, j) => (i === k && j === k ? null : n)));
  const text = z.map((row) => row.map((n) => (n === null ? '' : n.toLocaleString('en-US'))));
  const customdata = matrix.revenue.map((row, i) =>
    row.map((revenue, j) => [money(revenue), money(matrix.earlierRevenue[i]![j]!)]),
  );
  const data: Data[] = [
    {
      type: 'heatmap',
      x: to,
      y: from,
      z,
      text: text as unknown as string[],
      texttemplate: '%{text}',
      textfont: { size: 12 },
      customdata: customdata as unknown as Datum[][],
      hovertemplate:
        'From %{y} to %{x}<br>%{z:,} customers<br>Revenue this period %{customdata[0]}' +
        '<br>Revenue last period %{customdata[1]}<extra></extra>',
      hoverongaps: false,
      colorscale: [
        [0, '#f7fbff'],
        [0.5, '#6baed6'],
        [1, '#08306b'],
      ],
      xgap: 2,
      ygap: 2,
      showscale: false,
    },
  ];
  const layout: Partial<Layout> = {
    margin: { l: 130, r: 10, t: 10, b: 90 },
    height: 120 + 40 * (k + 1),
    xaxis: { title: { text: 'Later period' }, side: 'bottom', tickangle: -30, fixedrange: true },
    yaxis: { title: { text: 'Earlier period' }, autorange: 'reversed', fixedrange: true },
  };
  return { data, layout };
}

const withAlpha = (hex: string, alpha: number) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
};

/** The same flows as a Sankey: earlier segments on the left, later ones on the right. */
export function migrationSankey(matrix: MigrationMatrix): ChartSpec {
  const { from, to } = flowLabels(matrix);
  const k = matrix.segments.length;
  const colourOf = (s: number) => (s === k ? OUTSIDE : segmentColour(s));
  const links = flows(matrix);
  const data: Data[] = [
    {
      type: 'sankey',
      arrangement: 'fixed',
      node: {
        label: [...from, ...to],
        color: [...from.map((_, s) => colourOf(s)), ...to.map((_, s) => colourOf(s))],
        pad: 12,
        thickness: 14,
        hovertemplate: '%{label}: %{value:,} customers<extra></extra>',
      },
      link: {
        source: links.map((l) => l.from),
        target: links.map((l) => k + 1 + l.to),
        value: links.map((l) => l.customers),
        color: links.map((l) => withAlpha(colourOf(l.kind === 'new' ? k : l.from), 0.35)),
        customdata: links.map((l) => money(l.revenue)),
        hovertemplate:
          '%{source.label} to %{target.label}<br>%{value:,} customers<br>Revenue this period %{customdata}<extra></extra>',
      },
    } as Data,
  ];
  const layout: Partial<Layout> = {
    margin: { l: 10, r: 10, t: 10, b: 10 },
    height: Math.max(320, 60 * (k + 1)),
    font: { size: 12 },
  };
  return { data, layout };
}
