import { describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../core/cluster/sweep.ts';
import { sweepChart } from './k-charts.ts';

const point = (k: number, inertia: number, silhouette: number): SweepPoint => ({
  k,
  inertia,
  silhouette,
  calinski_harabasz: 100 * k,
  davies_bouldin: 1 / k,
  sizes: Array.from({ length: k }, () => 10),
  silhouette_sample_size: 10 * k,
});

const sweep = [point(2, 900, 0.41), point(3, 520, 0.38), point(4, 400, 0.35), point(5, 350, 0.33)];

/** The fields the tests read, whatever trace type plotly's union says it is. */
const trace = (spec: ReturnType<typeof sweepChart>, name: string) => {
  const found = spec.data.find((d) => d.name === name) as { x: number[]; y: number[] } | undefined;
  if (!found) throw new Error(`no trace ${name}`);
  return found;
};

describe('sweepChart', () => {
  it('plots exactly the sweep numbers against k', () => {
    const elbow = sweepChart(sweep, 'inertia', 3, 4);
    expect(trace(elbow, 'Inertia').x).toEqual([2, 3, 4, 5]);
    expect(trace(elbow, 'Inertia').y).toEqual([900, 520, 400, 350]);
    const silhouette = sweepChart(sweep, 'silhouette', 3, 4);
    expect(trace(silhouette, 'Silhouette').y).toEqual([0.41, 0.38, 0.35, 0.33]);
  });

  it('puts the suggested and chosen markers on their points of the curve', () => {
    const elbow = sweepChart(sweep, 'inertia', 3, 5);
    expect(trace(elbow, 'Suggested k')).toMatchObject({ x: [3], y: [520] });
    expect(trace(elbow, 'Chosen k')).toMatchObject({ x: [5], y: [350] });
    const silhouette = sweepChart(sweep, 'silhouette', 3, 5);
    expect(trace(silhouette, 'Suggested k')).toMatchObject({ x: [3], y: [0.38] });
    expect(trace(silhouette, 'Chosen k')).toMatchObject({ x: [5], y: [0.33] });
  });

  it('draws the chosen marker last, so it is on top, and both when k is the suggestion', () => {
    const spec = sweepChart(sweep, 'inertia', 3, 3);
    expect(spec.data.map((d) => d.name)).toEqual(['Inertia', 'Suggested k', 'Chosen k']);
    expect(trace(spec, 'Chosen k')).toMatchObject({ x: [3], y: [520] });
  });

  it('leaves out a marker whose k is not in the sweep', () => {
    expect(sweepChart(sweep, 'inertia', 3, null).data.map((d) => d.name)).toEqual([
      'Inertia',
      'Suggested k',
    ]);
    expect(sweepChart(sweep, 'inertia', 9, 12).data.map((d) => d.name)).toEqual(['Inertia']);
    expect(sweepChart([], 'silhouette', 2, 2).data).toHaveLength(1);
  });
});
