/**
 * The Explore engine on tiny inputs, fast enough for a mutation run (README, Mutation testing),
 * every answer computed inside its test: the network's layout and one forward pass by hand, Adam's
 * first two steps written out, the settings' checks, PCA's error on axis-aligned points, the
 * comparison's words, exact neighbours with ties, and the Explore session on twelve customers.
 */
import { describe, expect, it } from 'vitest';
import { createRng, DEFAULT_SEED } from '../random.ts';
import type { Points } from '../types.ts';
import {
  autoencoderSettings,
  autoencoderTraining,
  defaultEpochs,
  encode,
  initialParams,
  lossAndGradient,
  networkLayout,
  trainAutoencoder,
} from './autoencoder.ts';
import { compareSpaces, type GroupingRow, percent, summarise } from './compare.ts';
import { DEFAULT_EXPLORE_SETTINGS, Explore } from './explore.ts';
import { customerMap, nearestNeighbours } from './map.ts';
import { pcaReconstructionError } from './pca-baseline.ts';
import { Resumable, runToEnd } from './steps.ts';

const points = (dims: number, ...values: number[]): Points => ({
  count: values.length / dims,
  dims,
  values: Float64Array.from(values),
});

describe('the network', () => {
  it('lays out weights then biases, layer by layer', () => {
    const layout = networkLayout(3, 4, 2);
    expect(layout.sizes).toEqual([3, 4, 2, 4, 3]);
    expect(layout.weightOffsets).toEqual([0, 16, 26, 38]);
    expect(layout.biasOffsets).toEqual([12, 24, 34, 50]);
    expect(layout.parameterCount).toBe(53);
  });

  it('starts from Glorot-uniform weights and zero biases', () => {
    const layout = networkLayout(3, 4, 2);
    const params = initialParams(layout, createRng(8));
    const rng = createRng(8);
    const limits = [Math.sqrt(6 / 7), Math.sqrt(6 / 6), Math.sqrt(6 / 6), Math.sqrt(6 / 7)];
    layout.weightOffsets.forEach((w, l) => {
      const count = layout.sizes[l]! * layout.sizes[l + 1]!;
      for (let k = 0; k < count; k++)
        expect(params[w + k]).toBeCloseTo((2 * rng() - 1) * limits[l]!, 15);
      const bias = layout.biasOffsets[l]!;
      for (let k = 0; k < layout.sizes[l + 1]!; k++) expect(params[bias + k]).toBe(0);
    });
  });

  it('one customer through a 1-1-1-1-1 network by hand (tanh on the hidden layers only)', () => {
    const layout = networkLayout(1, 1, 1);
    // [w0, b0, w1, b1, w2, b2, w3, b3]
    const params = Float64Array.of(0.5, 0.1, -1.2, 0.3, 0.8, -0.2, 1.5, 0.05);
    const x = 0.7;
    const h1 = Math.tanh(0.5 * x + 0.1);
    const z = -1.2 * h1 + 0.3;
    const h2 = Math.tanh(0.8 * z - 0.2);
    const y = 1.5 * h2 + 0.05;
    const one = points(1, x);
    expect(encode(layout, 'tanh', params, one).values[0]).toBeCloseTo(z, 15);
    expect(lossAndGradient(layout, 'tanh', params, one)).toBeCloseTo((y - x) ** 2, 15);
    // Linear: every layer a plain affine map.
    const zl = -1.2 * (0.5 * x + 0.1) + 0.3;
    const yl = 1.5 * (0.8 * zl - 0.2) + 0.05;
    expect(encode(layout, 'linear', params, one).values[0]).toBeCloseTo(zl, 15);
    expect(lossAndGradient(layout, 'linear', params, one)).toBeCloseTo((yl - x) ** 2, 15);
    // d loss / d b3 = 2 (y - x); d loss / d w0 by the chain rule through both tanh layers.
    const grad = new Float64Array(8);
    lossAndGradient(layout, 'tanh', params, one, grad);
    expect(grad[7]).toBeCloseTo(2 * (y - x), 14);
    const dh2 = 2 * (y - x) * 1.5 * (1 - h2 * h2);
    const dh1 = dh2 * 0.8 * -1.2 * (1 - h1 * h1);
    expect(grad[0]).toBeCloseTo(dh1 * x, 14);
    expect(grad[1]).toBeCloseTo(dh1, 14);
  });

  it('the gradient of two customers is the mean of theirs, and equals central differences', () => {
    const layout = networkLayout(2, 3, 1);
    const params = initialParams(layout, createRng(3)).map((v, p) => v + 0.1 * Math.cos(p));
    const two = points(2, 0.5, -1, 1.5, 0.25);
    for (const activation of ['tanh', 'linear'] as const) {
      const grad = new Float64Array(layout.parameterCount);
      const loss = lossAndGradient(layout, activation, params, two, grad);
      const a = lossAndGradient(layout, activation, params, two, undefined, [0]);
      const b = lossAndGradient(layout, activation, params, two, undefined, [1]);
      expect(loss).toBeCloseTo((a + b) / 2, 15);
      for (let p = 0; p < layout.parameterCount; p++) {
        const at = (h: number) => {
          const moved = params.slice();
          moved[p] = moved[p]! + h;
          return lossAndGradient(layout, activation, moved, two);
        };
        expect(grad[p]).toBeCloseTo((at(1e-6) - at(-1e-6)) / 2e-6, 8);
      }
    }
  });
});

