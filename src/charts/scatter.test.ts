import type { ScatterData } from 'plotly.js';
import { describe, expect, it } from 'vitest';
import { scatterLayout, scatterTraces } from './scatter.ts';
import { segmentColour } from './palette.ts';

const input = {
  ids: ['12346', '<b>x</b>', '12348', 'O\'Neil & Co', '12350'],
  recency: Float64Array.from([326, 2, 75, 19, 310]),
  frequency: Float64Array.from([1, 7, 4, 1, 1]),
  monetary: Float64Array.from([77183.6, 4310, 1797.24, 1757.55, 334.4]),
  labels: Int32Array.from([1, 0, 0, 1, 2]),
  segments: [
    { cluster: 0, name: 'Champions' },
    { cluster: 1, name: 'At <risk>' },
    { cluster: 2, name: 'Lost' },
  ],
};

const traces = () => scatterTraces(input) as Partial<ScatterData>[];

describe('scatterTraces', () => {
  it('draws one scatter3d marker trace per segment, in segment order', () => {
    const t = traces();
    expect(t).toHaveLength(3);
    for (const trace of t) {
      expect(trace.type).toBe('scatter3d');
      expect(trace.mode).toBe('markers');
    }
  });

  it('puts exactly each segment\'s customers on x (R), y (F) and z (M)', () => {
    const [champions, atRisk, lost] = traces();
    expect(Array.from(champions!.x as Float64Array)).toEqual([2, 75]);
    expect(Array.from(champions!.y as Float64Array)).toEqual([7, 4]);
    expect(Array.from(champions!.z as Float64Array)).toEqual([4310, 1797.24]);
    expect(Array.from(atRisk!.x as Float64Array)).toEqual([326, 19]);
    expect(Array.from(atRisk!.y as Float64Array)).toEqual([1, 1]);
    expect(Array.from(atRisk!.z as Float64Array)).toEqual([77183.6, 1757.55]);
    expect(Array.from(lost!.x as Float64Array)).toEqual([310]);
    expect(Array.from(lost!.z as Float64Array)).toEqual([334.4]);
  });

  it('colours each trace with its segment colour and names it with the escaped segment name', () => {
    const t = traces();
    expect(t.map((trace) => trace.marker?.color)).toEqual([0, 1, 2].map(segmentColour));
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

  it('keeps an empty segment as an empty trace, so colours and legend stay aligned', () => {
    const t = scatterTraces({ ...input, labels: Int32Array.from([0, 0, 0, 0, 0]) }) as Partial<ScatterData>[];
    expect(t).toHaveLength(3);
    expect((t[1]!.x as Float64Array).length).toBe(0);
    expect(t[1]!.marker?.color).toBe(segmentColour(1));
  });
});

describe('scatterLayout', () => {
  it('switches all three axes between linear and log', () => {
    expect(scatterLayout(true, 500).scene?.xaxis?.type).toBe('log');
    expect(scatterLayout(true, 500).scene?.zaxis?.type).toBe('log');
    expect(scatterLayout(false, 500).scene?.yaxis?.type).toBe('linear');
  });
});
