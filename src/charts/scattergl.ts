/**
 * plotly's WebGL 2D scatter (`scattergl`), added to our bundle only when a chart needs it (the
 * customer map), so every other screen loads no more than before. The "strict" build of the
 * trace uses shaders compiled ahead of time: the regular one compiles them with `new Function`,
 * which the page's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
import { loadPlotly } from './Plot.tsx';

let ready: Promise<void> | null = null;

/** Resolves once <Plot> can draw `type: 'scattergl'` traces. */
export function loadScatterGl(): Promise<void> {
  ready ??= Promise.all([loadPlotly(), import('plotly.js/src/traces/scattergl/strict')]).then(
    ([Plotly, scattergl]) => Plotly.register(scattergl.default),
  );
  return ready;
}
