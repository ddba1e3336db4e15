/**
 * What the BFGS minimiser promises step by step, checked from outside (README, Mutation testing):
 * every step it takes satisfies the strong Wolfe conditions, its first trial step respects
 * maxStep, and a warm start carries its curvature over.
 */
import { describe, expect, it } from 'vitest';
import { minimiseBfgs, minimiseFromStarts, type Objective } from './bfgs.ts';

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0] as number, x[1] as number];
  g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
  g[1] = 200 * (b - a * a);
  return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
};

/** f = 500 u^2 + v^2: steep in u, shallow in v; minimum 0 at the origin. */
const valley: Objective = (x, g) => {
  g[0] = 1000 * (x[0] as number);
  g[1] = 2 * (x[1] as number);
  return 500 * (x[0] as number) ** 2 + (x[1] as number) ** 2;
};

const at = (objective: Objective, x: ArrayLike<number>) => {
  const g = new Float64Array(x.length);
  return { f: objective(Float64Array.from(x), g), g };
};
const dot = (u: ArrayLike<number>, v: ArrayLike<number>) =>
  Array.from(u).reduce((s, ui, i) => s + ui * (v[i] as number), 0);

describe('each BFGS step', () => {
  it.each([
    ['Rosenbrock from (-1.2, 1)', rosenbrock, [-1.2, 1]],
    ['Rosenbrock from (2, -1)', rosenbrock, [2, -1]],
    ['a steep valley from (3, 4)', valley, [3, 4]],
  ] as const)(
    '%s: sufficient decrease and the strong curvature condition',
    (_, objective, start) => {
      const steps: Float64Array[] = [];
      const m = minimiseBfgs(objective, start, {
        settled: (x) => {
          steps.push(x.slice());
          return false;
        },
      });
      expect(m.converged).toBe(true);
      expect(steps.length).toBe(m.iterations);
      let previous: number[] = Array.from(start);
      for (const x of steps) {
        const before = at(objective, previous);
        const after = at(objective, x);
        const s = Array.from(x, (v, i) => v - (previous[i] as number));
        const slope = dot(before.g, s);
        expect(slope).toBeLessThan(0);
        expect(after.f).toBeLessThanOrEqual(before.f + 1e-4 * slope);
        expect(Math.abs(dot(after.g, s))).toBeLessThanOrEqual(0.9 * Math.abs(slope));
        previous = Array.from(x);
      }
      expect(Array.from(m.x)).toEqual(previous);
    },
  );

  it('the first trial moves no coordinate further than maxStep', () => {
    const seen: number[][] = [];
    const recorded: Objective = (x, g) => {
      seen.push(Array.from(x));
      return valley(x, g);
    };
    const m = minimiseBfgs(recorded, [3, 4], { maxStep: 0.5 });
    // Steepest descent from (3, 4) is (-3000, -8): scaled to a largest move of 0.5.
    expect(seen[1]![0]).toBeCloseTo(2.5, 14);
    expect(seen[1]![1]).toBeCloseTo(4 - 0.5 * (8 / 3000), 14);
    expect(m.x[0]).toBeCloseTo(0, 10);
    expect(m.x[1]).toBeCloseTo(0, 10);
    expect(m.evaluations).toBe(seen.length);
  });

  it('the first trial is a unit step when the direction is short', () => {
    const seen: number[][] = [];
    const bowl: Objective = (x, g) => {
      seen.push(Array.from(x));
      g[0] = 0.2 * (x[0] as number);
      return 0.1 * (x[0] as number) ** 2;
    };
    minimiseBfgs(bowl, [1]);
    expect(seen[1]![0]).toBeCloseTo(0.8, 15);
  });

  it('stops at the gradient tolerance, and reports the gradient there', () => {
    const m = minimiseBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-3 });
    expect(m.converged).toBe(true);
    expect(m.gradientNorm).toBeLessThanOrEqual(1e-3);
    expect(m.gradientNorm).toBe(Math.max(...Array.from(m.gradient, Math.abs)));
    expect(Array.from(m.gradient)).toEqual(Array.from(at(rosenbrock, m.x).g));
    expect(m.value).toBe(at(rosenbrock, m.x).f);
    const tighter = minimiseBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(tighter.iterations).toBeGreaterThan(m.iterations);
    expect(tighter.gradientNorm).toBeLessThanOrEqual(1e-10);
  });

  it('gives up after maxIterations, not converged unless the gradient is small', () => {
    const m = minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(m.iterations).toBe(3);
    expect(m.converged).toBe(false);
    const none = minimiseBfgs(rosenbrock, [1, 1], { maxIterations: 0 });
    expect(none.converged).toBe(true); // the gradient is exactly 0 at the minimum
    expect(none.iterations).toBe(0);
    const unmoved = minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 0 });
    expect([Array.from(unmoved.x), unmoved.evaluations, unmoved.converged]).toEqual([[-1.2, 1], 1, false]); // prettier-ignore
    // The valley's third step lands on the minimum: the last iteration allowed still counts.
    expect(minimiseBfgs(valley, [3, 4], { gradientTolerance: 1e-8, maxIterations: 3 }).converged).toBe(true); // prettier-ignore
    expect(minimiseBfgs(valley, [3, 4], { gradientTolerance: 1e-8, maxIterations: 2 }).converged).toBe(false); // prettier-ignore
  });

  it('recovers from a useless warm start: not a descent direction, or steps lost to rounding', () => {
    for (const scale of [-1, 1e-30]) {
      const m = minimiseBfgs(valley, [3, 4], { inverseHessian: Float64Array.of(scale, 0, 0, scale) }); // prettier-ignore
      expect(m.converged).toBe(true);
      expect(Math.abs(m.x[0] as number)).toBeLessThan(1e-12);
      expect(Math.abs(m.x[1] as number)).toBeLessThan(1e-12);
    }
  });

  it('a warm start with the converged inverse Hessian finishes a quadratic in one step', () => {
    const first = minimiseBfgs(valley, [3, 4], { gradientTolerance: 1e-12 });
    // The BFGS estimate of a quadratic's inverse Hessian: diag(1/1000, 1/2).
    expect(first.inverseHessian[0]).toBeCloseTo(1 / 1000, 6);
    expect(first.inverseHessian[3]).toBeCloseTo(1 / 2, 6);
    const warm = minimiseBfgs(valley, [1, -2], {
      gradientTolerance: 1e-10,
      inverseHessian: first.inverseHessian,
    });
    expect(warm.iterations).toBeLessThanOrEqual(2);
    expect(warm.x[0]).toBeCloseTo(0, 10);
  });

  it('several starts: the iterations of the best exploration and of the polish add up', () => {
    const m = minimiseFromStarts(
      rosenbrock,
      [
        [-1.2, 1],
        [2, -1],
      ],
      { gradientTolerance: 1e-10 },
    );
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 8);
    const alone = minimiseBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-5 });
    const other = minimiseBfgs(rosenbrock, [2, -1], { gradientTolerance: 1e-5 });
    const best = alone.value < other.value ? alone : other;
    const polished = minimiseBfgs(rosenbrock, best.x, {
      gradientTolerance: 1e-10,
      inverseHessian: best.inverseHessian,
    });
    expect(m.iterations).toBe(best.iterations + polished.iterations);
    expect(Array.from(m.x)).toEqual(Array.from(polished.x));
  });
});
