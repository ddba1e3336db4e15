/**
 * Small seeded PRNG so every random choice in the engine (k-means++ seeding, silhouette sampling,
 * bootstrap resamples) is reproducible from one number. Math.random cannot be seeded.
 */

/**
 * The seed of every analysis unless the user gives another: k-means' starts, the silhouette's
 * sample, the bootstrap, the audit's split, the other models. One number, so a run is reproduced
 * by giving it once (the CLI's --seed).
 */
export const DEFAULT_SEED = 42;

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand,
 * and needs only 32-bit integer ops, which V8 keeps unboxed. Seeded through splitmix32 so that
 * nearby seeds (1, 2, 3...) still give unrelated streams. Each float uses two 32-bit outputs so it
 * has the full 53 bits of a double (a 32-bit float would bias randomInt for large n).
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  let mix = (whole >>> 0) ^ Math.imul(Math.floor(whole / 4294967296) >>> 0, 0x9e3779b9);
  const splitmix32 = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's state needs a few rounds to mix the seed in.
  for (let i = 0; i < 12; i++) next32();
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n))
    throw new RangeError(`n must be a positive integer, got ${n}`);
  return Math.floor(rng() * n);
}

/** m distinct indices from [0, n), in the order drawn (a partial Fisher-Yates shuffle). */
export function sampleWithoutReplacement(rng: Rng, n: number, m: number): Int32Array {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0 || m > n) {
    throw new RangeError(`cannot draw ${m} distinct indices from ${n}`);
  }
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(rng, n - i);
    const picked = pool[j] as number;
    pool[j] = pool[i] as number;
    pool[i] = picked;
  }
  return pool.slice(0, m);
}
