import type { ScatterData } from 'plotly.js';
import { describe, expect, it } from 'vitest';
import {
  componentColumns,
  groupBySegment,
  MAP_WEBGL_FROM,
  mapLayout,
  mapTraces,
  moneyLogTicks,
  moneyTickText,
  scatterLayout,
  scatterTraces,
  spendRange,
} from './scatter.ts';
import { segmentColour } from '../../charts/palette.ts';

const input = {
  ids: ['12346', '<b>x</b>', '12348', "O'Neil & Co", '12350'],
  recency: Float64Array.from([326, 2, 75, 19, 310]),
  frequency: Float64Array.from([1, 7, 4, 1, 1]),
  monetary: Float64Array.from([77183.6, 4310, 1797.24, 1757.55, 334.4]),
  labels: Int32Array.from([1, 0, 0, 1, 2]),
};
const segments = [
  { cluster: 0, name: 'Champions' },
  { cluster: 1, name: 'At <risk>' },
  { cluster: 2, name: 'Lost' },
];

/** `n` customers alike but for their segment (`labelOf`), for what depends on how many there are. */
const alike = (n: number, labelOf: (i: number) => number) => ({
  ids: Array.from({ length: n }, (_, i) => String(i)),
  recency: new Float64Array(n).fill(1),
  frequency: new Float64Array(n).fill(1),
  monetary: new Float64Array(n).fill(1),
  labels: Int32Array.from({ length: n }, (_, i) => labelOf(i)),
});

const traces = () => scatterTraces(groupBySegment(input, 3), segments) as Partial<ScatterData>[];

describe('scatterTraces', () => {
  it('draws one scatter3d marker trace per segment, in segment order', () => {
    const t = traces();
    expect(t).toHaveLength(3);
    for (const trace of t) {
      expect(trace.type).toBe('scatter3d');
      expect(trace.mode).toBe('markers');
    }
  });

  it("puts exactly each segment's customers on x (R), y (F) and z (M)", () => {
    const [champions, atRisk, lost] = traces();
    expect(champions!.x).toEqual([2, 75]);
    expect(champions!.y).toEqual([7, 4]);
    expect(champions!.z).toEqual([4310, 1797.24]);
    expect(atRisk!.x).toEqual([326, 19]);
    expect(atRisk!.y).toEqual([1, 1]);
    expect(atRisk!.z).toEqual([77183.6, 1757.55]);
    expect(lost!.x).toEqual([310]);
    expect(lost!.y).toEqual([1]);
    expect(lost!.z).toEqual([334.4]);
  });

  it('colours each trace with its segment colour and names it with the escaped segment name', () => {
    const t = traces();
    expect(t.map((trace) => trace.marker?.color)).toEqual([0, 1, 2].map(segmentColour));
    // Squares: a few triangles per point for the software renderer, where circles are many.
    expect(t.map((trace) => trace.marker?.symbol)).toEqual(['square', 'square', 'square']);
    expect(t.map((trace) => trace.name)).toEqual(['Champions', 'At &lt;risk&gt;', 'Lost']);
  });

  it('carries the escaped customer ids as customdata for the hover, and no per-point text', () => {
    const [champions, atRisk] = traces();
    expect(champions!.customdata).toEqual(['&lt;b&gt;x&lt;/b&gt;', '12348']);
    expect(atRisk!.customdata).toEqual(['12346', 'O&#39;Neil &amp; Co']);
    expect(champions!.text).toBeUndefined();
    expect(champions!.hovertemplate).toContain('%{customdata}');
    expect(champions!.hovertemplate).not.toContain('<extra>');
  });

  it('reuses the same point arrays when only the names change, so plotly skips the points', () => {
    const groups = groupBySegment(input, 3);
    const before = scatterTraces(groups, segments) as Partial<ScatterData>[];
    const after = scatterTraces(
      groups,
      segments.map((s) => ({ ...s, name: `${s.name}!` })),
    ) as Partial<ScatterData>[];
    expect(after[0]!.x).toBe(before[0]!.x);
    expect(after[0]!.customdata).toBe(before[0]!.customdata);
    expect(after[0]!.name).toBe('Champions!');
  });

  it('keeps an empty segment as an empty trace, so colours and legend stay aligned', () => {
    const t = scatterTraces(
      groupBySegment({ ...input, labels: Int32Array.from([0, 0, 0, 0, 0]) }, 3),
      segments,
    ) as Partial<ScatterData>[];
    expect(t).toHaveLength(3);
    expect(t[1]!.x).toEqual([]);
    expect(t[1]!.marker?.color).toBe(segmentColour(1));
  });
});

