import { describe, expect, it } from 'vitest';
import { summarizeSilhouettes } from '../../core/validation/silhouette-summary.ts';
import { dendrogramSegments, wardLinkage, type Dendrogram } from '../../core/validation/ward.ts';
import { escapeForPlotly } from '../../charts/escape.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';
import { segmentColour } from '../../charts/palette.ts';
import {
  dendrogramChart,
  kDistanceChart,
  ordinal,
  labelledHeatmap,
  pcaVarianceChart,
  rowShareHeatmap,
  silhouettePlot,
} from './validation-charts.ts';

/** The fields the tests read, whatever trace type plotly's union says it is. */
interface TraceFields {
  type: string;
  name?: string;
  x: (number | string | null)[];
  y: (number | string | null)[];
  z: number[][];
  text: string[] | string[][];
  width: number;
  zmax: number;
  zmin: number;
  hovertemplate: string;
  marker: { color: string };
}
const traces = (spec: ChartSpec) => spec.data as unknown as TraceFields[];
const trace = (spec: ChartSpec, i = 0) => {
  const found = traces(spec)[i];
  if (!found) throw new Error(`no trace ${i}`);
  return found;
};
interface LineShape {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
const shapes = (spec: ChartSpec) => (spec.layout.shapes ?? []) as LineShape[];
const annotationTexts = (spec: ChartSpec) => (spec.layout.annotations ?? []).map((a) => a.text);

describe('silhouettePlot', () => {
  // Segment 0: 0.5, 0.7, -0.1; segment 1: nobody; segment 2: 0.3, 0.4. Mean 1.8 / 5 = 0.36.
  const summary = summarizeSilhouettes(
    Float64Array.of(0.5, 0.7, -0.1, 0.3, 0.4),
    [0, 0, 0, 2, 2],
    3,
  );
  const names = ['Champions', 'Nobody', 'Big <b>spenders</b>'];

  it('one horizontal bar trace per segment with customers, in its colour, sorted bars', () => {
    const spec = silhouettePlot(summary, names);
    expect(traces(spec).map((t) => t.name)).toEqual([
      'Champions',
      'Big &lt;b&gt;spenders&lt;/b&gt;',
    ]);
    expect(trace(spec, 0)).toMatchObject({ type: 'bar', orientation: 'h' });
    expect(trace(spec, 0).x).toEqual([0.7, 0.5, -0.1]);
    expect(trace(spec, 1).x).toEqual([0.4, 0.3]);
    expect(trace(spec, 0).marker.color).toBe(segmentColour(0));
    expect(trace(spec, 1).marker.color).toBe(segmentColour(2));
    expect(segmentColour(2)).not.toBe(segmentColour(1));
  });

  it('names are escaped everywhere: trace, hover and tick labels', () => {
    const spec = silhouettePlot(summary, names);
    const escaped = escapeForPlotly(names[2]!);
    expect(escaped).toBe('Big &lt;b&gt;spenders&lt;/b&gt;');
    expect(trace(spec, 1).hovertemplate).toContain(escaped);
    expect(JSON.stringify(spec)).not.toContain('<b>spenders');
    expect(spec.layout.yaxis?.ticktext).toEqual(['Champions', escaped]);
  });

  it('stacks the segments in bands with a gap, one tick in the middle of each', () => {
    // Bands of 3 and 2 bars of height 1 (5 bars: no minimum band), a gap of 4 between them.
    const spec = silhouettePlot(summary, names);
    expect(trace(spec, 0).y).toEqual([0.5, 1.5, 2.5]);
    expect(trace(spec, 1).y).toEqual([7.5, 8.5]);
    expect(trace(spec, 0).width).toBe(1);
    expect(spec.layout.yaxis?.tickvals).toEqual([1.5, 8]);
  });

  it('a dashed line and a label at the mean silhouette', () => {
    const spec = silhouettePlot(summary, names);
    expect(summary.mean).toBeCloseTo(0.36, 15);
    expect(shapes(spec)).toHaveLength(1);
    expect(shapes(spec)[0]).toMatchObject({ x0: summary.mean, x1: summary.mean, y0: 0, y1: 1 });
    expect(annotationTexts(spec)).toEqual(['mean 0.360']);
  });

  it('a tiny segment gets a readable band; a missing name becomes "Segment n"', () => {
    // 600 customers (drawn as 500 bars) and 1: the band minimum is round(501 / 60) = 8 bars.
    const samples = Float64Array.from({ length: 601 }, (_, i) => (i === 600 ? -0.2 : i / 1000));
    const labels = Array.from({ length: 601 }, (_, i) => (i === 600 ? 1 : 0));
    const spec = silhouettePlot(summarizeSilhouettes(samples, labels, 2), ['Many']);
    expect(trace(spec, 0).x).toHaveLength(500);
    expect(trace(spec, 1)).toMatchObject({ name: 'Segment 2', x: [-0.2], y: [508], width: 8 });
    expect(spec.layout.yaxis?.tickvals).toEqual([250, 508]);
    expect(spec.layout.yaxis?.ticktext).toEqual(['Many', 'Segment 2']);
  });

  it('no customers: no bars, no mean line', () => {
    const spec = silhouettePlot(summarizeSilhouettes(new Float64Array(0), [], 2), names);
    expect(spec.data).toEqual([]);
    expect(shapes(spec)).toEqual([]);
    expect(annotationTexts(spec)).toEqual([]);
  });
});

describe('labelledHeatmap', () => {
  const input = {
    z: [
      [1, 2],
      [3, 0],
    ],
    text: [
      ['1', '2'],
      ['3', ''],
    ],
    rows: ['<i>VIP</i>', 'Others'],
    columns: ['A & B', "Won't"],
    xTitle: 'Predicted',
    yTitle: 'Actual',
    hover: '%{y}: %{z}<extra></extra>',
  };

  it('z and text as given, labels escaped, colours from 0 to the largest value', () => {
    const heat = trace(labelledHeatmap(input));
    expect(heat.type).toBe('heatmap');
    expect(heat.z).toEqual(input.z);
    expect(heat.text).toEqual(input.text);
    expect(heat.y).toEqual(['&lt;i&gt;VIP&lt;/i&gt;', 'Others']);
    expect(heat.x).toEqual(['A &amp; B', 'Won&#39;t']);
    expect(heat.zmin).toBe(0);
    expect(heat.zmax).toBe(3);
    expect(heat.hovertemplate).toBe(input.hover);
  });

  it('a given zmax wins; all zeros colour up to 1', () => {
    expect(trace(labelledHeatmap({ ...input, zmax: 10 })).zmax).toBe(10);
    const zeros = labelledHeatmap({ ...input, z: [[0, 0]], text: [['', '']] });
    expect(trace(zeros).zmax).toBe(1);
  });
});

describe('rowShareHeatmap', () => {
  it('coloured by row share up to 1; percentages, empty where nobody is counted', () => {
    const counts = [
      [3, 0, 1],
      [0, 0, 0],
      [1, 999, 0],
    ];
    const shares = [
      [0.75, 0, 0.25],
      [0, 0, 0],
      [0.001, 0.999, 0],
    ];
    const spec = rowShareHeatmap(counts, shares, ['Seg <1>', 'Seg 2', 'Seg 3'], ['x', 'y', 'z'], {
      x: 'Groups',
      y: 'Segments',
    });
    const heat = trace(spec);
    expect(heat.z).toEqual(shares);
    expect(heat.zmax).toBe(1);
    expect(heat.text).toEqual([
      ['75%', '', '25%'],
      ['', '', ''],
      ['0%', '100%', ''],
    ]);
    expect(heat.y).toEqual(['Seg &lt;1&gt;', 'Seg 2', 'Seg 3']);
    expect(spec.layout.xaxis?.title).toEqual({ text: 'Groups' });
    expect(spec.layout.yaxis?.title).toEqual({ text: 'Segments' });
  });
});

describe('dendrogramChart', () => {
  // Two U-shapes over three leaves: 0 and 1 merge at 1, then with 2 at 3.
  const hand: Dendrogram = {
    xs: Float64Array.of(5, 5, 15, 15, 10, 10, 25, 25),
    ys: Float64Array.of(0, 1, 1, 0, 1, 3, 3, 0),
    merges: Int32Array.of(0, 1),
    leaves: Int32Array.of(0, 1, 2),
    leafSizes: Int32Array.of(1, 1, 1),
    leafLabels: ['0', '<1>', '(2)'],
  };

  it('one line trace, each U-shape its 4 points then a null gap', () => {
    const line = trace(dendrogramChart(hand, null));
    expect(line.type).toBe('scatter');
    expect(line.x).toEqual([5, 5, 15, 15, null, 10, 10, 25, 25, null]);
    expect(line.y).toEqual([0, 1, 1, 0, null, 1, 3, 3, 0, null]);
  });

  it('a tick under each leaf, labelled with the (escaped) leaf label; the cut line', () => {
    const spec = dendrogramChart(hand, 2);
    expect(spec.layout.xaxis?.tickvals).toEqual([5, 15, 25]);
    expect(spec.layout.xaxis?.ticktext).toEqual(['0', '&lt;1&gt;', '(2)']);
    expect(shapes(spec)).toHaveLength(1);
    expect(shapes(spec)[0]).toMatchObject({ y0: 2, y1: 2, x0: 0, x1: 1 });
    expect(shapes(dendrogramChart(hand, null))).toEqual([]);
  });

  it("a real Ward dendrogram: 5 entries per drawn merge, ticks = scipy's leaf labels", () => {
    const points = { count: 6, dims: 1, values: Float64Array.of(0, 1, 5, 6, 20, 22) };
    const dendrogram = dendrogramSegments(wardLinkage(points), { truncateTo: 4 });
    const spec = dendrogramChart(dendrogram, null);
    const line = trace(spec);
    expect(dendrogram.merges.length).toBe(3);
    expect(line.x).toHaveLength(5 * dendrogram.merges.length);
    line.x.forEach((x, i) => expect(x === null).toBe(i % 5 === 4));
    line.y.forEach((y, i) => expect(y === null).toBe(i % 5 === 4));
    expect(line.y.filter((y) => y !== null)).toEqual(Array.from(dendrogram.ys));
    expect(spec.layout.xaxis?.ticktext).toEqual(dendrogram.leafLabels);
    expect(spec.layout.xaxis?.tickvals).toEqual(
      Array.from(dendrogram.leafLabels, (_, i) => 5 + 10 * i),
    );
  });
});

describe('kDistanceChart', () => {
  it('the sorted curve against the share of customers (0 to 1), eps as a line', () => {
    const spec = kDistanceChart(Float64Array.of(0.1, 0.2, 0.4, 0.9, 2), 0.4, 5);
    const curve = trace(spec);
    expect(curve.x).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(curve.y).toEqual([0.1, 0.2, 0.4, 0.9, 2]);
    expect(shapes(spec)).toHaveLength(1);
    expect(shapes(spec)[0]).toMatchObject({ x0: 0, x1: 1, y0: 0.4, y1: 0.4 });
    expect(annotationTexts(spec)).toEqual(['eps 0.400']);
    expect(spec.layout.yaxis?.title).toEqual({ text: 'Distance to the 5th nearest customer' });
  });

  it('a single customer sits at 0', () => {
    expect(trace(kDistanceChart(Float64Array.of(1.5), 1, 3)).x).toEqual([0]);
  });
});

describe('pcaVarianceChart', () => {
  it('a bar per component and the running total, ending at 1', () => {
    const ratio = [0.6, 0.25, 0.15];
    const spec = pcaVarianceChart(ratio);
    const [bars, total] = [trace(spec, 0), trace(spec, 1)];
    expect(bars.type).toBe('bar');
    expect(bars.x).toEqual(['PC1', 'PC2', 'PC3']);
    expect(bars.y).toEqual(ratio);
    expect(bars.text).toEqual(['60%', '25%', '15%']);
    expect(total.type).toBe('scatter');
    expect(total.x).toEqual(['PC1', 'PC2', 'PC3']);
    expect(total.y[0]).toBe(0.6);
    expect(total.y[1]).toBeCloseTo(0.85, 15);
    expect(total.y[2]).toBeCloseTo(1, 15);
    expect(ratio).toEqual([0.6, 0.25, 0.15]); // the input is not changed
  });
});

describe('ordinal', () => {
  it('says 1st, 2nd, 3rd, 4th, 11th to 13th, 21st, 22nd, 101st, 111th', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });
});
