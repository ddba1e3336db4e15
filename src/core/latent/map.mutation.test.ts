/**
 * The customer map's neighbours and layout in more than one dimension: exact neighbours by every
 * coordinate, and two far-apart groups of customers kept apart on the map (whole and sampled).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import type { Points } from '../types.ts';
import { customerMap, nearestNeighbours } from './map.ts';

/** Two groups of `each` customers in 3 features, around (0, 0, 0) and (10, 10, 10). */
function twoGroups(each: number): Points {
  const rng = createRng(3);
  const values = new Float64Array(2 * each * 3);
  for (let i = 0; i < 2 * each; i++)
    for (let c = 0; c < 3; c++) values[i * 3 + c] = (i < each ? 0 : 10) + rng() * 0.5;
  return { count: 2 * each, dims: 3, values };
}

describe('nearestNeighbours in two dimensions', () => {
  it('ranks by the distance over both coordinates, the point itself first', () => {
    // (0, 0), (3, 0), (0, 1), (5, 5): from (0, 0), (0, 1) is 1 away and (3, 0) 3.
    const points: Points = { count: 4, dims: 2, values: Float64Array.of(0, 0, 3, 0, 0, 1, 5, 5) };
    const { indices, distances } = nearestNeighbours(points, 3);
    expect(indices[0]).toEqual([0, 2, 1]);
    expect(distances[0]).toEqual([0, 1, 3]);
    // From (3, 0): (0, 0) is 3 away, (0, 1) sqrt(10), (5, 5) sqrt(29).
    expect(indices[1]).toEqual([1, 0, 2]);
    expect(distances[1]![2]).toBeCloseTo(Math.sqrt(10), 12);
    expect(indices[3]).toEqual([3, 1, 2]);
    expect(distances[3]![1]).toBeCloseTo(Math.sqrt(29), 12);
  });
});

/** Whether every customer's nearest customer on the map is from its own group. */
function groupsKeptApart(
  map: { customers: Int32Array; x: Float64Array; y: Float64Array },
  each: number,
) {
  const group = (r: number) => (map.customers[r]! < each ? 0 : 1);
  return Array.from(map.customers, (_, r) => {
    let nearest = -1;
    let best = Infinity;
    for (let s = 0; s < map.customers.length; s++) {
      if (s === r) continue;
      const dist = (map.x[r]! - map.x[s]!) ** 2 + (map.y[r]! - map.y[s]!) ** 2;
      if (dist < best) [best, nearest] = [dist, s];
    }
    return group(nearest) === group(r);
  }).every(Boolean);
}

describe('customerMap', () => {
  it('keeps two far-apart groups apart, laid out from their own features', async () => {
    const map = await customerMap(twoGroups(20), { epochs: 60, neighbours: 5, seed: 7 });
    expect(map.sampled).toBe(false);
    expect(groupsKeptApart(map, 20)).toBe(true);
  });

  it('on a sample, each sampled customer is laid out from its own row', async () => {
    const map = await customerMap(twoGroups(30), {
      epochs: 60,
      neighbours: 5,
      maxCustomers: 24,
      seed: 7,
    });
    expect(map).toMatchObject({ sampled: true, total: 60 });
    expect(map.customers).toHaveLength(24);
    // Both groups are in the sample, and still apart.
    expect(Array.from(map.customers).some((i) => i < 30)).toBe(true);
    expect(Array.from(map.customers).some((i) => i >= 30)).toBe(true);
    expect(groupsKeptApart(map, 30)).toBe(true);
  });
});
