/**
 * Which charts draw first. A WebGL chart (the 3D scatter) is by far the slowest to draw under
 * software WebGL, and for seconds it holds the page: compiling shaders and turning axis labels
 * into shapes on the main thread, then plotly's hover-picking `readPixels`, which waits for the
 * GPU process to finish the whole scene. Drawn ahead on a hidden screen, it held up the chart the
 * user was looking at (the elbow, about 10 s on the full UCI file under load). So a WebGL chart
 * draws only on the screen shown (`ScreenShown`), after every 2D chart being drawn has finished
 * and the page has painted them.
 */
import type { Data } from 'plotly.js';
import { createContext } from 'react';
import { idle, painted } from '../ui/idle.ts';

/** False inside a result screen that is mounted but not shown (drawn ahead or opened before). */
export const ScreenShown = createContext(true);

/** plotly's WebGL trace types: `scatter3d`, `mesh3d`, …, `scattergl`, `heatmapgl`, … */
export function drawsWithWebGl(data: readonly Data[]): boolean {
  return data.some((trace) => /(3d|gl)$/.test((trace as { type?: string }).type ?? ''));
}

/** plotly's 3D trace types (`scatter3d`, `mesh3d`, …): a scene with a camera, not 2D axes. */
export function drawsIn3d(data: readonly Data[]): boolean {
  return data.some((trace) => /3d$/.test((trace as { type?: string }).type ?? ''));
}

const drawing2dCharts = new Set<Promise<unknown>>();
const drawingCharts = new Set<Promise<unknown>>();

/**
 * Registers a chart's drawing, from the moment it is asked for (a WebGL chart's wait for its turn
 * included) until it is drawn or has failed: WebGL charts wait for the 2D ones, and work that must
 * not compete with drawing (`chartsDrawn`) waits for all of them.
 */
export function drawingChart<T>(draw: Promise<T>, webGl: boolean): Promise<T> {
  const sets = webGl ? [drawingCharts] : [drawingCharts, drawing2dCharts];
  for (const set of sets) set.add(draw);
  const done = () => sets.forEach((set) => set.delete(draw));
  draw.then(done, done);
  return draw;
}

/** Resolves once none of `charts` is being drawn, and then `moment` has come. */
async function quiet(charts: Set<Promise<unknown>>, moment: () => Promise<void>): Promise<void> {
  do {
    while (charts.size > 0) await Promise.allSettled([...charts]);
    await moment();
    // A chart that started while this waited for the moment goes first as well.
  } while (charts.size > 0);
}

/**
 * Resolves once no 2D chart is being drawn and the page has painted them. Not an idle moment: on
 * a screen of 2D charts under software rendering that came only at the idle callback's timeout,
 * a second late, while the page itself was idle (idle.ts).
 */
export const webGlTurn = (): Promise<void> => quiet(drawing2dCharts, () => painted());

/**
 * Resolves once no chart at all is being drawn (the 3D scatter included) and the page has had an
 * idle moment: for worker work the screen does not wait for (lifetime value for the segment
 * table), which would otherwise take a core from the drawing.
 */
export const chartsDrawn = (): Promise<void> => quiet(drawingCharts, () => idle(1000));
