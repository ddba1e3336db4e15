import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { customerMap, nearestNeighbours } from './map.ts';

/** Two blobs of 40 customers, 20 apart in 3 features. */
function twoBlobs(): Points {
  const rng = createRng(8);
  const values = new Float64Array(80 * 3);
  for (let i = 0; i < 80; i++)
    for (let j = 0; j < 3; j++) values[i * 3 + j] = (i < 40 ? 0 : 20) + rng() - 0.5;
  return { count: 80, dims: 3, values };
}

describe('nearest neighbours', () => {
  it('on a line 0, 1, 3, 7, 7: itself first, then by distance, ties to the lower index', () => {
    const points = { count: 5, dims: 1, values: Float64Array.of(0, 1, 3, 7, 7) };
    const { indices, distances } = nearestNeighbours(points, 3);
    expect(indices).toEqual([
      [0, 1, 2],
      [1, 0, 2],
      [2, 1, 0],
      [3, 4, 2],
      [4, 3, 2],
    ]);
    expect(distances).toEqual([
      [0, 1, 3],
      [0, 1, 2],
      [0, 2, 3],
      [0, 0, 4],
      [0, 0, 4],
    ]);
  });

  it('refuses more neighbours than points', () => {
    expect(() =>
      nearestNeighbours({ count: 2, dims: 1, values: Float64Array.of(0, 1) }, 3),
    ).toThrow(RangeError);
  });
});

describe('customer map', () => {
  const points = twoBlobs();

  it('keeps the two blobs apart: every customer’s nearest dot on the map is from its own blob', async () => {
    const map = await customerMap(points, { epochs: 60, neighbours: 10 });
    expect(map.sampled).toBe(false);
    expect(Array.from(map.customers)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    for (let a = 0; a < 80; a++) {
      let best = -1;
      let bestDistance = Infinity;
      for (let b = 0; b < 80; b++) {
        const distance = Math.hypot(map.x[a]! - map.x[b]!, map.y[a]! - map.y[b]!);
        if (b !== a && distance < bestDistance) [best, bestDistance] = [b, distance];
      }
      expect(best < 40).toBe(a < 40);
    }
  });

  it('same customers and seed draw the same map; another seed another', async () => {
    const a = await customerMap(points, { epochs: 20, seed: 3 });
    const b = await customerMap(points, { epochs: 20, seed: 3 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from((await customerMap(points, { epochs: 20, seed: 4 })).x)).not.toEqual(
      Array.from(a.x),
    );
  });

  it('samples above the cap, seeded, and says so', async () => {
    const progress: number[] = [];
    const map = await customerMap(points, { epochs: 10, maxCustomers: 30 }, (p) =>
      progress.push(p.epoch),
    );
    expect(map.sampled).toBe(true);
    expect(map.total).toBe(80);
    expect(map.customers.length).toBe(30);
    expect(new Set(map.customers).size).toBe(30);
    expect(Array.from(map.customers)).toEqual(Array.from(map.customers).sort((x, y) => x - y));
    expect(map.x.length).toBe(30);
    expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => i));
    const again = await customerMap(points, { epochs: 10, maxCustomers: 30 });
    expect(Array.from(again.customers)).toEqual(Array.from(map.customers));
  });

  it('fewer customers than neighbours: ties each to all the others', async () => {
    const small = { count: 6, dims: 3, values: points.values.slice(0, 18) };
    const map = await customerMap(small, { epochs: 5 });
    expect(map.neighbours).toBe(5);
    expect(Array.from(map.x).every(Number.isFinite)).toBe(true);
  });

  it('stops with the cancelled error when the signal aborts', async () => {
    const controller = new AbortController();
    await expect(
      customerMap(points, {}, (p) => p.epoch === 3 && controller.abort(), controller.signal),
    ).rejects.toThrow(AnalysisError);
  });
});
