import { describe, expect, it } from 'vitest';
import { countryBreakdown } from '../../core/index.ts';
import { countryMap, offMap, segmentMixFigure } from './country-charts.ts';

// UK twice under two names (2 + 1 customers), Malta (no outline at 1:110m), the Channel Islands
// (no one country) and a customer with no country.
const breakdown = countryBreakdown(
  ['United Kingdom', 'United Kingdom', 'UK', 'Malta', 'Channel Islands', ''],
  [1000, 9000, 90000, 100, 50, 5],
  [0, 1, 1, 0, 1, 0],
  2,
);
const onMap = new Set(['GBR', 'FRA']);
const segments = [
  { cluster: 0, name: 'Champions' },
  { cluster: 1, name: 'At risk' },
];

describe('countryMap', () => {
  const { data, layout } = countryMap(breakdown, onMap, false);
  const trace = data[0] as {
    locations: string[];
    z: number[];
    customdata: number[][];
    text: string[];
    zmin: number;
    zmax: number;
    colorbar: { tickvals: number[]; ticktext: string[] };
  };

  it('adds the names of one country into one area, shaded by the log of its revenue', () => {
    expect(trace.locations).toEqual(['GBR']);
    expect(trace.text).toEqual(['UK, United Kingdom']);
    expect(trace.customdata).toEqual([[3, 100000]]);
    expect(trace.z).toEqual([5]);
  });

  it('shades whole decades around the data, labelled in money', () => {
    expect([trace.zmin, trace.zmax]).toEqual([5, 6]);
    expect(trace.colorbar.ticktext).toEqual(['100k', '1M']);
    expect(trace.colorbar.tickvals).toEqual([5, 6]);
    const spread = countryMap(
      countryBreakdown(['France', 'Spain'], [850, 123_456], [0, 0], 1),
      new Set(['FRA', 'ESP']),
      false,
    ).data[0] as { zmin: number; zmax: number; colorbar: { ticktext: string[] } };
    expect([spread.zmin, spread.zmax]).toEqual([2, 6]);
    expect(spread.colorbar.ticktext).toEqual(['100', '1k', '10k', '100k', '1M']);
  });

  it('leaves the colour scale out on a phone, where it would squeeze the map', () => {
    expect((countryMap(breakdown, onMap, true).data[0] as { showscale: boolean }).showscale).toBe(
      false,
    );
  });

  it('draws the world from our outline, without Antarctica', () => {
    expect(layout.geo).toMatchObject({
      scope: 'world',
      resolution: 110,
      lataxis: { range: [-58, 85] },
    });
  });
});

describe('offMap', () => {
  it('lists names that are no one country apart from countries too small for the map', () => {
    const { noCountry, tooSmall } = offMap(breakdown.rows, onMap);
    expect(noCountry.map((r) => r.name)).toEqual(['Channel Islands', '']);
    expect(tooSmall.map((r) => r.name)).toEqual(['Malta']);
  });
});

describe('segmentMixFigure', () => {
  it("splits each country's customers into its segments' shares, largest country on top", () => {
    const { data } = segmentMixFigure(breakdown, segments, false, 2);
    const [champions, atRisk] = data as { y: string[]; x: number[]; customdata: number[] }[];
    // The two countries with most customers (United Kingdom 2, then a tie of 1 broken by
    // revenue: UK), bottom to top.
    expect(champions!.y).toEqual(['UK', 'United Kingdom']);
    expect(champions!.x).toEqual([0, 0.5]);
    expect(atRisk!.x).toEqual([1, 0.5]);
    expect(atRisk!.customdata).toEqual([1, 1]);
  });

  it('makes room above the bars for the legend: more rows on a phone', () => {
    const six = Array.from({ length: 6 }, (_, cluster) => ({ cluster, name: `S${cluster}` }));
    expect(segmentMixFigure(breakdown, six, false).layout.margin?.t).toBe(30);
    expect(segmentMixFigure(breakdown, six, true).layout.margin?.t).toBe(74);
  });
});
