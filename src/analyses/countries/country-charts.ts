/**
 * Pure mappers from the per-country figures (core/geo/countries.ts) to what the Countries screen
 * draws: the world map shaded by revenue, the segment mix of the largest countries, and the
 * countries the map cannot show.
 */
import type { Data, Layout } from 'plotly.js';
import type { CountryBreakdown, CountryRow, SegmentProfile } from '../../core/index.ts';
import { escapeForPlotly } from '../../charts/escape.ts';
import { segmentColour } from '../../charts/palette.ts';
import { distinctLabels } from '../../charts/segment-charts.ts';

/** How a country is named on screen: as the file writes it, or "No country" for an empty cell. */
export const countryLabel = (row: Pick<CountryRow, 'name'>) => row.name || 'No country';

/** Several names of one country ("UK", "United Kingdom") add up to one area of the map. */
interface MapArea {
  iso3: string;
  names: string[];
  customers: number;
  revenue: number;
}

function mapAreas(rows: readonly CountryRow[], onMap: ReadonlySet<string>): MapArea[] {
  const areas = new Map<string, MapArea>();
  for (const row of rows) {
    if (row.iso3 === null || !onMap.has(row.iso3)) continue;
    const area = areas.get(row.iso3) ?? { iso3: row.iso3, names: [], customers: 0, revenue: 0 };
    area.names.push(row.name);
    area.customers += row.customers;
    area.revenue += row.revenue;
    areas.set(row.iso3, area);
  }
  return [...areas.values()];
}

/** The countries with no area on the map: no one country, or too small for a 1:110m outline. */
export function offMap(
  rows: readonly CountryRow[],
  onMap: ReadonlySet<string>,
): { noCountry: CountryRow[]; tooSmall: CountryRow[] } {
  return {
    noCountry: rows.filter((r) => r.iso3 === null),
    tooSmall: rows.filter((r) => r.iso3 !== null && !onMap.has(r.iso3)),
  };
}

/** Revenue spans orders of magnitude (one home market, many small ones): shade by its log. */
const LOG_TICKS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const tickText = (x: number) => (x >= 1e6 ? `${x / 1e6}M` : x >= 1e3 ? `${x / 1e3}k` : String(x));

/**
 * A choropleth of revenue by country (ISO-3 locations), shaded on a log scale whose colour bar
 * reads in money, with customers and revenue on hover.
 */
export function countryMap(
  breakdown: CountryBreakdown,
  onMap: ReadonlySet<string>,
  narrow: boolean,
): { data: Data[]; layout: Partial<Layout> } {
  const areas = mapAreas(breakdown.rows, onMap);
  const z = areas.map((a) => Math.log10(Math.max(1, a.revenue)));
  // Whole decades around the data, so the smallest market is not as pale as no market at all.
  const low = z.length > 0 ? Math.min(...z) : 0;
  const zmin = Math.floor(low);
  const zmax = Math.max(zmin + 1, Math.ceil(Math.max(low, ...z)));
  const ticks = LOG_TICKS.filter((t) => Math.log10(t) >= zmin && Math.log10(t) <= zmax);
  const data: Data[] = [
    {
      type: 'choropleth',
      locationmode: 'ISO-3',
      locations: areas.map((a) => a.iso3),
      z,
      zmin,
      zmax,
      text: areas.map((a) => escapeForPlotly(a.names.map((n) => n || 'No country').join(', '))),
      customdata: areas.map((a) => [a.customers, a.revenue]),
      hovertemplate:
        '%{text}<br>%{customdata[0]:,} customers<br>%{customdata[1]:,.2f} revenue<extra></extra>',
      // Light to dark blue: the lightest still stands out from the grey of countries with none.
      colorscale: [
        [0, '#c6dbef'],
        [0.5, '#4292c6'],
        [1, '#08306b'],
      ],
      // On a phone the scale would squeeze the map; the note under it says how to read it.
      showscale: !narrow,
      marker: { line: { color: '#ffffff', width: 0.5 } },
      colorbar: {
        title: { text: 'Revenue' },
        tickvals: ticks.map((t) => Math.log10(t)),
        ticktext: ticks.map(tickText),
        thickness: 12,
        len: 0.8,
      },
    },
  ];
  const layout: Partial<Layout> = {
    height: narrow ? 200 : 440,
    margin: { l: 0, r: 0, t: 0, b: 0 },
    geo: {
      scope: 'world',
      resolution: 110,
      projection: { type: 'natural earth' },
      showframe: false,
      showcoastlines: false,
      showland: true,
      landcolor: '#eef1f5',
      showcountries: true,
      countrycolor: '#c9d2dc',
      bgcolor: 'rgba(0,0,0,0)',
      // Antarctica takes a sixth of the map and never buys.
      lataxis: { range: [-58, 85] },
    },
  };
  return { data, layout };
}

/**
 * The segment mix of the `top` countries with most customers: one horizontal bar per country,
 * split into its segments' shares of its customers, in the segments' colours.
 */
export function segmentMixFigure(
  breakdown: CountryBreakdown,
  segments: readonly Pick<SegmentProfile, 'cluster' | 'name'>[],
  narrow: boolean,
  top = 12,
): { data: Data[]; layout: Partial<Layout> } {
  const rows = [...breakdown.rows]
    .sort((a, b) => b.customers - a.customers)
    .slice(0, top)
    .reverse(); // plotly draws the first category at the bottom
  const countries = rows.map((r) => escapeForPlotly(countryLabel(r)));
  const names = distinctLabels(segments);
  const data: Data[] = segments.map((s, i) => ({
    type: 'bar',
    orientation: 'h',
    name: names[i]!,
    y: countries,
    x: rows.map((r) => (r.customers > 0 ? (r.segments[s.cluster] ?? 0) / r.customers : 0)),
    customdata: rows.map((r) => r.segments[s.cluster] ?? 0),
    marker: { color: segmentColour(s.cluster) },
    hovertemplate: `%{y}<br>${names[i]!}: %{x:.1%} (%{customdata:,} customers)<extra></extra>`,
  }));
  // The legend goes above the bars, in a margin sized for its rows (about two names a row on a
  // phone, six on a wide screen), so it is never cut off or laid over the axis.
  const legendRows = Math.ceil(segments.length / (narrow ? 2 : 6));
  const legendHeight = legendRows * 22 + 8;
  const layout: Partial<Layout> = {
    barmode: 'stack',
    height: Math.max(200, rows.length * 28 + 40 + legendHeight),
    // Room on the right for half the last tick label, 100%, centred on the axis's end.
    margin: { l: 8, r: 20, t: legendHeight, b: 32 },
    xaxis: { tickformat: '.0%', range: [0, 1], fixedrange: true },
    yaxis: { automargin: true, fixedrange: true },
    // In segment order (plotly lists stacked bars' legend last trace first).
    legend: { orientation: 'h', x: 0, y: 1, yanchor: 'bottom', traceorder: 'normal' },
  };
  return { data, layout };
}
