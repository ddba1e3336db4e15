/**
 * The seeded generator (random.ts): a seed gives the same stream on every run and machine (an
 * analysis is reproduced by its seed alone), nearby seeds give unrelated streams, and each float
 * has 53 random bits. The pinned values are the stream as this version draws it: a change to the
 * generator changes every saved analysis' k-means starts, so it must be on purpose.
 */
import { describe, expect, it } from 'vitest';
import { createRng, DEFAULT_SEED, randomInt, sampleWithoutReplacement } from './random.ts';

const draws = (seed: number, n = 3) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng());
};

describe('createRng', () => {
  it('gives the same stream for the same seed, as pinned for this version', () => {
    expect(DEFAULT_SEED).toBe(42);
    expect(draws(42)).toEqual([0.23955312807799112, 0.09323416053257594, 0.4471016215948881]);
    expect(draws(0)).toEqual([0.9791452499111826, 0.28461575291693764, 0.09012765872091966]);
    expect(draws(1)).toEqual([0.42564993195549927, 0.6910148153015395, 0.9659408922812848]);
    expect(draws(42, 50)).toEqual(draws(42, 50));
  });

  it('uses the whole part of the seed, all of its bits above 32 included', () => {
    expect(draws(1.9)).toEqual(draws(1));
    // 2^32 - 1, 2^32 and 0 share no stream: the high word is mixed in, not dropped.
    expect(draws(2 ** 32 - 1)).toEqual([
      0.32916384206204297, 0.7642670684313114, 0.8727518386759752,
    ]);
    expect(draws(2 ** 32)).toEqual([0.2923860032368286, 0.26302515688415273, 0.3896474519013823]);
    expect(draws(1e15)).toEqual([0.4056992564406793, 0.32121423218118916, 0.1106684446381554]);
    expect(draws(-1)).toEqual([0.14799808918122848, 0.48563948733117135, 0.8004434965160133]);
  });

  it('refuses a seed that is not a finite number', () => {
    for (const seed of [NaN, Infinity, -Infinity])
      expect(() => createRng(seed)).toThrow(/seed must be a finite number/);
  });

  it('draws in [0, 1), evenly, with 53 bits per float', () => {
    const rng = createRng(5);
    let sum = 0;
    let below = 0;
    let fine = 0;
    let outside = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      if (x < 0.25) below++;
      // x * 2^53 is a whole number; a float made of 32 bits would be a multiple of 2^21.
      if ((x * 2 ** 53) % 2 ** 21 !== 0) fine++;
    }
    expect(outside).toBe(0);
    // Mean of n uniforms: 0.5 with standard error 0.29 / sqrt(n) = 0.002.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(0.015);
    expect(fine).toBeGreaterThan(n * 0.99);
  });

  it('nearby seeds are unrelated streams', () => {
    const a = draws(1, 200);
    const b = draws(2, 200);
    let same = 0;
    for (let i = 0; i < 200; i++) if (Math.abs(a[i]! - b[i]!) < 1e-3) same++;
    expect(same).toBeLessThan(5);
  });
});

describe('randomInt', () => {
  it('is floor(rng() * n), so every value of [0, n) comes up', () => {
    const rng = createRng(7);
    const copy = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const v = randomInt(rng, 6);
      expect(v).toBe(Math.floor(copy() * 6));
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(randomInt(createRng(3), 1)).toBe(0);
  });

  it('refuses n below 1 or not whole', () => {
    const rng = createRng(1);
    for (const n of [0, -3, 0.5, 2.5, NaN])
      expect(() => randomInt(rng, n)).toThrow(/n must be a positive integer/);
  });
});

describe('sampleWithoutReplacement', () => {
  it('draws m distinct indices of [0, n) in the order drawn (partial Fisher-Yates)', () => {
    // By hand from the stream: draw i swaps position i with i + randomInt(n - i).
    const rng = createRng(7);
    const ints = [10, 9, 8, 7].map((n) => randomInt(rng, n));
    const pool = Array.from({ length: 10 }, (_, i) => i);
    ints.forEach((r, i) => ([pool[i], pool[i + r]] = [pool[i + r]!, pool[i]!]));
    const sample = Array.from(sampleWithoutReplacement(createRng(7), 10, 4));
    expect(sample).toEqual(pool.slice(0, 4));
    expect(sample).toEqual([1, 8, 5, 9]);
  });

  it('all of [0, n) when m = n; nothing when m = 0', () => {
    const all = Array.from(sampleWithoutReplacement(createRng(9), 7, 7));
    expect([...all].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sampleWithoutReplacement(createRng(9), 5, 0)).toHaveLength(0);
    expect(sampleWithoutReplacement(createRng(9), 0, 0)).toHaveLength(0);
  });

  it('refuses m above n, negative or fractional counts', () => {
    const rng = createRng(1);
    for (const [n, m] of [
      [3, 4],
      [-1, 0],
      [3, -1],
      [3.5, 1],
      [3, 1.5],
    ] as const)
      expect(() => sampleWithoutReplacement(rng, n, m)).toThrow(/cannot draw/);
  });
});
