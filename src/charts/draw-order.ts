/**
 * Which charts draw first. A WebGL chart (the 3D scatter) is by far the slowest to draw under
 * software WebGL, and for seconds it holds the page: compiling shaders and turning axis labels
 * into shapes on the main thread, then plotly's hover-picking `readPixels`, which waits for the
 * GPU process to finish the whole scene. Drawn ahead on a hidden screen, it held up the chart the
 * user was looking at (the elbow, about 10 s on the full UCI file under load). So a WebGL chart
 * draws only on the screen shown (`ScreenShown`), after every 2D chart being drawn has finished,
 * and in an idle moment.
 */
import type { Data } from 'plotly.js';
import { createContext } from 'react';

/** False inside a result screen that is mounted but not shown (drawn ahead or opened before). */
export const ScreenShown = createContext(true);

/** plotly's WebGL trace types: `scatter3d`, `mesh3d`, …, `scattergl`, `heatmapgl`, … */
export function drawsWithWebGl(data: readonly Data[]): boolean {
  return data.some((trace) => /(3d|gl)$/.test((trace as { type?: string }).type ?? ''));
}

const drawing = new Set<Promise<unknown>>();

/** Runs a 2D chart's drawing; WebGL charts asked to draw meanwhile wait for it to finish. */
export function drawing2d<T>(draw: Promise<T>): Promise<T> {
  drawing.add(draw);
  const done = () => drawing.delete(draw);
  draw.then(done, done);
  return draw;
}

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });

/** Resolves once no 2D chart is being drawn and the page has had an idle moment. */
export async function webGlTurn(): Promise<void> {
  do {
    while (drawing.size > 0) await Promise.allSettled([...drawing]);
    await idle();
    // A 2D chart that started while this waited for the idle moment goes first as well.
  } while (drawing.size > 0);
}
