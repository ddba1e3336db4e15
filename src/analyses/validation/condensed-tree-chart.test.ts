import { describe, expect, it } from 'vitest';
import type { CondensedTreeNode } from '../../core/index.ts';
import { condensedTreeChart, icicleLayout } from './condensed-tree-chart.ts';

const node = (
  id: number,
  parent: number,
  size: number,
  birthLambda: number,
  deathLambda: number,
  label = -1,
): CondensedTreeNode => ({
  id,
  parent,
  size,
  birthLambda,
  deathLambda,
  birthDistance: birthLambda > 0 ? 1 / birthLambda : Infinity,
  deathDistance: 1 / deathLambda,
  stability: 1,
  selected: label >= 0,
  label,
  pointsLeaving: 0,
});

// 100 customers: the root splits at density 2 into 40 and 50 (10 fell out as noise on the way);
// the 50 split again at 4 into 20 and 25.
const tree = [
  node(0, -1, 100, 0, 2),
  node(1, 0, 40, 2, 6, 0),
  node(2, 0, 50, 2, 4),
  node(3, 2, 20, 4, 9, 1),
  node(4, 2, 25, 4, 5),
];

describe('condensed tree icicle', () => {
  it('children side by side inside their parent, as wide as their customers', () => {
    const bars = icicleLayout(tree).map((b) => [b.node.id, b.x0, b.width]);
    expect(bars).toEqual([
      [0, 0, 100],
      [1, 0, 40],
      [2, 40, 50],
      [3, 40, 20],
      [4, 60, 25],
    ]);
  });

  it('bars stand from birth to death density; chosen groups coloured, the rest grey', () => {
    const { data } = condensedTreeChart(tree);
    const bar = data[0] as {
      base: number[];
      y: number[];
      x: number[];
      marker: { color: string[] };
    };
    expect(bar.base).toEqual([0, 2, 2, 4, 4]);
    expect(bar.y).toEqual([2, 4, 2, 5, 1]);
    expect(bar.x).toEqual([50, 20, 65, 50, 72.5]);
    const colours = bar.marker.color;
    expect(colours[0]).toBe(colours[2]);
    expect(colours[1]).not.toBe(colours[0]);
    expect(colours[3]).not.toBe(colours[1]);
    expect((data[0] as { text: string[] }).text).toEqual([
      'All 100 customers',
      'Group 1: 40 customers',
      '50 customers (not chosen)',
      'Group 2: 20 customers',
      '25 customers (not chosen)',
    ]);
  });

  it('an empty tree (too few customers) draws nothing', () => {
    expect((condensedTreeChart([]).data[0] as { x: number[] }).x).toEqual([]);
  });
});
