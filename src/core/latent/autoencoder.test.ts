import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import {
  type Activation,
  autoencoderTraining,
  defaultEpochs,
  encode,
  initialParams,
  lossAndGradient,
  networkLayout,
  trainAutoencoder,
} from './autoencoder.ts';
import { pcaReconstructionError } from './pca-baseline.ts';

/** n points of d features mixed from `rank` Gaussian factors plus a little noise, seeded. */
function correlated(n: number, d: number, rank: number, noise: number, seed: number): Points {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const mixing = Array.from({ length: rank * d }, () => 2 * rng() - 1);
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const factors = Array.from({ length: rank }, (_, r) => gauss() * (rank - r));
    for (let j = 0; j < d; j++) {
      let x = noise * gauss() + 0.5 * j;
      for (let r = 0; r < rank; r++) x += factors[r]! * mixing[r * d + j]!;
      values[i * d + j] = x;
    }
  }
  return { count: n, dims: d, values };
}

describe('gradient', () => {
  it.each<Activation>(['tanh', 'linear'])(
    'matches central finite differences for every weight (%s)',
    (activation) => {
      const points = correlated(7, 4, 2, 0.3, 3);
      const layout = networkLayout(4, 5, 2);
      const params = initialParams(layout, createRng(11));
      // Non-zero biases, so their gradients are exercised away from the symmetric start.
      params.forEach((_, p) => (params[p]! += 0.1 * Math.sin(p)));
      const grad = new Float64Array(layout.parameterCount);
      lossAndGradient(layout, activation, params, points, grad);
      const h = 1e-6;
      for (let p = 0; p < layout.parameterCount; p++) {
        const keep = params[p]!;
        params[p] = keep + h;
        const up = lossAndGradient(layout, activation, params, points);
        params[p] = keep - h;
        const down = lossAndGradient(layout, activation, params, points);
        params[p] = keep;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(grad[p]! - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
      }
    },
  );

  it('a minibatch of rows gives the loss of those rows alone', () => {
    const points = correlated(6, 3, 1, 0.2, 5);
    const layout = networkLayout(3, 4, 2);
    const params = initialParams(layout, createRng(2));
    const two: Points = { count: 2, dims: 3, values: points.values.slice(3 * 3, 3 * 5) };
    expect(lossAndGradient(layout, 'tanh', params, points, undefined, [3, 4])).toBeCloseTo(
      lossAndGradient(layout, 'tanh', params, two),
      14,
    );
  });
});

describe('a linear autoencoder reaches PCA', () => {
  it.each([1, 2, 3])(
    'latent size %i: reconstruction error within 1% of PCA with as many components',
    (m) => {
      const points = correlated(400, 5, 3, 0.25, 7);
      const model = trainAutoencoder(points, {
        latentDims: m,
        activation: 'linear',
        epochs: 300,
        batchSize: 32,
        seed: 1,
      });
      const best = pcaReconstructionError(points, m);
      // PCA is the floor for any linear map through m numbers: never (meaningfully) below it.
      expect(model.reconstructionError).toBeGreaterThan(best * (1 - 1e-9));
      expect(model.reconstructionError).toBeLessThan(best * 1.01);
    },
  );

  it('PCA error by hand: points on the line y = x plus (1, -1) offsets', () => {
    // (2, 2), (-2, -2), (1, -1), (-1, 1): the first component keeps (1, 1); the residuals are the
    // (1, -1) parts of the last two points, squared norm 2 each: 4 / (4 points x 2 features).
    const points = { count: 4, dims: 2, values: Float64Array.of(2, 2, -2, -2, 1, -1, -1, 1) };
    expect(pcaReconstructionError(points, 1)).toBeCloseTo(0.5, 14);
    expect(pcaReconstructionError(points, 2)).toBeCloseTo(0, 14);
  });
});

describe('training', () => {
  const points = correlated(300, 4, 2, 0.3, 9);

  it('same points and seed give identical weights; another seed does not', () => {
    const options = { epochs: 20, seed: 5 };
    const a = trainAutoencoder(points, options);
    const b = trainAutoencoder(points, options);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(Array.from(b.losses)).toEqual(Array.from(a.losses));
    expect(Array.from(b.latent.values)).toEqual(Array.from(a.latent.values));
    const c = trainAutoencoder(points, { ...options, seed: 6 });
    expect(Array.from(c.params)).not.toEqual(Array.from(a.params));
  });

  it('the loss falls, and the tanh network beats its untrained self by far', () => {
    const model = trainAutoencoder(points, { epochs: 60 });
    const layout = networkLayout(4, 8, 2);
    const start = lossAndGradient(layout, 'tanh', initialParams(layout, createRng(42)), points);
    expect(model.losses[59]!).toBeLessThan(model.losses[0]!);
    expect(model.reconstructionError).toBeLessThan(0.2 * start);
    expect(model.latent.count).toBe(300);
    expect(model.latent.dims).toBe(2);
    expect(Array.from(model.latent.values).every(Number.isFinite)).toBe(true);
  });

  it('reports every epoch and yields the same model as training straight through', () => {
    const seen: number[] = [];
    const direct = trainAutoencoder(points, { epochs: 5 }, (p) => seen.push(p.epoch));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const training = autoencoderTraining(points, { epochs: 5 });
    let next = training.next();
    while (!next.done) next = training.next();
    expect(Array.from(next.value.params)).toEqual(Array.from(direct.params));
    expect(next.value.losses.length).toBe(5);
  });

  it('encode gives the latent positions training reported', () => {
    const model = trainAutoencoder(points, { epochs: 3, latentDims: 3 });
    const again = encode(model.layout, 'tanh', model.params, points);
    expect(again.dims).toBe(3);
    expect(Array.from(again.values)).toEqual(Array.from(model.latent.values));
  });

  it('stops with the cancelled error when the signal aborts', () => {
    const controller = new AbortController();
    const run = () =>
      trainAutoencoder(
        points,
        { epochs: 50 },
        (p) => p.epoch === 2 && controller.abort(),
        controller.signal,
      );
    expect(run).toThrow(AnalysisError);
    expect(run).toThrow(/cancelled/);
  });

  it('rejects settings that cannot train', () => {
    expect(() => trainAutoencoder(points, { latentDims: 0 })).toThrow(RangeError);
    expect(() => trainAutoencoder(points, { learningRate: 0 })).toThrow(RangeError);
    expect(() => trainAutoencoder({ count: 1, dims: 2, values: Float64Array.of(1, 2) })).toThrow(
      RangeError,
    );
  });

  it('default epochs: 200 up to 5,000 customers, fewer above, never under 30', () => {
    expect(defaultEpochs(4338)).toBe(200);
    expect(defaultEpochs(5000)).toBe(200);
    expect(defaultEpochs(10_000)).toBe(100);
    expect(defaultEpochs(1_000_000)).toBe(30);
  });
});
