/**
 * Moments of the page that work waits for: an idle one (nothing else to do) or the next frame
 * painted.
 */

/**
 * Runs `work` in the page's next idle moment, or after `timeoutMs` if none comes sooner (browsers
 * without requestIdleCallback: after a short pause). Returns a function that calls it off.
 */
export function whenIdle(work: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 50);
  return () => clearTimeout(id);
}

/** Resolves in the page's next idle moment (see whenIdle). */
export const idle = (timeoutMs: number): Promise<void> =>
  new Promise((resolve) => void whenIdle(resolve, timeoutMs));

/**
 * Resolves once the page has painted the next frame (two animation frames: the second starts
 * after the first frame is done), or after `fallbackMs` in a background tab, where animation
 * frames wait for the tab to be shown; at once without animation frames (Node).
 *
 * Not an idle moment: under software rendering the GPU process can take a second to raster a
 * screen of charts, and the page has no idle moment until it has (measured: a WebGL chart waiting
 * for one started 1.0 s late, the idle callback's whole timeout, with the page itself idle).
 * The frame is the page's part; its raster goes on in the GPU process beside the page's work.
 */
export function painted(fallbackMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(fallback);
        resolve();
      }),
    );
  });
}
