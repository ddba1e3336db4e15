import type { PieData, PlotData as BarData, ScatterData } from 'plotly.js';
import { describe, expect, it } from 'vitest';
import type { SegmentLike } from './segment-charts.ts';
import {
  distinctLabels,
  donutTrace,
  meanBarsFigure,
  monthlySpendTrace,
  radarTraces,
  whatIfRadarTrace,
} from './segment-charts.ts';
import { segmentColour } from './palette.ts';

const mean = (Recency: number, Frequency: number, Monetary: number) => ({
  Recency,
  Frequency,
  Monetary,
  TotalQuantity: 0,
  UniqueProducts: 0,
  Tenure: 0,
  AvgOrderValue: 0,
});

const segments: SegmentLike[] = [
  {
    cluster: 0,
    name: 'Champions',
    size: 700,
    mean: mean(12.5, 14.2, 8200.25),
    scores: { recency: 0.8, frequency: 0.9, monetary: 0.92 },
  },
  {
    cluster: 1,
    name: 'Big & <loyal>',
    size: 1300,
    mean: mean(40, 4.1, 1500),
    scores: { recency: 0.6, frequency: 0.55, monetary: 0.6 },
  },
  {
    cluster: 2,
    name: 'Lost',
    size: 2334,
    mean: mean(210, 1.2, 280.75),
    scores: { recency: 0.15, frequency: 0.2, monetary: 0.18 },
  },
];

describe('donutTrace', () => {
  it('has one slice per segment: value = size, escaped name, segment colour', () => {
    const pie = donutTrace(segments) as Partial<PieData>;
    expect(pie.type).toBe('pie');
    expect(pie.values).toEqual([700, 1300, 2334]);
    expect(pie.labels).toEqual(['Champions', 'Big &amp; &lt;loyal&gt;', 'Lost']);
    expect(pie.marker?.colors).toEqual([0, 1, 2].map(segmentColour));
    expect(pie.sort).toBe(false);
  });
});

describe('distinctLabels', () => {
  it('appends the segment number to names the user made equal, so slices do not merge', () => {
    const same = segments.map((s) => ({ ...s, name: s.cluster === 2 ? 'Other' : 'VIP' }));
    expect(distinctLabels(same)).toEqual(['VIP (1)', 'VIP (2)', 'Other']);
  });
});

describe('meanBarsFigure', () => {
  it('has a recency, a frequency and a monetary panel with the segment means, in segment colours', () => {
    const { data, layout } = meanBarsFigure(segments, false);
    const [r, f, m] = data as Partial<BarData>[];
    expect(r!.x).toEqual([12.5, 40, 210]);
    expect(f!.x).toEqual([14.2, 4.1, 1.2]);
    expect(m!.x).toEqual([8200.25, 1500, 280.75]);
    for (const trace of [r, f, m]) {
      expect(trace!.y).toEqual(['Champions', 'Big &amp; &lt;loyal&gt;', 'Lost']);
      expect((trace!.marker as { color: string[] }).color).toEqual([0, 1, 2].map(segmentColour));
    }
    expect([r!.xaxis, f!.xaxis, m!.xaxis]).toEqual(['x', 'x2', 'x3']);
    expect(layout.grid).toMatchObject({ rows: 1, columns: 3 });
    expect(meanBarsFigure(segments, true).layout.grid).toMatchObject({ rows: 3, columns: 1 });
  });
});

describe('radarTraces', () => {
  it("draws each segment's recency, frequency and monetary scores as a closed polygon", () => {
    const traces = radarTraces(segments) as Partial<
      ScatterData & { r: number[]; theta: string[] }
    >[];
    expect(traces.map((t) => t.r)).toEqual([
      [0.8, 0.9, 0.92, 0.8],
      [0.6, 0.55, 0.6, 0.6],
      [0.15, 0.2, 0.18, 0.15],
    ]);
    expect(traces[0]!.theta).toEqual(['Recency', 'Frequency', 'Monetary', 'Recency']);
    expect(traces.map((t) => t.name)).toEqual(['Champions', 'Big &amp; &lt;loyal&gt;', 'Lost']);
    expect(traces.map((t) => t.line?.color)).toEqual([0, 1, 2].map(segmentColour));
  });

  it('overlays the what-if customer with its own scores', () => {
    const trace = whatIfRadarTrace({ recency: 0.3, frequency: 0.4, monetary: 0.5 }) as {
      r: number[];
    };
    expect(trace.r).toEqual([0.3, 0.4, 0.5, 0.3]);
  });
});

describe('monthlySpendTrace', () => {
  it('has one bar per month with its revenue, orders for the hover', () => {
    const monthly = [
      { month: '2010-12', revenue: 711.79, orders: 1 },
      { month: '2011-01', revenue: 0, orders: 0 },
      { month: '2011-02', revenue: 475.39, orders: 2 },
    ];
    const trace = monthlySpendTrace(monthly, segmentColour(2)) as Partial<BarData>;
    expect(trace.x).toEqual(['2010-12', '2011-01', '2011-02']);
    expect(trace.y).toEqual([711.79, 0, 475.39]);
    expect(trace.customdata).toEqual([1, 0, 2]);
    expect(trace.marker?.color).toBe(segmentColour(2));
  });
});
