import { describe, expect, it } from 'vitest';
import { fitKMeans } from './kmeans.ts';
import { warmUp, warmUpPoints, warmUpSteps } from './warm-up.ts';

/** Runs a scheduled step at once (the tests' `next`), counting how often it was asked. */
function immediate() {
  const scheduled = { count: 0 };
  const next = (go: () => void) => {
    scheduled.count++;
    go();
  };
  return { next, scheduled };
}

describe('warming up the k sweep', () => {
  it('makes the same customers every time, in round clouds of three features', () => {
    const points = warmUpPoints();
    expect(points).toMatchObject({ count: 1200, dims: 3 });
    expect(points.values.length).toBe(3600);
    expect(points.values).toEqual(warmUpPoints().values);
    // Four clouds, one per customer in turn, each around its own centre.
    const meanOf = (cloud: number, dim: number) => {
      let sum = 0;
      for (let i = cloud; i < 1200; i += 4) sum += points.values[i * 3 + dim]!;
      return sum / 300;
    };
    expect(meanOf(0, 0)).toBeCloseTo(0, 0);
    expect(meanOf(3, 2)).toBeCloseTo(9, 0);
  });

  it('fits k = 2 to 10, then adds up both parts of their silhouette', () => {
    const steps = warmUpSteps(warmUpPoints(200));
    expect(steps.length).toBe(11);
    for (const step of steps) expect(() => step()).not.toThrow();
  });

  it('runs every step, one per scheduled task, when nothing stops it', async () => {
    const ran: number[] = [];
    const steps = [0, 1, 2].map((i) => () => void ran.push(i));
    const { next, scheduled } = immediate();
    expect(await warmUp(() => false, steps, next)).toBe(3);
    expect(ran).toEqual([0, 1, 2]);
    expect(scheduled.count).toBe(3);
  });

  it('stops before the next step once real work has come', async () => {
    const ran: number[] = [];
    let work = false;
    const steps = [0, 1, 2, 3].map((i) => () => {
      ran.push(i);
      if (i === 1) work = true;
    });
    expect(await warmUp(() => work, steps, immediate().next)).toBe(2);
    expect(ran).toEqual([0, 1]);
    // Work there before it starts: nothing runs.
    expect(await warmUp(() => true, steps, immediate().next)).toBe(0);
  });

  it('yields to other tasks between steps (the default schedule is a timer)', async () => {
    const order: string[] = [];
    const warming = warmUp(() => false, [() => void order.push('step')]);
    order.push('caller');
    await warming;
    expect(order).toEqual(['caller', 'step']);
  });

  it('leaves no trace: a fit after a warm-up is the fit without one', () => {
    const points = warmUpPoints(300);
    const before = fitKMeans(points, 4, { seed: 3 });
    for (const step of warmUpSteps()) step();
    const after = fitKMeans(points, 4, { seed: 3 });
    expect(after.labels).toEqual(before.labels);
    expect(after.inertia).toBe(before.inertia);
  });
});
