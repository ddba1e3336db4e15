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
