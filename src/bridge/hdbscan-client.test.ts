/**
 * HDBSCAN's own worker, driven through the page's client with a fake Worker: a real Comlink
 * endpoint over a MessageChannel in this process (Node has no Web Worker) exposing the worker's
 * API, plus `terminate` and the `error` event a dying worker fires. Cancelling a running fit must
 * reject at once with 'cancelled' and terminate the worker (a busy worker cannot be interrupted);
 * a fit that ends must end its worker too, and a later cancel must change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisError } from '../core/errors.ts';
import type { Points } from '../core/types.ts';
import { fitHdbscan, type HdbscanChoice } from '../core/validation/hdbscan-model.ts';
import type { HdbscanProgress } from '../core/hdbscan/index.ts';
import { WorkerCrashError } from './analysis-client.ts';
import { FakeWorker } from './fake-worker.ts';
import { fitHdbscanInWorker } from './hdbscan-client.ts';

/** A worker whose `fit` runs the real engine, or waits for `release()` first. */
function hdbscanWorker(hold: boolean) {
  const state = { fitCalls: 0, release: () => undefined as void };
  const worker = new FakeWorker({
    fit: async (points: Points, choice: HdbscanChoice, onProgress?: HdbscanProgress) => {
      state.fitCalls++;
      onProgress?.(0, 'core-distances');
      if (hold) await new Promise<void>((resolve) => (state.release = resolve));
      return fitHdbscan(points, choice, onProgress);
    },
  });
  return Object.assign(worker, { state });
}

let workers: FakeWorker[] = [];
afterEach(() => {
  for (const worker of workers) worker.terminate();
  workers = [];
});

/** Two tight groups of 20 and a far point: HDBSCAN(5, 5) finds the two groups. */
function twoGroups(): Points {
  const values: number[] = [];
  for (let i = 0; i < 20; i++) values.push(i * 0.01, 0, 10 + i * 0.01, 0);
  values.push(100, 100);
  return { count: 41, dims: 2, values: Float64Array.from(values) };
}

function start(hold: boolean, signal: AbortSignal, onProgress: (f: number) => void = () => {}) {
  const worker = hdbscanWorker(hold);
  workers.push(worker);
  const points = twoGroups();
  const fit = fitHdbscanInWorker(
    points,
    { minClusterSize: 5, minSamples: 5 },
    onProgress,
    signal,
    () => worker as unknown as Worker,
  );
  return { worker, fit, points };
}

/** Rejects if `promise` has not settled within `ms`: "at once" in a test. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms),
    ),
  ]);
}

describe('fitHdbscanInWorker', () => {
  it('fits in the worker, reports progress, transfers the points and ends the worker', async () => {
    const progress: number[] = [];
    const { worker, fit, points } = start(false, new AbortController().signal, (f) =>
      progress.push(f),
    );
    const result = await fit;
    expect(result.clusters).toBe(2);
    expect(result.noise).toBe(1);
    expect(Array.from(result.labels.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    // Transferred, not copied: the page's buffer is the worker's now.
    expect(points.values.length).toBe(0);
    expect(worker.terminated).toBe(true);
  });

  it('rejects at once with "cancelled" and terminates the busy worker', async () => {
    const controller = new AbortController();
    const { worker, fit } = start(true, controller.signal);
    await expect.poll(() => worker.state.fitCalls).toBe(1);
    controller.abort();
    const error = await within(fit, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(worker.terminated).toBe(true);
  });

  it('does not start the fit when cancelled before it began', async () => {
    const controller = new AbortController();
    controller.abort();
    const { worker, fit } = start(true, controller.signal);
    await expect(within(fit, 100)).rejects.toMatchObject({ code: 'cancelled' });
    expect(worker.terminated).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(worker.state.fitCalls).toBe(0);
  });

  it('changes nothing when cancelled after the fit arrived, and a new fit runs', async () => {
    const controller = new AbortController();
    const first = start(false, controller.signal);
    const result = await first.fit;
    controller.abort();
    expect(result.clusters).toBe(2);
    const again = start(false, new AbortController().signal);
    expect((await again.fit).labels).toEqual(result.labels);
  });

  it('rejects with WorkerCrashError when the worker dies, and terminates it', async () => {
    const { worker, fit } = start(true, new AbortController().signal);
    await expect.poll(() => worker.state.fitCalls).toBe(1);
    const event = worker.crash('out of memory');
    await expect(within(fit, 100)).rejects.toBeInstanceOf(WorkerCrashError);
    expect(event.defaultPrevented).toBe(true);
    expect(worker.terminated).toBe(true);
  });
});
