/**
 * The page's side of the analysis worker. The worker starts lazily on the first call. Every call
 * can be cancelled with an AbortSignal: a busy worker cannot be interrupted, so cancelling
 * terminates it and settles the pending promises here; the next call starts a fresh worker. A
 * worker that dies (out of memory, a crash) rejects what was pending with a clear error too.
 */
import * as Comlink from 'comlink';
import { AnalysisError } from '../core/index.ts';
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
  call<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Terminates the worker (and its cached data). */
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

  const stop = (error: Error) => {
    worker?.terminate();
    worker = null;
    remote = null;
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

  return {
    get alive() {
      return worker !== null;
    },
    reset() {
      stop(new AnalysisError('cancelled', 'The analysis was cancelled.'));
    },
    call<T>(work: (api: Remote) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted)
        return Promise.reject(new AnalysisError('cancelled', 'The analysis was cancelled.'));
      const api = remote ?? start();
      return new Promise<T>((resolve, reject) => {
        const settle = (error: Error) => {
          pending.delete(settle);
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        };
        const onAbort = () => stop(new AnalysisError('cancelled', 'The analysis was cancelled.'));
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
    },
  };
}

export const analysisClient = createAnalysisClient();
