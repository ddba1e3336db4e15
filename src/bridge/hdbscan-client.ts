/**
 * Runs one HDBSCAN fit in a fresh worker (worker/hdbscan.worker.ts). Cancelling terminates that
 * worker at once, whatever it is doing, and rejects with the engine's 'cancelled' error; the
 * analysis worker and its data are untouched.
 */
import * as Comlink from 'comlink';
import { cancelledError } from '../core/index.ts';
import type { Points } from '../core/types.ts';
import type { HdbscanChoice, HdbscanFit } from '../core/validation/hdbscan-model.ts';
import type { HdbscanWorkerApi } from '../worker/hdbscan.worker.ts';
import { installErrorTransfer } from './error-transfer.ts';
import { WorkerCrashError } from './analysis-client.ts';

installErrorTransfer();

const startWorker = (): Worker =>
  new Worker(new URL('../worker/hdbscan.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hdbscan',
  });

/**
 * `points` are transferred (their buffer is the worker's afterwards). `makeWorker` is for tests,
 * which pass a fake worker (Node has no Web Worker).
 */
export function fitHdbscanInWorker(
  points: Points,
  choice: HdbscanChoice,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
  makeWorker: () => Worker = startWorker,
): Promise<HdbscanFit> {
  const worker = makeWorker();
  const remote = Comlink.wrap<HdbscanWorkerApi>(worker);
  return new Promise<HdbscanFit>((resolve, reject) => {
    const stop = (error: Error) => {
      worker.terminate();
      reject(error);
    };
    const onAbort = () => stop(cancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      stop(new WorkerCrashError(event.message || 'HDBSCAN worker error'));
    });
    remote
      .fit(
        Comlink.transfer(points, [points.values.buffer as ArrayBuffer]),
        choice,
        Comlink.proxy((fraction: number) => onProgress(fraction)),
      )
      .then(
        (fit) => {
          signal.removeEventListener('abort', onAbort);
          worker.terminate();
          resolve(fit);
        },
        (error: unknown) => stop(error instanceof Error ? error : new Error(String(error))),
      );
  });
}
