import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, type FeatureName } from '../types.ts';
import type { CustomerTable } from './customers.ts';
import { fitScaler, quantileSorted, scaleCustomers, scalePoint, unscalePoint } from './scale.ts';
import { customerTableOf } from '../testing/customer-table.ts';

const arr = (xs: ArrayLike<number>) => Array.from(xs);

/** Recency 1, 2, 3, 4, 10; Frequency 5 for everyone; Monetary e - 1, e^2 - 1, ... (log1p 1..5). */
function table(): CustomerTable {
  const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, new Float64Array(5)])) as Record<
    FeatureName,
    Float64Array
  >;
  features.Recency = Float64Array.of(1, 2, 3, 4, 10);
  features.Frequency = Float64Array.of(5, 5, 5, 5, 5);
  features.Monetary = Float64Array.from([1, 2, 3, 4, 5], (x) => Math.expm1(x));
  return customerTableOf(features, ['a', 'b', 'c', 'd', 'e']);
}

describe('quantileSorted (numpy linear)', () => {
  it('interpolates between neighbours', () => {
    const sorted = Float64Array.of(1, 2, 3, 4, 10);
    expect(quantileSorted(sorted, 0.5)).toBe(3);
    expect(quantileSorted(sorted, 0.25)).toBe(2);
    expect(quantileSorted(sorted, 0.9)).toBeCloseTo(7.6, 12);
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(10);
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(quantileSorted(Float64Array.of(7), 0.3)).toBe(7);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('fitScaler', () => {
  it('standard: mean and population standard deviation; a constant feature gets scale 1', () => {
    const s = fitScaler(table(), {
      features: ['Recency', 'Frequency'],
      transform: 'none',
      scaling: 'standard',
    });
    // Recency mean 4; squares 9 + 4 + 1 + 0 + 36 = 50 over 5: std sqrt 10.
    expect(arr(s.center)).toEqual([4, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(10), 14);
    expect(s.scale[1]).toBe(1);
    expect(s.features).toEqual(['Recency', 'Frequency']);
  });

  it('standard: a constant feature of large values is constant, whatever rounding leaves', () => {
    // Seven customers with 1,000,000.1: the computed mean is off in the last digit, leaving a
    // spread of about 1e-10 that is rounding, not data.
    const t = table();
    t.features.Tenure = new Float64Array(7).fill(1e6 + 0.1);
    t.ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const s = fitScaler(t, { features: ['Tenure'], transform: 'none', scaling: 'standard' });
    expect(arr(s.scale)).toEqual([1]);
  });

  it('robust: median and interquartile range', () => {
    const s = fitScaler(table(), { features: ['Recency'], transform: 'none', scaling: 'robust' });
    expect(arr(s.center)).toEqual([3]);
    expect(arr(s.scale)).toEqual([4 - 2]);
    const constant = fitScaler(table(), {
      features: ['Frequency'],
      transform: 'none',
      scaling: 'robust',
    });
    expect(arr(constant.scale)).toEqual([1]);
  });

  it('log1p is applied before centring and scaling', () => {
    const s = fitScaler(table(), { features: ['Monetary'], transform: 'log1p', scaling: 'robust' });
    expect(s.center[0]).toBeCloseTo(3, 12);
    expect(s.scale[0]).toBeCloseTo(2, 12);
    const points = scaleCustomers(table(), s);
    arr(points.values).forEach((z, i) => expect(z).toBeCloseTo((i + 1 - 3) / 2, 12));
  });
});

describe('scaling customers and points', () => {
  const scaler = fitScaler(table(), {
    features: ['Recency', 'Monetary'],
    transform: 'log1p',
    scaling: 'standard',
  });

  it('scaleCustomers gives row-major (transform(x) - centre) / scale', () => {
    const points = scaleCustomers(table(), scaler);
    expect(points.count).toBe(5);
    expect(points.dims).toBe(2);
    const t = table();
    for (let i = 0; i < 5; i++) {
      expect(points.values[2 * i]).toBeCloseTo(
        (Math.log1p(t.features.Recency[i]!) - scaler.center[0]!) / scaler.scale[0]!,
        14,
      );
      expect(points.values[2 * i + 1]).toBeCloseTo(
        (i + 1 - scaler.center[1]!) / scaler.scale[1]!,
        12,
      );
    }
  });

  it('scalePoint scales one customer the same way, unscalePoint takes it back', () => {
    const z = scalePoint([4, Math.expm1(2)], scaler);
    const points = scaleCustomers(table(), scaler);
    expect(z[0]).toBeCloseTo(points.values[6]!, 14);
    expect(z[1]).toBeCloseTo(points.values[3]!, 12);
    const back = unscalePoint(z, scaler);
    expect(back[0]).toBeCloseTo(4, 12);
    expect(back[1]).toBeCloseTo(Math.expm1(2), 12);
    const plain = fitScaler(table(), {
      features: ['Recency'],
      transform: 'none',
      scaling: 'standard',
    });
    expect(arr(unscalePoint([1], plain))).toEqual([4 + Math.sqrt(10)]);
  });
});

describe('behaviour features', () => {
  it('scale from the behaviour columns; log1p keeps negative growth finite and symmetric', () => {
    const t = table();
    t.behaviour!.Growth = Float64Array.of(-Math.E + 1, 0, Math.E - 1, 0, 0);
    const s = fitScaler(t, { features: ['Growth'], transform: 'log1p', scaling: 'robust' });
    // sign(x) log(1 + |x|): -1, 0, 1, 0, 0 -> median 0, IQR 0 - 0 = 0 -> scale 1.
    expect(arr(s.center)).toEqual([0]);
    expect(arr(s.scale)).toEqual([1]);
    const z = scaleCustomers(t, s).values;
    expect(z[0]).toBeCloseTo(-1, 14);
    expect(z[2]).toBeCloseTo(1, 14);
    expect(unscalePoint([-1], s)[0]).toBeCloseTo(1 - Math.E, 12);
  });
});
