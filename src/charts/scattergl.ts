/**
 * plotly's WebGL 2D scatter (`scattergl`), added to our bundle only when a chart needs it (the
 * customer map), so every other screen loads no more than before. The "strict" build of the
 * trace uses shaders compiled ahead of time: the regular one compiles them with `new Function`,
 * which the page's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
import { useEffect, useState } from 'react';
import { loadPlotly } from './Plot.tsx';

let ready: Promise<void> | null = null;

/** Resolves once <Plot> can draw `type: 'scattergl'` traces. */
export function loadScatterGl(): Promise<void> {
  ready ??= Promise.all([loadPlotly(), import('plotly.js/src/traces/scattergl/strict')]).then(
    ([Plotly, scattergl]) => Plotly.register(scattergl.default),
  );
  return ready;
}

/**
 * For a chart that draws with `scattergl`: loads it once `needed`, and says whether it is ready
 * or why it could not be loaded.
 */
export function useScatterGl(needed = true): { ready: boolean; failed: string | null } {
  const [state, setState] = useState<{ ready: boolean; failed: string | null }>({
    ready: false,
    failed: null,
  });
  useEffect(() => {
    if (!needed) return;
    let live = true;
    loadScatterGl().then(
      () => live && setState({ ready: true, failed: null }),
      (error: unknown) => live && setState({ ready: false, failed: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [needed]);
  return state;
}
