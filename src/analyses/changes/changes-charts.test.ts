import { describe, expect, it } from 'vitest';
import { migrationMatrix } from '../../core/model/migration.ts';
import { flows, migrationHeatmap, migrationSankey } from './changes-charts.ts';

/**
 * Hand case: a stays Best, b falls Best -> <Worst>, c lapses from Best, d is new in <Worst>.
 * The second segment's name is markup, as a user's own name could be.
 */
const { matrix } = migrationMatrix(
  { customerIds: ['a', 'b', 'c'], segments: [0, 0, 0], revenue: [10, 20, 30] },
  { customerIds: ['a', 'b', 'd'], segments: [0, 1, 1], revenue: [1, 2, 4] },
  ['Best', '<Worst>'],
);

describe('changes charts', () => {
  it('lists every non-empty flow, worse moves first, with both revenues', () => {
    expect(flows(matrix)).toEqual([
      { from: 0, to: 1, customers: 1, revenue: 2, earlierRevenue: 20, kind: 'worse' },
      { from: 0, to: 2, customers: 1, revenue: 0, earlierRevenue: 30, kind: 'lapsed' },
      { from: 2, to: 1, customers: 1, revenue: 4, earlierRevenue: 0, kind: 'new' },
      { from: 0, to: 0, customers: 1, revenue: 1, earlierRevenue: 10, kind: 'same' },
    ]);
  });

  it('draws the matrix with new and lapsed, the impossible corner blank, names escaped', () => {
    const trace = migrationHeatmap(matrix).data[0] as { x: string[]; y: string[]; z: unknown[][] };
    expect(trace.y).toEqual(['Best', '&lt;Worst&gt;', 'New customers']);
    expect(trace.x).toEqual(['Best', '&lt;Worst&gt;', 'Lapsed']);
    expect(trace.z).toEqual([
      [1, 1, 1],
      [0, 0, 0],
      [0, 1, null],
    ]);
  });

  it('links earlier nodes to later ones, one link per flow, sized by customers', () => {
    const trace = migrationSankey(matrix).data[0] as {
      node: { label: string[] };
      link: { source: number[]; target: number[]; value: number[] };
    };
    expect(trace.node.label).toEqual([
      'Best',
      '&lt;Worst&gt;',
      'New customers',
      'Best',
      '&lt;Worst&gt;',
      'Lapsed',
    ]);
    // Targets are offset by the 3 earlier nodes.
    expect(trace.link.source).toEqual([0, 0, 2, 0]);
    expect(trace.link.target).toEqual([4, 5, 4, 3]);
    expect(trace.link.value).toEqual([1, 1, 1, 1]);
  });
});
