/**
 * A small autoencoder: features -> hidden -> latent -> hidden -> features (by default
 * d -> 8 -> 2 -> 8 -> d), trained to reproduce each customer's scaled features through a 2- or
 * 3-number bottleneck. The bottleneck ("latent space") is a learned summary of the customer that
 * HDBSCAN and k-means can group, and that a chart can show.
 *
 * Hand-written on Float64Array: the network has under 200 weights, so a framework (TensorFlow.js
 * is megabytes of code, WebGL or WASM back ends, float32, nondeterministic reductions) would be
 * far heavier than the job and would make "same file and seed give identical weights" hard to
 * promise. Here every number is a double, every loop runs in a fixed order, and the only
 * randomness (the initial weights, the minibatch order) comes from src/core/random.ts.
 *
 * Training: mean squared reconstruction error, Adam (Kingma & Ba 2015, with bias correction) on
 * seeded minibatches, the learning rate decayed along a cosine from `learningRate` to 1% of it so
 * the last epochs settle into the minimum instead of rattling around it (a linear autoencoder then
 * reaches PCA's error, which the tests check). Hidden layers use tanh (or none: 'linear'); the
 * latent and output layers are linear, so the latent space is not squashed into [-1, 1].
 *
 * Costs: O(epochs x n x P) time with P the number of weights (about 2 (d h + h m)), O(P) memory
 * besides the n x latent encoding; nothing is n x n.
 */
import { createRng, DEFAULT_SEED, randomInt, type Rng } from '../random.ts';
import type { Points } from '../types.ts';
import { runToEnd } from './steps.ts';

export type Activation = 'tanh' | 'linear';

export interface AutoencoderOptions {
  /** Size of the bottleneck: 2 or 3 for a map and for density clustering. */
  latentDims?: number;
  /** Units of each hidden layer (encoder and decoder alike). */
  hiddenUnits?: number;
  activation?: Activation;
  /** Passes over the customers; by default about 200 for a few thousand customers (defaultEpochs). */
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

export type AutoencoderSettings = Required<AutoencoderOptions>;

/** Layer widths and where each layer's weights (out x in, row-major) and biases sit in `params`. */
export interface NetworkLayout {
  sizes: readonly number[];
  weightOffsets: readonly number[];
  biasOffsets: readonly number[];
  parameterCount: number;
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  /** Mean squared error of each epoch so far (averaged over its minibatches, before each update). */
  losses: Float64Array;
}

export interface Autoencoder {
  settings: AutoencoderSettings;
  layout: NetworkLayout;
  /** Every weight and bias, laid out as `layout` says. */
  params: Float64Array;
  losses: Float64Array;
  /** Mean squared error of the trained network over every customer and feature. */
  reconstructionError: number;
  /** Every customer's position in the latent space, n x latentDims. */
  latent: Points;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;
/** Sample passes the default epochs aim at: 200 epochs up to 5,000 customers, fewer above. */
const SAMPLE_PASSES = 1_000_000;

/** About a million sample passes, between 30 and 200 epochs: seconds in the worker at any n. */
export function defaultEpochs(n: number): number {
  return Math.max(30, Math.min(200, Math.round(SAMPLE_PASSES / Math.max(1, n))));
}

export function autoencoderSettings(
  n: number,
  options: AutoencoderOptions = {},
): AutoencoderSettings {
  const settings: AutoencoderSettings = {
    latentDims: options.latentDims ?? 2,
    hiddenUnits: options.hiddenUnits ?? 8,
    activation: options.activation ?? 'tanh',
    epochs: options.epochs ?? defaultEpochs(n),
    batchSize: options.batchSize ?? 64,
    learningRate: options.learningRate ?? 0.01,
    seed: options.seed ?? DEFAULT_SEED,
  };
  for (const key of ['latentDims', 'hiddenUnits', 'epochs', 'batchSize'] as const)
    if (!Number.isInteger(settings[key]) || settings[key] < 1)
      throw new RangeError(`autoencoder ${key} must be a whole number >= 1, got ${settings[key]}`);
  if (!(settings.learningRate > 0))
    throw new RangeError(`learning rate must be above 0, got ${settings.learningRate}`);
  return settings;
}

export function networkLayout(features: number, hidden: number, latent: number): NetworkLayout {
  const sizes = [features, hidden, latent, hidden, features];
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    weightOffsets.push(offset);
    offset += sizes[l]! * sizes[l + 1]!;
    biasOffsets.push(offset);
    offset += sizes[l + 1]!;
  }
  return { sizes, weightOffsets, biasOffsets, parameterCount: offset };
}

/** Glorot-uniform weights (keeps tanh units out of saturation at the start), zero biases. */
export function initialParams(layout: NetworkLayout, rng: Rng): Float64Array {
  const params = new Float64Array(layout.parameterCount);
  const { sizes, weightOffsets } = layout;
  for (let l = 0; l < weightOffsets.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const start = weightOffsets[l]!;
    for (let w = 0; w < fanIn * fanOut; w++) params[start + w] = (2 * rng() - 1) * limit;
  }
  return params;
}

/** Layers whose output goes through the activation: the hidden ones, not latent or output. */
const activated = (layer: number) => layer === 0 || layer === 2;

/**
 * Forward and backward passes over one sample at a time, with buffers reused across samples.
 * `acts[l]` holds layer l's output (acts[0] the input).
 */
class Network {
  readonly acts: Float64Array[];
  private readonly deltas: Float64Array[];