describe('scatterLayout', () => {
  it('switches all three axes between linear and log', () => {
    expect(scatterLayout(true, 500).scene?.xaxis?.type).toBe('log');
    expect(scatterLayout(true, 500).scene?.zaxis?.type).toBe('log');
    expect(scatterLayout(false, 500).scene?.yaxis?.type).toBe('linear');
  });

  it('labels money on the log axis as the map does, one tick per power of ten', () => {
    const z = scatterLayout(true, 580, false, 'rfm', [0.4, 77_183.6]).scene?.zaxis;
    expect(z?.ticktext).toEqual(['0.1', '1', '10', '100', '1k', '10k', '100k']);
    expect(z?.tickvals).toEqual([0.1, 1, 10, 100, 1000, 10_000, 100_000]);
    // Linear, or without the range: plotly's own ticks.
    expect(
      scatterLayout(false, 580, false, 'rfm', [0.4, 10]).scene?.zaxis?.tickvals,
    ).toBeUndefined();
    expect(scatterLayout(true, 580).scene?.zaxis?.tickvals).toBeUndefined();
  });

  it('puts the legend above the chart on a wide screen, under it on a phone (clear of the toolbar)', () => {
    expect(scatterLayout(true, 580).legend).toMatchObject({ y: 1.02, yanchor: 'bottom' });
    expect(scatterLayout(true, 400, true).legend).toMatchObject({ y: -0.02, yanchor: 'top' });
  });
});

describe('principal components on the axes', () => {
  it('componentColumns takes the first three of each row-major projection', () => {
    // Two customers, four components each.
    const projections = Float64Array.from([1, 2, 3, 4, -1, -2, -3, -4]);
    const columns = componentColumns(projections, 4);
    expect(Array.from(columns.recency)).toEqual([1, -1]);
    expect(Array.from(columns.frequency)).toEqual([2, -2]);
    expect(Array.from(columns.monetary)).toEqual([3, -3]);
  });

  it('uses linear PC1..PC3 axes (never log: components are negative too) and PC hover text', () => {
    const layout = scatterLayout(true, 500, false, 'pca');
    expect(layout.scene?.xaxis?.type).toBe('linear');
    expect(layout.scene?.zaxis?.type).toBe('linear');
    expect(layout.scene?.xaxis?.title).toEqual({ text: 'PC1' });
    expect(layout.scene?.zaxis?.title).toEqual({ text: 'PC3' });
    const traces = scatterTraces(
      groupBySegment(input, 3),
      [
        { cluster: 0, name: 'A' },
        { cluster: 1, name: 'B' },
        { cluster: 2, name: 'C' },
      ],
      'pca',
    ) as Partial<ScatterData>[];
    expect(traces[0]!.hovertemplate).toContain('PC1: %{x:.2f}');
    expect(traces[0]!.hovertemplate).not.toContain('days');
  });
});

describe('mapTraces (the 2D map)', () => {
  const map = () => mapTraces(groupBySegment(input, 3), segments) as Partial<ScatterData>[];

  it("puts each segment's customers at (days since the last order, money spent), frequency in the hover text", () => {
    const [champions, atRisk, lost] = map();
    expect(champions!.x).toEqual([2, 75]);
    expect(champions!.y).toEqual([4310, 1797.24]);
    expect(champions!.text).toEqual([7, 4]);
    expect(atRisk!.x).toEqual([326, 19]);
    expect(atRisk!.y).toEqual([77183.6, 1757.55]);
    expect(lost!.y).toEqual([334.4]);
    expect(champions!.hovertemplate).toContain('Last order: %{x:,.0f} days ago');
    // 'Orders: 1', never '1 orders'.
    expect(champions!.hovertemplate).toContain('Orders: %{text}');
    expect(champions!.hovertemplate).toContain('Spent: %{y:,.2f}');
    expect(champions!.hovertemplate).not.toContain('<extra>');
  });

  it('names and colours the traces like the rest of the app, ids escaped', () => {
    const t = map();
    expect(t.map((trace) => trace.name)).toEqual(['Champions', 'At &lt;risk&gt;', 'Lost']);
    expect(t.map((trace) => trace.marker?.color)).toEqual([0, 1, 2].map(segmentColour));
    expect(t[0]!.customdata).toEqual(['&lt;b&gt;x&lt;/b&gt;', '12348']);
  });

  it('draws markers only, smaller when the customers are many, and an empty segment as an empty trace', () => {
    const [champions] = map();
    expect(champions!.mode).toBe('markers');
    expect(champions!.marker?.size).toBe(5);
    expect(champions!.marker?.opacity).toBe(0.8);
    const of = (n: number) =>
      mapTraces(
        groupBySegment(
          alike(n, () => 0),
          3,
        ),
        segments,
      ) as Partial<ScatterData>[];
    expect(of(20_000)[0]!.marker?.size).toBe(5);
    const dense = of(20_001);
    expect(dense[0]!.marker?.size).toBe(3);
    expect(dense[1]!.x).toEqual([]);
    expect(dense[1]!.name).toBe('At &lt;risk&gt;');
    expect(dense[2]!.marker?.color).toBe(segmentColour(2));
  });

  it('shares the point arrays with the 3D scatter, so a rename redraws no points', () => {
    const groups = groupBySegment(input, 3);
    const flat = mapTraces(groups, segments) as Partial<ScatterData>[];
    const deep = scatterTraces(groups, segments) as Partial<ScatterData>[];
    expect(flat[0]!.x).toBe(deep[0]!.x);
    expect(flat[0]!.y).toBe(deep[0]!.z);
  });

  it(`draws as SVG below ${MAP_WEBGL_FROM} customers and with WebGL from there`, () => {
    const type = (n: number) =>
      (
        mapTraces(
          groupBySegment(
            alike(n, (i) => i % 3),
            3,
          ),
          segments,
        ) as Partial<ScatterData>[]
      ).map((t) => t.type);
    expect(type(MAP_WEBGL_FROM - 1)).toEqual(['scatter', 'scatter', 'scatter']);
    expect(type(MAP_WEBGL_FROM)).toEqual(['scattergl', 'scattergl', 'scattergl']);
  });
});

