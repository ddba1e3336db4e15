/**
 * The page's side of the analysis worker. The worker starts lazily on the first call. Every call
 * can be cancelled with an AbortSignal: a busy worker cannot be interrupted, so cancelling
 * terminates it and settles the pending promises here. A worker that dies (out of memory, a crash)
 * rejects what was pending with a clear error too. A stopped worker takes its data with it: only
 * `fresh` calls (sniff, prepare, restore) start a new one; any other call until then rejects with
 * the reason the last one stopped, never reaching a new worker that holds no data.
 */
import * as Comlink from 'comlink';
import { cancelledError } from '../core/index.ts';
import type { AnalysisApi } from '../worker/analysis.api.ts';
import { installErrorTransfer } from './error-transfer.ts';

installErrorTransfer();

type Remote = Comlink.Remote<AnalysisApi>;

export class WorkerCrashError extends Error {
  constructor(detail: string) {
    super(
      'The analysis stopped unexpectedly, most likely because the file is too large for the memory this browser tab may use. Close other tabs and try again, or try a smaller export.',
    );
    this.name = 'WorkerCrashError';
    this.stack = detail;
  }
}

export interface AnalysisClient {
  /** Work on the data an earlier `fresh` call left in the worker. */
  call<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Work that needs nothing from earlier calls: it starts a worker if none is running. */
  fresh<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Starts a worker while the start screen waits for a file, to ready its code for the first k
   * sweep (the worker's `warmUp`); `reset` keeps that worker, which holds no data. Does nothing
   * when a worker is running.
   */
  warm(): void;
  /** Terminates the worker (and its cached data), unless it has only warmed up. */
  reset(): void;
  /** True while a worker with loaded data is alive. */
  readonly alive: boolean;
}

export function createAnalysisClient(
  startWorker: () => Worker = () =>
    new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'analysis',
    }),
): AnalysisClient {
  let worker: Worker | null = null;
  let remote: Remote | null = null;
  const pending = new Set<(error: Error) => void>();
  /** Why the last worker stopped, while no `fresh` call has started another. */
  let stopped: Error | null = null;
  /** True while the worker has been asked for nothing but its warm-up. */
  let blank = false;

  const stop = (error: Error) => {
    worker?.terminate();
    worker = null;
    remote = null;
    stopped = error;
    for (const reject of [...pending]) reject(error);
    pending.clear();
  };

  const start = (): Remote => {
    const w = startWorker();
    w.addEventListener('error', (event) => {
      event.preventDefault();
      stop(new WorkerCrashError(event.message || 'worker error'));
    });
    w.addEventListener('messageerror', () =>
      stop(new WorkerCrashError('message could not be read')),
    );
    worker = w;
    remote = Comlink.wrap<AnalysisApi>(w);
    return remote;
  };

  const run = <T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (signal?.aborted) return Promise.reject(cancelledError());
    const api = remote ?? start();
    blank = false;
    return new Promise<T>((resolve, reject) => {
      const settle = (error: Error) => {
        pending.delete(settle);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => stop(cancelledError());
      pending.add(settle);
      signal?.addEventListener('abort', onAbort, { once: true });
      work(api).then(
        (value) => {
          pending.delete(settle);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    });
  };

  return {
    get alive() {
      return worker !== null && !blank;
    },
    warm() {
      if (remote) return;
      const api = start();
      blank = true;
      api.warmUp().catch(() => undefined);
    },
    reset() {
      if (!blank) stop(cancelledError());
    },
    call<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T> {
      // The error says what happened (a crash offers Try again; a cancel shows nothing), where a
      // new worker would answer "no data yet".
      if (stopped) return Promise.reject(stopped);
      return run(work, signal);
    },
    fresh<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T> {
      stopped = null;
      return run(work, signal);
    },
  };
}

export const analysisClient = createAnalysisClient();