  constructor(
    readonly layout: NetworkLayout,
    private readonly activation: Activation,
  ) {
    this.acts = layout.sizes.map((s) => new Float64Array(s));
    this.deltas = layout.sizes.map((s) => new Float64Array(s));
  }

  /** Runs `x` (values[offset .. offset + d)) through `layers` layers of the network. */
  forward(params: Float64Array, values: Float64Array, offset: number, layers = 4): void {
    const { sizes, weightOffsets, biasOffsets } = this.layout;
    const input = this.acts[0]!;
    for (let j = 0; j < sizes[0]!; j++) input[j] = values[offset + j]!;
    for (let l = 0; l < layers; l++) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const a = this.acts[l]!;
      const out = this.acts[l + 1]!;
      const w = weightOffsets[l]!;
      const b = biasOffsets[l]!;
      const squash = this.activation === 'tanh' && activated(l);
      for (let o = 0; o < outSize; o++) {
        let z = params[b + o]!;
        const row = w + o * inSize;
        for (let i = 0; i < inSize; i++) z += params[row + i]! * a[i]!;
        out[o] = squash ? Math.tanh(z) : z;
      }
    }
  }

  /**
   * Adds to `grad` the gradient of `scale` x the squared error of the last forward pass against
   * its input; returns the squared error.
   */
  backward(params: Float64Array, grad: Float64Array, scale: number): number {
    const { sizes, weightOffsets, biasOffsets } = this.layout;
    const last = sizes.length - 1;
    const x = this.acts[0]!;
    const y = this.acts[last]!;
    const top = this.deltas[last]!;
    let error = 0;
    for (let j = 0; j < sizes[last]!; j++) {
      const diff = y[j]! - x[j]!;
      error += diff * diff;
      top[j] = 2 * scale * diff;
    }
    for (let l = last - 1; l >= 0; l--) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const a = this.acts[l]!;
      const delta = this.deltas[l + 1]!;
      const below = this.deltas[l]!;
      const w = weightOffsets[l]!;
      const b = biasOffsets[l]!;
      below.fill(0);
      for (let o = 0; o < outSize; o++) {
        const d = delta[o]!;
        grad[b + o]! += d;
        const row = w + o * inSize;
        for (let i = 0; i < inSize; i++) {
          grad[row + i]! += d * a[i]!;
          below[i]! += d * params[row + i]!;
        }
      }
      // tanh'(z) = 1 - tanh(z)^2, from the layer's stored output.
      if (l > 0 && this.activation === 'tanh' && activated(l - 1))
        for (let i = 0; i < inSize; i++) below[i]! *= 1 - a[i]! * a[i]!;
    }
    return error;
  }
}

