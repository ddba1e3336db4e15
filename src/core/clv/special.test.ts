/**
 * Special functions against closed forms and mpmath 1.3 at 40 digits (`mpmath.loggamma`,
 * `digamma` and `log(hyp2f1(...))`, written here as the nearest doubles).
 */
import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, hyp2f1Series, logGamma } from './special.ts';

/** ln 2F1 where it is positive, NaN where it is not. */
const logHyp2f1 = (a: number, b: number, c: number, z: number) => {
  const { sign, log } = hyp2f1(a, b, c, z);
  return sign > 0 ? log : NaN;
};

const close = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    relative * Math.max(1, Math.abs(expected)),
  );

describe('logGamma', () => {
  it('equals ln((n - 1)!) at integers and ln(sqrt(pi)) at 1/2', () => {
    let factorial = 1;
    for (let n = 1; n <= 25; n++) {
      close(logGamma(n), Math.log(factorial), 1e-14);
      factorial *= n;
    }
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    close(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2), 1e-15);
  });

  it.each([
    [1e-8, 18.42068073818021],
    [0.1, 2.252712651734206],
    [0.25501640526675584, 1.2670296031159012],
    [7.3, 7.147892523022249],
    [38.2220889928863, 100.13620157582957],
    [150.5, 602.5139548705854],
    [1e6, 12815504.569147611],
  ])('lnGamma(%f) matches mpmath', (x, expected) => close(logGamma(x), expected, 2e-15));

  it('is NaN outside x > 0', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });
});

describe('digamma', () => {
  it.each([
    [1e-8, -100000000.57721564],
    [0.1, -10.423754940411078],
    [0.5, -1.9635100260214235],
    [1, -0.5772156649015329],
    [2, 0.42278433509846713],
    [7.3, 1.9178203356379862],
    [38.2220889928863, 3.630275115971142],
    [1e6, 13.815510057964191],
  ])('psi(%f) matches mpmath', (x, expected) => close(digamma(x), expected, 1e-14));

  it('is the derivative of logGamma (central difference)', () => {
    for (const x of [0.3, 2.5, 17, 420]) {
      const h = 1e-5 * x;
      close(digamma(x), (logGamma(x + h) - logGamma(x - h)) / (2 * h), 1e-8);
    }
  });
});

describe('hypergeometric 2F1', () => {
  it('2F1(1, 1; 2; z) = -ln(1 - z) / z', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99])
      close(logHyp2f1(1, 1, 2, z), Math.log(-Math.log1p(-z) / z), 1e-14);
  });

  it('2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z', () => {
    for (const z of [0.3, 0.8, 0.95])
      close(logHyp2f1(0.5, 0.5, 1.5, z * z), Math.log(Math.asin(z) / z), 1e-13);
  });

  it('2F1(a, b; b; z) = (1 - z)^-a, the BG/NBD case a = 1', () => {
    close(logHyp2f1(3.7, 2.2, 2.2, 0.6), -3.7 * Math.log(0.4), 1e-14);
  });

  it.each([
    [0.82, 7.25, 7.07, 0.84, 1.5798769047809729],
    [0.255, 2.64, 2.25, 0.3, 0.10887710124004937],
    [200.8, 207.2, 206.2, 0.45, 120.63165208771419],
    [0.5, 0.5, 1.5, 0.99, 0.390715304186989],
  ])('ln 2F1(%f, %f; %f; %f) matches mpmath', (a, b, c, z, expected) =>
    close(logHyp2f1(a, b, c, z), expected, 1e-13),
  );

  it('falls back to the Euler transform where the direct series overflows', () => {
    // The direct series of this case peaks above 1e308: only the transformed form can sum it.
    expect(hyp2f1Series(1500.8, 1507.2, 1506.2, 0.84)).toBeNull();
    close(logHyp2f1(1500.8, 1507.2, 1506.2, 0.84), 2752.1678261611128, 1e-13);
  });

  it('the direct and the Euler-transformed series agree where both converge', () => {
    const [a, b, c, z] = [3.4, 9.1, 11.6, 0.7];
    const direct = hyp2f1Series(a, b, c, z) as number;
    const euler = (hyp2f1Series(c - a, c - b, c, z) as number) * (1 - z) ** (c - a - b);
    close(euler, direct, 1e-13);
  });

  it('is 1 at z = 0', () => expect(logHyp2f1(2, 3, 4, 0)).toBe(0));

  it.each([
    [1, 1, -0.5, 0.3, -1.10513664356242],
    [2, 3, -0.5, 0.3, -74.31024993677939],
    [0.5, 2, -0.9, 0.5, -54.75184512669997],
  ])(
    'keeps the sign where c < 0 makes 2F1(%f, %f; %f; %f) negative (mpmath)',
    (a, b, c, z, expected) => {
      const { sign, log } = hyp2f1(a, b, c, z);
      expect(sign).toBe(-1);
      close(log, Math.log(-expected), 1e-13);
      expect(logHyp2f1(a, b, c, z)).toBeNaN();
    },
  );
});
