/** The BFGS minimiser on problems with known minima. */
import { describe, expect, it } from 'vitest';
import { minimiseBfgs, minimiseFromStarts, type Objective } from './bfgs.ts';

/** Rosenbrock's valley in n dimensions; minimum 0 at (1, ..., 1). */
const rosenbrock: Objective = (x, g) => {
  g.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    f += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    g[i] = (g[i] as number) - 400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1] = (g[i + 1] as number) + 200 * (b - a * a);
  }
  return f;
};

describe('minimiseBfgs', () => {
  it('finds the minimum of a convex quadratic, x = A^-1 b', () => {
    // f = 1/2 x'Ax - b'x with A = [[4, 1], [1, 3]], b = [1, 2]: x* = [1/11, 7/11].
    const quadratic: Objective = (x, g) => {
      const [u, v] = [x[0] as number, x[1] as number];
      g[0] = 4 * u + v - 1;
      g[1] = u + 3 * v - 2;
      return 0.5 * (4 * u * u + 2 * u * v + 3 * v * v) - u - 2 * v;
    };
    const m = minimiseBfgs(quadratic, [5, -5], { gradientTolerance: 1e-14 });
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1 / 11, 12);
    expect(m.x[1]).toBeCloseTo(7 / 11, 12);
    expect(m.value).toBeCloseTo(-15 / 22, 14);
    expect(m.iterations).toBeLessThan(10);
  });

  it.each([2, 4])('finds (1, ..., 1) on the %i-dimensional Rosenbrock valley', (n) => {
    const start = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
    const m = minimiseBfgs(rosenbrock, start, { gradientTolerance: 1e-10 });
    expect(m.converged).toBe(true);
    for (const xi of m.x) expect(xi).toBeCloseTo(1, 8);
    expect(m.value).toBeLessThan(1e-16);
    expect(m.gradientNorm).toBeLessThanOrEqual(1e-10);
    expect(m.evaluations).toBeGreaterThan(m.iterations);
  });

  it('steps back from a region where the objective is not defined', () => {
    // f = 1000 x - 2 ln x is NaN for x < 0, minimum at x = 0.002. From x = 1 the gradient 998
    // and a maxStep of 50 make the first trial x = -49: NaN counts as +Infinity and the step is
    // cut back. Near the minimum f is flat to rounding beyond about 1e-8 relative.
    const barrier: Objective = (x, g) => {
      const v = x[0] as number;
      g[0] = 1000 - 2 / v;
      return 1000 * v - 2 * Math.log(v);
    };
    const m = minimiseBfgs(barrier, [1], { maxStep: 50 });
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(0.002, 10);
    expect(m.evaluations).toBeGreaterThan(m.iterations + 1);
  });

  it('reports no convergence on an objective that falls forever, and stops', () => {
    // f = e^-x: the infimum 0 is only approached as x -> infinity (like a likelihood ridge).
    const falling: Objective = (x, g) => {
      const e = Math.exp(-(x[0] as number));
      g[0] = -e;
      return e;
    };
    const m = minimiseBfgs(falling, [0], { maxIterations: 30, gradientTolerance: 1e-300 });
    expect(m.converged).toBe(false);
    expect(m.iterations).toBe(30);
    expect(m.x[0]).toBeGreaterThan(20);
  });

  it('does not move from a start where the objective is not finite', () => {
    const m = minimiseBfgs(() => NaN, [1, 2]);
    expect(m.converged).toBe(false);
    expect(Array.from(m.x)).toEqual([1, 2]);
    expect(m.evaluations).toBe(1);
  });

  it("ends as converged when the caller's settled test says so", () => {
    const falling: Objective = (x, g) => {
      const e = Math.exp(-(x[0] as number));
      g[0] = -e;
      return e;
    };
    const m = minimiseBfgs(falling, [0], {
      gradientTolerance: 1e-300,
      settled: (_x, value, previous) => previous - value < 1e-6,
    });
    expect(m.converged).toBe(true);
    expect(m.iterations).toBeLessThan(40);
    expect(m.value).toBeLessThan(1e-4);
  });
});

describe('minimiseFromStarts', () => {
  // f = (x^2 - 1)^2 + 0.3 x: a local minimum near x = 0.96 and the global one near x = -1.04.
  const tilted: Objective = (x, g) => {
    const v = x[0] as number;
    g[0] = 4 * v * (v * v - 1) + 0.3;
    return (v * v - 1) ** 2 + 0.3 * v;
  };

  it('keeps the best start and polishes it to the tolerance', () => {
    const m = minimiseFromStarts(tilted, [[0.9], [-1.1]], { gradientTolerance: 1e-8 });
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeLessThan(-1);
    expect(Math.abs(m.gradient[0] as number)).toBeLessThanOrEqual(1e-8);
    const alone = minimiseBfgs(tilted, [0.9], { gradientTolerance: 1e-12 });
    expect(alone.x[0]).toBeGreaterThan(0.9); // from 0.9 alone, the local minimum
  });

  it('continues from a warm inverse Hessian without losing the answer', () => {
    const first = minimiseBfgs(tilted, [-2], { gradientTolerance: 1e-3 });
    const warm = minimiseBfgs(tilted, first.x, {
      gradientTolerance: 1e-12,
      inverseHessian: first.inverseHessian,
    });
    const cold = minimiseBfgs(tilted, [-2], { gradientTolerance: 1e-12 });
    expect(warm.x[0]).toBeCloseTo(cold.x[0] as number, 10);
  });
});