describe('training', () => {
  const data = points(2, 0.5, -1, 1.5, 0.25, -0.75, 0.5);

  it('Adam’s first two full-batch steps, on the cosine learning rate, by hand', () => {
    const options = { hiddenUnits: 2, latentDims: 1, epochs: 2, batchSize: 10, learningRate: 0.05, seed: 4 }; // prettier-ignore
    const model = trainAutoencoder(data, options);
    const layout = networkLayout(2, 2, 1);
    const params = initialParams(layout, createRng(4));
    const P = layout.parameterCount;
    const m1 = new Float64Array(P);
    const m2 = new Float64Array(P);
    const losses: number[] = [];
    for (let step = 1; step <= 2; step++) {
      const grad = new Float64Array(P);
      losses.push(lossAndGradient(layout, 'tanh', params, data, grad));
      // Epoch e of E: rate = lr (0.01 + 0.99 (1 + cos(pi e / E)) / 2): lr, then 0.505 lr.
      const rate = step === 1 ? 0.05 : 0.05 * 0.505;
      for (let p = 0; p < P; p++) {
        m1[p] = 0.9 * m1[p]! + 0.1 * grad[p]!;
        m2[p] = 0.999 * m2[p]! + 0.001 * grad[p]! ** 2;
        const mHat = m1[p]! / (1 - 0.9 ** step);
        const vHat = m2[p]! / (1 - 0.999 ** step);
        params[p] = params[p]! - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
    model.params.forEach((v, p) => expect(v).toBeCloseTo(params[p]!, 12));
    expect(model.losses[0]).toBeCloseTo(losses[0]!, 14);
    expect(model.losses[1]).toBeCloseTo(losses[1]!, 14);
    expect(model.reconstructionError).toBeCloseTo(
      lossAndGradient(layout, 'tanh', params, data),
      12,
    );
    expect(Array.from(model.latent.values)).toEqual(Array.from(encode(layout, 'tanh', model.params, data).values)); // prettier-ignore
    expect(model.settings).toEqual({ ...options, activation: 'tanh' });
  });

  it('minibatches: several steps an epoch, each error counted once', () => {
    const six = points(2, 0.5, -1, 1.5, 0.25, -0.75, 0.5, 0, 0, 1, 1, -1, 2);
    const full = trainAutoencoder(six, { epochs: 1, batchSize: 6, seed: 2 });
    const small = trainAutoencoder(six, { epochs: 1, batchSize: 4, seed: 2 });
    // Before any update both see the same starting network: the first batch's error is part of
    // the epoch's; with one batch the epoch's error is the starting loss itself.
    const layout = networkLayout(2, 8, 2);
    const start = lossAndGradient(layout, 'tanh', initialParams(layout, createRng(2)), six);
    expect(full.losses[0]).toBeCloseTo(start, 14);
    expect(small.losses[0]).not.toBeCloseTo(start, 6);
    expect(small.losses[0]).toBeLessThan(start);
    expect(Array.from(small.params)).not.toEqual(Array.from(full.params));
  });

  it('reports each epoch with the losses so far, and yields them as a generator', () => {
    const seen: [number, number, number][] = [];
    trainAutoencoder(data, { epochs: 3 }, (p) => seen.push([p.epoch, p.epochs, p.losses.length]));
    expect(seen).toEqual([
      [1, 3, 1],
      [2, 3, 2],
      [3, 3, 3],
    ]);
    const steps = autoencoderTraining(data, { epochs: 2 });
    expect(steps.next().value).toMatchObject({ epoch: 1, epochs: 2 });
  });

  it('settings: defaults, and every count a whole number >= 1', () => {
    expect(autoencoderSettings(300)).toEqual({
      latentDims: 2,
      hiddenUnits: 8,
      activation: 'tanh',
      epochs: 200,
      batchSize: 64,
      learningRate: 0.01,
      seed: DEFAULT_SEED,
    });
    for (const key of ['latentDims', 'hiddenUnits', 'epochs', 'batchSize'] as const) {
      expect(() => autoencoderSettings(300, { [key]: 0 })).toThrow(key);
      expect(() => autoencoderSettings(300, { [key]: 1.5 })).toThrow(key);
      expect(autoencoderSettings(300, { [key]: 1 })[key]).toBe(1);
    }
    expect(() => autoencoderSettings(300, { learningRate: 0 })).toThrow('learning rate');
    expect(() => autoencoderSettings(300, { learningRate: NaN })).toThrow('learning rate');
    expect(() => autoencoderTraining(points(2, 1, 2), {}).next()).toThrow('2 customers');
    expect(() => autoencoderTraining({ count: 3, dims: 0, values: new Float64Array(0) }).next()).toThrow(RangeError); // prettier-ignore
  });

  it.each([
    [0, 200],
    [1, 200],
    [5000, 200],
    [5100, 196],
    [33_333, 30],
    [40_000, 30],
  ])('default epochs for %i customers: %i', (n, epochs) => expect(defaultEpochs(n)).toBe(epochs));
});

describe('steps', () => {
  function* counter(log: number[]): Generator<number, string, void> {
    for (let i = 1; i <= 3; i++) {
      log.push(i);
      yield i;
    }
    return 'done';
  }

  it('runToEnd reports every step and checks the signal before each', () => {
    const log: number[] = [];
    const seen: number[] = [];
    expect(runToEnd(counter(log), (p) => seen.push(p))).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
    const aborted = new AbortController();
    aborted.abort();
    const none: number[] = [];
    expect(() => runToEnd(counter(none), undefined, aborted.signal)).toThrow(/cancelled/);
    expect(none).toEqual([]);
  });

  it('Resumable runs one step on a zero budget and to the end on a long one', () => {
    const log: number[] = [];
    const run = new Resumable(counter(log));
    expect(run.result).toBeNull();
    expect(run.advance(0)).toEqual({ progress: 1, result: null });
    expect(run.advance(10_000)).toEqual({ progress: 3, result: 'done' });
    expect(run.advance(0)).toEqual({ progress: 3, result: 'done' });
    expect(log).toEqual([1, 2, 3]);
  });
});

describe('PCA’s reconstruction error', () => {
  it('axis-aligned points around a mean: what the dropped axes hold', () => {
    // Offsets (±3, 0, 0), (0, ±1, 0), (0, 0, ±0.5) from (1, 2, 3): variance along x, then y, then z.
    const p = points(3, 4, 2, 3, -2, 2, 3, 1, 3, 3, 1, 1, 3, 1, 2, 3.5, 1, 2, 2.5);
    expect(pcaReconstructionError(p, 1)).toBeCloseTo((2 * 1 + 2 * 0.25) / 18, 14);
    expect(pcaReconstructionError(p, 2)).toBeCloseTo((2 * 0.25) / 18, 14);
    expect(pcaReconstructionError(p, 3)).toBeCloseTo(0, 14);
    expect(pcaReconstructionError(p, 5)).toBeCloseTo(0, 14);
  });
});

describe('the comparison in words', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.78, '78%'],
    [0.004, '0.4%'],
    [0.996, '99.6%'],
    [0.006, '1%'],
    [0.994, '99%'],
  ])('percent(%f) = %s', (share, text) => expect(percent(share)).toBe(text));

  const row = (groups: number, noiseShare: number, mean: number, reading: string) =>
    ({ groups, noiseShare, stability: { mean, std: 0, reading } }) as unknown as GroupingRow;

  it('reads the four rows', () => {
    const rows = [
      row(4, 0.22, 0.91, 'highly stable'),
      row(2, 0.96, 0.5, 'unreliable'),
      row(3, 0, 0.8, 'acceptable'),
      row(3, 0, 0.6, 'unreliable'),
    ];
    expect(summarise(rows, 2)).toEqual([
      'Looking for dense groups, the learned 2-number summary puts 78% of customers into 4 groups; the raw features leave 96% of customers as noise (2 groups for the rest).',
      "Fitted again on resampled customers, the learned space's dense groups are highly stable (agreement 0.91 of 1) and more stable than the raw features' (0.50).",
      "Split into 3 by k-means, the learned space's groups are acceptable (0.80); the raw features' are unreliable (0.60).",
    ]);
  });

  it('no group at all, one group, exactly half noise, and stabilities close or lower', () => {
    const rows = [
      row(1, 0.5, 0.5, 'unreliable'),
      row(0, 1, 0.54, 'unreliable'),
      row(2, 0, 0.9, 'highly stable'),
      row(2, 0, 0.9, 'highly stable'),
    ];
    const [first, second] = summarise(rows, 3);
    expect(first).toBe(
      'Looking for dense groups, the learned 3-number summary puts 50% of customers into 1 group; the raw features find no dense group at all: every customer is noise.',
    );
    expect(second).toContain('about as stable as');
    rows[1] = row(0, 1, 0.56, 'unreliable');
    expect(summarise(rows, 3)[1]).toContain('less stable than');
    rows[0] = row(0, 1, 0.5, 'unreliable');
    expect(summarise(rows, 3)[0]).toContain('summary finds no dense group at all');
    rows[0] = row(2, 0.6, 0.5, 'unreliable');
    expect(summarise(rows, 3)[0]).toContain('summary leaves 60% of customers as noise');
    expect(summarise(rows.slice(0, 3), 3)).toEqual([]);
  });
});

