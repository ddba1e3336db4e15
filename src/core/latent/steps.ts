/**
 * The Explore engine's long computations are generators that yield their progress after each
 * unit of work (an epoch, a fit, a resample). Two ways to drive one: straight to the end with
 * progress and an AbortSignal (tests, the command line), or a time budget at a time (the worker,
 * which answers other requests between budgets; see explore.ts).
 */
import { throwIfAborted } from '../errors.ts';

/** Runs to the end; `signal` is checked between steps (AnalysisError 'cancelled'). */
export function runToEnd<P, R>(
  steps: Generator<P, R, void>,
  onProgress?: (progress: P) => void,
  signal?: AbortSignal,
): R {
  for (;;) {
    throwIfAborted(signal);
    const next = steps.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
  }
}

/** A generator run a time budget at a time. */
export class Resumable<P, R> {
  private last: P | null = null;
  private done: R | null = null;

  constructor(private readonly steps: Generator<P, R, void>) {}

  /** The run's outcome once finished. */
  get result(): R | null {
    return this.done;
  }

  /** Runs steps for about `budgetMs` (at least one, unless finished). */
  advance(budgetMs: number): { progress: P | null; result: R | null } {
    const until = performance.now() + budgetMs;
    while (this.done === null) {
      const next = this.steps.next();
      if (next.done) this.done = next.value;
      else this.last = next.value;
      if (performance.now() >= until) break;
    }
    return { progress: this.last, result: this.done };
  }
}
