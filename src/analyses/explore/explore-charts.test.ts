import { describe, expect, it } from 'vitest';
import { segmentColour } from '../../charts/palette.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';
import { customerMapChart, logTicks, lossCurveChart, NOISE_COLOUR } from './explore-charts.ts';

interface TraceFields {
  type: string;
  name: string;
  x: number[];
  y: number[];
  text: string[];
  marker: { color: string; size: number };
  line: { dash?: string };
}
const traces = (spec: ChartSpec) => spec.data as unknown as TraceFields[];

describe('loss curve', () => {
  it('one point per pass so far, the straight-line summary as a dashed line across all passes', () => {
    const spec = lossCurveChart(Float64Array.of(0.9, 0.5, 0.3), 10, 0.25);
    const [curve, pca] = traces(spec);
    expect(curve!.x).toEqual([1, 2, 3]);
    expect(curve!.y).toEqual([0.9, 0.5, 0.3]);
    expect(pca!.x).toEqual([1, 10]);
    expect(pca!.y).toEqual([0.25, 0.25]);
    expect(pca!.line.dash).toBe('dash');
    expect(spec.layout.xaxis?.range).toEqual([1, 10]);
    expect(spec.layout.yaxis?.type).toBe('log');
  });

  it('log ticks at 1, 2 and 5 of each power of ten the values span', () => {
    expect(logTicks([0.043, 1.2])).toEqual({
      tickvals: [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50],
      ticktext: ['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1', '2', '5', '10', '20', '50'],
    });
    expect(logTicks([0, NaN])).toEqual({ tickvals: [], ticktext: [] });
  });

  it('without the baseline yet, or with an exact one (0): the curve alone', () => {
    expect(traces(lossCurveChart([0.5], 200, null))).toHaveLength(1);
    expect(traces(lossCurveChart([0.5, 0.01], 200, 1e-31))).toHaveLength(1);
  });
});

describe('customer map', () => {
  // Customers 0..4 of the table; the map shows 0, 2, 3 and 4 (a sample).
  const map = { customers: Int32Array.of(0, 2, 3, 4), x: [1, 2, 3, 4], y: [5, 6, 7, 8] };
  const colouring = {
    labels: Int32Array.of(1, 0, -1, 1, 0),
    names: ['Champions', '<b>Loyal</b>'],
    noiseName: 'No clear group',
  };
  const ids = ['A1', 'B2', 'C3', '<script>', 'E5'];
  const spec = customerMapChart(map, colouring, ids, (c) => `row ${c}`);
  const [noise, first, second] = traces(spec);

  it('one WebGL trace per group, noise first and grey, each dot where the map put it', () => {
    expect(traces(spec)).toHaveLength(3);
    expect(traces(spec).every((t) => t.type === 'scattergl')).toBe(true);
    expect(noise!.name).toBe('No clear group (1)');
    expect(noise!.x).toEqual([2]);
    expect(noise!.marker.color).toBe(NOISE_COLOUR);
    expect(first!.name).toBe('Champions (1)');
    expect([first!.x, first!.y]).toEqual([[4], [8]]);
    expect(first!.marker.color).toBe(segmentColour(0));
    expect(second!.x).toEqual([1, 3]);
    expect(second!.marker.color).toBe(segmentColour(1));
  });

  it('hover names the customer and group, escaped', () => {
    expect(second!.name).toBe('&lt;b&gt;Loyal&lt;/b&gt; (2)');
    expect(second!.text).toEqual([
      'Customer A1<br>&lt;b&gt;Loyal&lt;/b&gt;<br>row 0',
      'Customer &lt;script&gt;<br>&lt;b&gt;Loyal&lt;/b&gt;<br>row 3',
    ]);
  });

  it('the map keeps its proportions and hides meaningless axes', () => {
    expect(spec.layout.yaxis?.scaleanchor).toBe('x');
    expect(spec.layout.xaxis?.showticklabels).toBe(false);
  });
});
