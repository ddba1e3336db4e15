import { describe, expect, it } from 'vitest';
import { byFeature, FEATURE_NAMES } from './types.ts';

describe('byFeature', () => {
  it('has one entry per feature, in FEATURE_NAMES order, each its own value', () => {
    const record = byFeature((feature) => `${feature}!`);
    expect(Object.keys(record)).toEqual([...FEATURE_NAMES]);
    for (const feature of FEATURE_NAMES) expect(record[feature]).toBe(`${feature}!`);
  });
});
