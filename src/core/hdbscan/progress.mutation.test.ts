/**
 * HDBSCAN's progress with the clock in the test's hands: the phase starts and ends always, the
 * reports in between at most every 100 ms, each at its share of the work (core distances the
 * first tenth, the spanning tree up to 0.95, its steps weighted as Prim's work shrinks).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hdbscan, type HdbscanPhase } from './index.ts';

/** 600 points on a line in one dimension, spread so that every phase does work. */
const points = Float64Array.from({ length: 600 }, (_, i) => (i * 7919) % 600);

function reports(stepMs: number): [number, HdbscanPhase][] {
  let now = 1_000;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += stepMs));
  const seen: [number, HdbscanPhase][] = [];
  hdbscan(points, 600, 1, { minClusterSize: 5 }, (fraction, phase) => seen.push([fraction, phase]));
  return seen;
}

afterEach(() => vi.restoreAllMocks());

describe('hdbscan progress', () => {
  it('on a fast machine: only the phases’ starts and the end', () => {
    expect(reports(0)).toEqual([
      [0, 'core-distances'],
      [0.1, 'spanning-tree'],
      [0.95, 'hierarchy'],
      [1, 'hierarchy'],
    ]);
  });

  it('on a slow one: every report, each at its share of the work', () => {
    const seen = reports(101);
    // Core distances report every 256 points: 0, 256 and 512 of 600.
    expect(seen.slice(0, 4)).toEqual([
      [0, 'core-distances'],
      [0, 'core-distances'],
      [(0.1 * 256) / 600, 'core-distances'],
      [(0.1 * 512) / 600, 'core-distances'],
    ]);
    expect(seen[4]).toEqual([0.1, 'spanning-tree']);
    // Prim's reports every n / 200 = 3 steps: done steps e count 1 - (1 - e / n)^2 of its 0.85.
    const tree = seen.filter(([, phase]) => phase === 'spanning-tree').slice(1);
    expect(tree[0]).toEqual([0.1, 'spanning-tree']);
    expect(tree[1]).toEqual([0.1 + 0.85 * (1 - (1 - 3 / 600) ** 2), 'spanning-tree']);
    expect(tree).toHaveLength(200);
    expect(seen.slice(-2)).toEqual([
      [0.95, 'hierarchy'],
      [1, 'hierarchy'],
    ]);
  });

  it('at exactly 100 ms apart a report comes through, at 99 ms only every other one', () => {
    const every = reports(101).length;
    expect(reports(100)).toHaveLength(every);
    // A skipped report lets the next one through (198 ms after the last): about half come.
    const some = reports(99).length;
    expect(some).toBeGreaterThan(every / 2 - 4);
    expect(some).toBeLessThan(every / 2 + 4);
  });
});