/** Three tight groups of eight on a line, 10 apart, and two loners far from all of them. */
function threeGroups(): Points {
  const values: number[] = [];
  for (let g = 0; g < 3; g++) for (let i = 0; i < 8; i++) values.push(10 * g + 0.1 * i, 0.05 * i);
  values.push(100, 100, -100, 60);
  return points(2, ...values);
}

describe('compareSpaces on three groups and two loners', () => {
  it('finds the groups in both spaces, stable, with the loners as noise', () => {
    const raw = threeGroups();
    const latent = { ...raw, values: raw.values.map((v) => v / 10) };
    const segments = Int32Array.from({ length: 26 }, (_, i) => (i < 8 ? 0 : 1));
    const seen: string[] = [];
    const result = compareSpaces(
      raw,
      latent,
      segments,
      2,
      { k: 3, minClusterSize: 5, minSamples: 3, resamples: 2, restarts: 2, seed: 3 },
      (p) => seen.push(`${p.done}/${p.total}`),
    );
    expect(seen).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    expect([result.k, result.minClusterSize, result.minSamples, result.resamples]).toEqual([3, 5, 3, 2]); // prettier-ignore
    const [hdbLatent, hdbRaw, kmLatent] = result.rows;
    const stabilities: number[][] = [];
    for (const r of [hdbLatent!, hdbRaw!]) {
      expect([r.groups, r.sizes, r.noiseCount]).toEqual([3, [8, 8, 8], 2]);
      expect(r.noiseShare).toBeCloseTo(2 / 26, 15);
      stabilities.push([r.stability.mean, r.stability.std]);
      // Segments (rows) against the groups, noise last.
      expect(r.crosstab.counts.map((c) => c.reduce((a, b) => a + b, 0))).toEqual([8, 18]);
      expect(r.crosstab.counts[1]!.at(-1)).toBe(2);
    }
    // Seeded: two resamples, one agreeing fully (ARI 1) and one at 0.914, the same in both spaces
    // (the latent points are the raw ones / 10, which changes no distance order).
    expect(stabilities[0]![0]).toBeCloseTo(0.9572030550434554, 12);
    expect(stabilities[0]![1]).toBeCloseTo(0.042796944956544625, 12);
    expect(stabilities[1]).toEqual(stabilities[0]);
    expect(hdbLatent!.stability.reading).toBe('highly stable');
    expect(kmLatent!.stability.mean).toBeCloseTo(0.6765709411430196, 12);
    expect(kmLatent!.stability.reading).toBe('unreliable');
    expect(kmLatent!.noiseCount).toBe(0);
    expect(kmLatent!.sizes.reduce((a, b) => a + b, 0)).toBe(26);
    expect(result.labels).toHaveLength(4);
    expect(result.labels[0]!.at(-1)).toBe(-1);
    expect(result.summary).toHaveLength(3);
  });

  it('defaults: min cluster size 30, min samples 15, 10 resamples; and matching lengths', () => {
    const raw = threeGroups();
    const labels = new Int32Array(26);
    const result = compareSpaces(raw, raw, labels, 1, { k: 2, restarts: 1 });
    expect([result.minClusterSize, result.minSamples, result.resamples]).toEqual([30, 15, 10]);
    expect(() => compareSpaces(raw, raw, new Int32Array(25), 1, { k: 2 })).toThrow('differ');
  });
});

