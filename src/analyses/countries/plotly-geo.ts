/**
 * The world map's part of plotly, loaded only for the Countries screen: the choropleth trace
 * (with plotly's geo subplot) registered on the app's plotly bundle, and the world outline from
 * our own build. Plotly would otherwise fetch the outline from its CDN; we hand it over before
 * the first map is drawn, and point `topojsonURL` at our own origin so a missing outline could
 * never be asked of another site.
 */
import choropleth from 'plotly.js/lib/choropleth';
import type { Config } from 'plotly.js';
import { loadPlotly } from '../../charts/Plot.tsx';
import worldText from './world-110m.topojson?raw';

/** The outline plotly looks for at scope "world", resolution 110 (its `<scope>_<res>m` name). */
const WORLD = 'world_110m';

declare global {
  interface Window {
    PlotlyGeoAssets?: { topojson: Record<string, unknown> };
  }
}

interface WorldOutline {
  objects: { countries: { geometries: { id?: string }[] } };
}

let ready: Promise<ReadonlySet<string>> | null = null;

/**
 * Registers the map on the shared plotly bundle once, so <Plot> can draw choropleths; resolves to
 * the ISO-3 codes the map has an outline for (the smallest countries have none at this scale).
 */
export function loadGeoPlotly(): Promise<ReadonlySet<string>> {
  ready ??= loadPlotly().then((Plotly) => {
    Plotly.register([choropleth]);
    const world = JSON.parse(worldText) as WorldOutline;
    // Registering the geo subplot creates the global plotly keeps outlines in.
    const assets = (window.PlotlyGeoAssets ??= { topojson: {} });
    assets.topojson[WORLD] = world;
    return new Set(world.objects.countries.geometries.flatMap((g) => (g.id ? [g.id] : [])));
  });
  return ready;
}

/** The map's plotly config: outlines from this site only, and no camera-only toolbar clutter. */
export function geoConfig(): Partial<Config> {
  return {
    topojsonURL: new URL('./', document.baseURI).href,
    displayModeBar: false,
    scrollZoom: false,
  };
}
