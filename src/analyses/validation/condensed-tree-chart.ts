/**
 * HDBSCAN's condensed tree as an icicle: each cluster is a bar as wide as its customers, standing
 * from the density where it appears (splits off its parent) to the density where it splits or
 * fades away; children sit side by side inside their parent's width. The groups HDBSCAN chose
 * are coloured (group g in the palette's colour g), the others grey. Density is 1 / distance in scaled features:
 * higher is denser, so the chosen groups are the long bars high up.
 */
import type { Data, Layout } from 'plotly.js';
import type { CondensedTreeNode } from '../../core/index.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';
import { segmentColour } from '../../charts/palette.ts';

const GREY = '#c3cad3';

export interface IcicleBar {
  node: CondensedTreeNode;
  /** Left edge and width, in customers. */
  x0: number;
  width: number;
}

/** Lays the clusters out left to right, each child inside its parent's span. O(nodes). */
export function icicleLayout(nodes: readonly CondensedTreeNode[]): IcicleBar[] {
  const children = new Map<number, CondensedTreeNode[]>();
  for (const node of nodes) {
    const list = children.get(node.parent) ?? [];
    list.push(node);
    children.set(node.parent, list);
  }
  const bars: IcicleBar[] = [];
  const place = (node: CondensedTreeNode, x0: number) => {
    bars.push({ node, x0, width: node.size });
    let next = x0;
    for (const child of children.get(node.id) ?? []) {
      place(child, next);
      next += child.size;
    }
  };
  for (const root of children.get(-1) ?? []) place(root, 0);
  return bars;
}

export function condensedTreeChart(nodes: readonly CondensedTreeNode[]): ChartSpec {
  const bars = icicleLayout(nodes);
  const top = Math.max(0, ...bars.map((b) => b.node.deathLambda).filter(Number.isFinite));
  const label = (b: IcicleBar) =>
    b.node.selected
      ? `Group ${b.node.label + 1}: ${b.node.size.toLocaleString('en')} customers`
      : b.node.parent < 0
        ? `All ${b.node.size.toLocaleString('en')} customers`
        : `${b.node.size.toLocaleString('en')} customers (not chosen)`;
  const data: Data[] = [
    {
      type: 'bar',
      orientation: 'v',
      x: bars.map((b) => b.x0 + b.width / 2),
      width: bars.map((b) => b.width),
      base: bars.map((b) => b.node.birthLambda),
      y: bars.map((b) => Math.min(b.node.deathLambda, top) - b.node.birthLambda),
      marker: {
        color: bars.map((b) => (b.node.selected ? segmentColour(b.node.label) : GREY)),
        line: { color: '#ffffff', width: 1 },
      },
      text: bars.map(label),
      hovertemplate: '%{text}<br>density %{base:.2f} to %{y:.2f} more<extra></extra>',
      textposition: 'none',
      // plotly.js's types lack a bar's `base` (where it starts), which it supports.
    } as Data,
  ];
  const layout: Partial<Layout> = {
    showlegend: false,
    bargap: 0,
    margin: { l: 56, r: 12, t: 12, b: 48 },
    xaxis: { title: { text: 'Customers' }, showgrid: false, zeroline: false, rangemode: 'tozero' },
    yaxis: { title: { text: 'Density (1 / distance)' }, rangemode: 'tozero' },
  };
  return { data, layout };
}