describe('the customer map', () => {
  it('nearest neighbours: the point itself first, ties to the lower index', () => {
    const { indices, distances } = nearestNeighbours(points(1, 0, 1, 3, 3, 10), 3);
    expect(indices).toEqual([
      [0, 1, 2],
      [1, 0, 2],
      [2, 3, 1],
      [3, 2, 1],
      [4, 2, 3],
    ]);
    expect(distances[2]).toEqual([0, 0, 2]);
    expect(distances[4]).toEqual([0, 7, 7]);
    expect(() => nearestNeighbours(points(1, 0, 1), 3)).toThrow(RangeError);
    expect(() => nearestNeighbours(points(1, 0, 1), 0)).toThrow(RangeError);
  });

  it('draws every customer, or a sorted seeded sample above the cap', async () => {
    const p = threeGroups();
    const epochs: number[] = [];
    const all = await customerMap(p, { epochs: 5, neighbours: 4 }, (e) => epochs.push(e.epoch));
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(5);
    expect(all.customers).toEqual(Int32Array.from({ length: 26 }, (_, i) => i));
    expect([all.sampled, all.total, all.neighbours, all.x.length]).toEqual([false, 26, 4, 26]);
    const sample = await customerMap(p, { epochs: 5, maxCustomers: 10, seed: 1 });
    expect([sample.sampled, sample.total, sample.customers.length, sample.neighbours]).toEqual([true, 26, 10, 9]); // prettier-ignore
    expect(Array.from(sample.customers)).toEqual(
      Array.from(sample.customers).sort((a, b) => a - b),
    );
    expect(new Set(sample.customers).size).toBe(10);
    await expect(customerMap(points(1, 0, 1), { epochs: 5 })).rejects.toThrow(
      'at least 3 customers',
    );
    expect((await customerMap(p, { epochs: 5 })).neighbours).toBe(15);
  });
});

