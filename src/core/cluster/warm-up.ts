/**
 * Warming up the k sweep's code. A new worker starts with its code uncompiled: V8 interprets the
 * sweep's first fits and optimizes them only as they run. In the app the first k sweep of a page
 * took 1.06 to 1.23 s and the next ones (other scalings chosen on Choose k: as much work, on the
 * same customers) 0.51 to 0.66 s (docs/speed-log.md). So while the start screen waits for a
 * file, both workers run the same code on a small made-up set of customers: by the time a real
 * sweep comes, its loops are optimized. Nothing of it is kept and every result is computed
 * afresh, so no number can change; real work stops the warm-up at its next step, each a few
 * milliseconds.
 */
import type { Points } from '../types.ts';
import { createRng } from '../random.ts';
import { fitKMeans, type KMeansFit } from './kmeans.ts';
import { silhouettePartSums } from './silhouette.ts';

/** Made-up customers: a few round clouds in three features (the default RFM), seeded. */
export function warmUpPoints(count = 1200, dims = 3): Points {
  const rng = createRng(7);
  const values = new Float64Array(count * dims);
  for (let i = 0; i < count; i++) {
    const cloud = i % 4;
    for (let j = 0; j < dims; j++)
      values[i * dims + j] = cloud * (j + 1) + (rng() + rng() + rng() - 1.5);
  }
  return { count, dims, values };
}

/**
 * The steps of a warm-up, each a few milliseconds once optimized and tens before: fits for k = 2
 * to 10 (two starts each, as the sweep's fits run many), then both parts of the silhouette's pairs
 * for those fits.
 */
export function warmUpSteps(points: Points = warmUpPoints()): (() => void)[] {
  const fits: KMeansFit[] = [];
  const steps: (() => void)[] = [];
  for (let k = 2; k <= 10; k++)
    steps.push(() => void fits.push(fitKMeans(points, k, { restarts: 2 })));
  for (const part of [0, 1] as const) steps.push(() => void silhouettePartSums(points, fits, part));
  return steps;
}

/**
 * Runs `steps`, one per task (`next` schedules the next one), until they are done or `stopped()`
 * says real work has come. Resolves with the number of steps run.
 */
export async function warmUp(
  stopped: () => boolean,
  steps: readonly (() => void)[] = warmUpSteps(),
  next: (go: () => void) => void = (go) => setTimeout(go, 0),
): Promise<number> {
  let done = 0;
  for (const step of steps) {
    await new Promise<void>((resolve) => next(resolve));
    if (stopped()) break;
    step();
    done++;
  }
  return done;
}