/**
 * Mean squared error over the chosen rows (every row by default) and its gradient (added into
 * `grad` when given). What training minimises; exposed for the gradient check.
 */
export function lossAndGradient(
  layout: NetworkLayout,
  activation: Activation,
  params: Float64Array,
  points: Points,
  grad?: Float64Array,
  rows?: ArrayLike<number>,
): number {
  const { dims: d, values } = points;
  const net = new Network(layout, activation);
  const count = rows ? rows.length : points.count;
  const scale = 1 / (count * d);
  const sink = grad ?? new Float64Array(layout.parameterCount);
  let total = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r]! : r;
    net.forward(params, values, i * d);
    total += net.backward(params, sink, scale);
  }
  return total * scale;
}

/** Every customer's latent position under the trained weights. O(n P). */
export function encode(
  layout: NetworkLayout,
  activation: Activation,
  params: Float64Array,
  points: Points,
): Points {
  const { count: n, dims: d, values } = points;
  const m = layout.sizes[2]!;
  const net = new Network(layout, activation);
  const latent = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    net.forward(params, values, i * d, 2);
    latent.set(net.acts[2]!, i * m);
  }
  return { count: n, dims: m, values: latent };
}

/**
 * Training as a generator: yields after every epoch, so a caller can run a few epochs at a time
 * (the worker answers other requests in between) or straight through (trainAutoencoder).
 */
export function* autoencoderTraining(
  points: Points,
  options: AutoencoderOptions = {},
): Generator<TrainingProgress, Autoencoder, void> {
  const { count: n, dims: d } = points;
  if (n < 2 || d < 1) throw new RangeError(`an autoencoder needs 2 customers, got ${n}`);
  const settings = autoencoderSettings(n, options);
  const { epochs, batchSize, learningRate, activation } = settings;
  const layout = networkLayout(d, settings.hiddenUnits, settings.latentDims);
  const rng = createRng(settings.seed);
  const params = initialParams(layout, rng);
  const P = layout.parameterCount;
  const grad = new Float64Array(P);
  const moment1 = new Float64Array(P);
  const moment2 = new Float64Array(P);
  const net = new Network(layout, activation);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const losses = new Float64Array(epochs);
  let step = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs)));
    for (let i = n - 1; i > 0; i--) {
      const j = randomInt(rng, i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let epochError = 0;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const scale = 1 / ((end - start) * d);
      grad.fill(0);
      for (let s = start; s < end; s++) {
        net.forward(params, points.values, order[s]! * d);
        epochError += net.backward(params, grad, scale);
      }
      step++;
      const correct1 = 1 - BETA1 ** step;
      const correct2 = 1 - BETA2 ** step;
      for (let p = 0; p < P; p++) {
        const g = grad[p]!;
        const m1 = (moment1[p] = BETA1 * moment1[p]! + (1 - BETA1) * g);
        const m2 = (moment2[p] = BETA2 * moment2[p]! + (1 - BETA2) * g * g);
        params[p]! -= (rate * (m1 / correct1)) / (Math.sqrt(m2 / correct2) + ADAM_EPSILON);
      }
    }
    losses[epoch] = epochError / (n * d);
    yield { epoch: epoch + 1, epochs, losses: losses.subarray(0, epoch + 1) };
  }
  return {
    settings,
    layout,
    params,
    losses,
    reconstructionError: lossAndGradient(layout, activation, params, points),
    latent: encode(layout, activation, params, points),
  };
}

/**
 * Trains to the end. `onProgress` gets every epoch's progress; `signal` is checked between
 * epochs (AnalysisError 'cancelled').
 */
export function trainAutoencoder(
  points: Points,
  options: AutoencoderOptions = {},
  onProgress?: (progress: TrainingProgress) => void,
  signal?: AbortSignal,
): Autoencoder {
  return runToEnd(autoencoderTraining(points, options), onProgress, signal);
}