describe('the Explore session on twelve customers', () => {
  const twelve = () => {
    const values: number[] = [];
    for (let i = 0; i < 12; i++) values.push(i % 2 === 0 ? i / 4 : 6 + i / 4, (i % 3) - 1);
    return points(2, ...values);
  };

  it('trains with the default epochs, then reports its errors and PCA’s', () => {
    const p = twelve();
    const explore = new Explore(p, 5);
    let step = explore.train(1, 0);
    expect(step.result).toBeNull();
    expect(step.progress?.epoch).toBe(1);
    while (!step.result) step = explore.train(1, 10_000);
    const direct = trainAutoencoder(p, { latentDims: 1, seed: 5 });
    expect(step.result.epochs).toBe(200);
    expect(step.result.latentDims).toBe(1);
    expect(Array.from(step.result.losses)).toEqual(Array.from(direct.losses));
    expect(step.result.reconstructionError).toBe(direct.reconstructionError);
    expect(step.result.pcaError).toBe(pcaReconstructionError(p, 1));
    // Feature means 3.125 and 0: deviations 3.125 ± 0.125 ... squared, averaged by hand below.
    let total = 0;
    for (let i = 0; i < 12; i++) total += (p.values[2 * i]! - 4.375) ** 2 + p.values[2 * i + 1]! ** 2; // prettier-ignore
    expect(step.result.baselineError).toBeCloseTo(total / 24, 14);
    // Another latent size is another run.
    expect(explore.train(2, 0).result).toBeNull();
  });

  it('compares once trained, one run per settings and segments; maps the customers', async () => {
    const p = twelve();
    const explore = new Explore(p, 5);
    const settings = { ...DEFAULT_EXPLORE_SETTINGS, minClusterSize: 3, minSamples: 2 };
    const labels = Int32Array.from({ length: 12 }, (_, i) => i % 2);
    expect(() => explore.compare(settings, 2, 'a', labels, 2, 0)).toThrow(/train/);
    while (!explore.train(2, 10_000).result);
    expect(explore.compare(settings, 2, 'a', labels, 2, 0).progress).toEqual({ done: 1, total: 14 }); // prettier-ignore
    expect(explore.compare(settings, 2, 'a', labels, 2, 0).progress).toEqual({ done: 2, total: 14 }); // prettier-ignore
    expect(explore.compare({ ...settings, minSamples: 3 }, 2, 'a', labels, 2, 0).progress?.done).toBe(1); // prettier-ignore
    expect(explore.compare(settings, 3, 'a', labels, 2, 0).progress?.done).toBe(1);
    const done = explore.compare(settings, 2, 'b', labels, 2, 10_000);
    expect(done.result?.minSamples).toBe(2);
    expect(done.result?.k).toBe(2);
    const first = await explore.customerMap(0);
    expect(first.progress).toEqual({ epoch: 0, epochs: 200 });
    let map = first;
    while (!map.result) map = await explore.customerMap(10_000);
    expect(map.result.total).toBe(12);
    expect(map.result.neighbours).toBe(11);
  });
});
