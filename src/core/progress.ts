import type { ProgressCallback, StageName } from './types.ts';

/**
 * A progress reporter that calls `onProgress` at most every `intervalMs` (about 10 per second),
 * plus always at the start and end of a stage, so a busy loop can report on every chunk cheaply.
 */
export function throttledProgress(
  onProgress: ProgressCallback | undefined,
  intervalMs = 100,
  now: () => number = () => performance.now(),
) {
  let last = -Infinity;
  return (stage: StageName, fraction: number, rows: number, force = false): void => {
    if (!onProgress) return;
    const t = now();
    if (!force && fraction < 1 && t - last < intervalMs) return;
    last = t;
    onProgress({ stage, fraction: Math.min(1, Math.max(0, fraction)), rows });
  };
}

export type Reporter = ReturnType<typeof throttledProgress>;