describe('mapLayout', () => {
  it('puts money spent on a log or linear axis and days since the last order across', () => {
    expect(mapLayout(true, 460).yaxis).toMatchObject({
      type: 'log',
      title: { text: 'Spent (log scale)' },
    });
    expect(mapLayout(false, 460).yaxis).toMatchObject({ type: 'linear', title: { text: 'Spent' } });
    expect(mapLayout(true, 460).xaxis?.title).toEqual({ text: 'Days since the last order' });
    expect(mapLayout(true, 460).height).toBe(460);
  });

  it('puts the legend above the map on a wide screen, under it on a phone', () => {
    expect(mapLayout(true, 460).legend).toMatchObject({
      orientation: 'h',
      x: 0,
      y: 1.02,
      yanchor: 'bottom',
      itemsizing: 'constant',
    });
    expect(mapLayout(true, 380, true).legend).toMatchObject({ y: -0.3, yanchor: 'top' });
  });

  it('shows the nearest customer on hover, keeps a zoom across renames, and writes 10k for 10,000', () => {
    const layout = mapLayout(true, 460);
    expect(layout.hovermode).toBe('closest');
    expect(layout.uirevision).toBe('segment-map');
    expect(mapLayout(false, 460).yaxis?.tickformat).toBe('~s');
    // Days start at 0 (bought today), with no zero line drawn over the customers there.
    expect(layout.xaxis).toMatchObject({ rangemode: 'tozero', zeroline: false });
    expect(layout.margin).toEqual({ l: 56, r: 12, t: 8, b: 48 });
  });
});

describe('money ticks on the log axis', () => {
  it('writes 0.5, 2, 500, 2k, 50k and 1M, never "500m" for half a unit', () => {
    expect([0.5, 0.02, 2, 500, 1000, 2000, 50_000, 1e6, 2.5e6].map(moneyTickText)).toEqual([
      '0.5',
      '0.02',
      '2',
      '500',
      '1k',
      '2k',
      '50k',
      '1M',
      '2.5M',
    ]);
  });

  it('puts 1, 2 and 5 of each power of ten from below the least to above the most spent', () => {
    expect(moneyLogTicks(0.3, 20)).toEqual({
      tickvals: [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500],
      ticktext: ['0.1', '0.2', '0.5', '1', '2', '5', '10', '20', '50', '100', '200', '500'],
    });
    expect(moneyLogTicks(3, 3).tickvals).toEqual([1, 2, 5, 10, 20, 50]);
    // On a phone's short axis, the powers of ten only.
    expect(moneyLogTicks(0.3, 20, true).tickvals).toEqual([0.1, 1, 10, 100]);
    expect(moneyLogTicks(0, 10)).toEqual({ tickvals: [], ticktext: [] });
    expect(moneyLogTicks(Infinity, 0)).toEqual({ tickvals: [], ticktext: [] });
  });

  it('spendRange takes the least and most positive amount of every segment', () => {
    expect(spendRange(groupBySegment(input, 3))).toEqual([334.4, 77183.6]);
    const withNothing = groupBySegment(
      { ...input, monetary: Float64Array.from([0, -5, 0, 2, 0]) },
      3,
    );
    expect(spendRange(withNothing)).toEqual([2, 2]);
  });

  it("labels the map's log axis with them, over the range given", () => {
    const y = mapLayout(true, 460, false, [0.4, 77_183.6]).yaxis;
    expect(y?.tickvals?.[0]).toBe(0.1);
    expect(y?.tickvals?.at(-1)).toBe(500_000);
    expect(y?.ticktext).toContain('0.5');
    expect(y?.ticktext).toContain('20k');
    expect(y?.tickformat).toBeUndefined();
    // Without the range: plotly's own ticks.
    expect(mapLayout(true, 460).yaxis?.tickvals).toBeUndefined();
    expect(mapLayout(true, 420, true, [0.4, 77_183.6]).yaxis?.ticktext).toEqual([
      '0.1',
      '1',
      '10',
      '100',
      '1k',
      '10k',
      '100k',
    ]);
  });
});
