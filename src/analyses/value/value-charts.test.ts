import { describe, expect, it } from 'vitest';
import {
  aliveHeatmap,
  calibrationChart,
  calibrationLabel,
  segmentValueChart,
  valueBands,
} from './value-charts.ts';

describe('valueBands', () => {
  it('bands of 1, 2.5, 5 x 10^n from 0, the last open, counts and totals per band', () => {
    const bands = valueBands(Float64Array.of(0, 3, 10, 24.9, 25, 99, 100, 260, NaN));
    expect(bands.map((b) => b.label)).toEqual([
      '0–10',
      '10–25',
      '25–50',
      '50–100',
      '100–250',
      '250+',
    ]);
    expect(bands.map((b) => b.customers)).toEqual([2, 2, 1, 1, 1, 1]);
    expect(bands[1]!.total).toBeCloseTo(34.9, 12);
    expect(bands.at(-1)).toMatchObject({ from: 250, to: Infinity, total: 260 });
  });

  it('large values get k and M labels; all below 10 is one open band', () => {
    expect(valueBands(Float64Array.of(1, 2)).map((b) => b.label)).toEqual(['0+']);
    const labels = valueBands(Float64Array.of(5, 1_200_000)).map((b) => b.label);
    expect(labels).toContain('1k–2.5k');
    expect(valueBands(Float64Array.of(120, 300)).map((b) => b.label)).toEqual(['100–250', '250+']);
    expect(labels.slice(-2)).toEqual(['500k–1M', '1M+']);
  });
});

describe('segmentValueChart', () => {
  it('stacks the value likely to stay and at risk, escaped names, segment colours', () => {
    const rows = [
      {
        segment: 0,
        customers: 2,
        totalClv: 140,
        meanClv: 70,
        meanPAlive: 0.6,
        expectedOrders90: 1,
        atRiskCustomers: 1,
        atRiskClv: 40,
      },
      {
        segment: 1,
        customers: 1,
        totalClv: 10,
        meanClv: 10,
        meanPAlive: 0.9,
        expectedOrders90: 1,
        atRiskCustomers: 0,
        atRiskClv: 0,
      },
    ];
    const { data, layout } = segmentValueChart(rows, ['<b>Best</b>', 'Others']);
    expect(layout.barmode).toBe('stack');
    const [stay, risk] = data as { x: string[]; y: number[] }[];
    expect(stay!.x).toEqual(['&lt;b&gt;Best&lt;/b&gt;', 'Others']);
    expect(stay!.y).toEqual([100, 10]);
    expect(risk!.y).toEqual([40, 0]);
  });
});

describe('calibrationChart and aliveHeatmap', () => {
  it('labels 0..5 and 6+, actual and predicted side by side', () => {
    expect([0, 5, 6].map(calibrationLabel)).toEqual(['0', '5', '6+']);
    const { data } = calibrationChart([
      { frequency: 0, actual: 0.5, predicted: 0.4 },
      { frequency: 6, actual: 4, predicted: 3.5 },
    ]);
    expect((data as { x: string[]; y: number[] }[]).map((t) => [t.x, t.y])).toEqual([
      [
        ['0', '6+'],
        [0.5, 4],
      ],
      [
        ['0', '6+'],
        [0.4, 3.5],
      ],
    ]);
  });

  it('draws the matrix as it is, on a fixed 0..1 scale', () => {
    const matrix = {
      frequencies: [1, 2],
      daysSinceLast: [0, 10],
      pAlive: [
        [0.9, 0.5],
        [0.95, 0.3],
      ],
      T: 10,
    };
    const trace = aliveHeatmap(matrix).data[0] as {
      z: number[][];
      zmin: number;
      zmax: number;
      x: number[];
    };
    expect(trace.z).toBe(matrix.pAlive);
    expect(trace.x).toEqual([0, 10]);
    expect([trace.zmin, trace.zmax]).toEqual([0, 1]);
  });
});
