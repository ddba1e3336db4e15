/// <reference lib="webworker" />
/**
 * HDBSCAN in a worker of its own, started by the page for one fit: it is the slow model
 * (O(n^2)), and a busy worker can only be stopped by terminating it. Here that loses nothing: the
 * analysis worker keeps the customers, and the page hands the fit to it when it is done.
 */
import * as Comlink from 'comlink';
import type { HdbscanProgress } from '../core/hdbscan/index.ts';
import type { Points } from '../core/types.ts';
import {
  fitHdbscan,
  type HdbscanChoice,
  type HdbscanFit,
} from '../core/validation/hdbscan-model.ts';

const api = {
  fit(points: Points, choice: HdbscanChoice, onProgress?: HdbscanProgress): HdbscanFit {
    const fit = fitHdbscan(points, choice, onProgress);
    return Comlink.transfer(fit, [
      fit.labels.buffer as ArrayBuffer,
      fit.strengths.buffer as ArrayBuffer,
      fit.outlierScores.buffer as ArrayBuffer,
    ]);
  },
};

export type HdbscanWorkerApi = typeof api;
Comlink.expose(api);
