/** segment-names.ts: the user's name where given, else the suggested one, per segment number. */
import { describe, expect, it } from 'vitest';
import { nameOr, withNames } from './segment-names.ts';

describe('segment names', () => {
  it("nameOr: the user's name for that segment number, else the suggestion", () => {
    expect(nameOr({ 1: 'Regulars' }, 1, 'Loyal')).toBe('Regulars');
    expect(nameOr({ 1: 'Regulars' }, 0, 'Loyal')).toBe('Loyal');
    expect(nameOr(undefined, 0, 'Loyal')).toBe('Loyal');
    // An empty name is a name the user gave (the screens refuse it before it gets here).
    expect(nameOr({ 0: '' }, 0, 'Loyal')).toBe('');
  });

  it('withNames renames by cluster number, keeps the suggestion and leaves the input alone', () => {
    const segments = [
      { cluster: 0, suggestedName: 'Champions', name: 'Old name', size: 3 },
      { cluster: 1, suggestedName: 'At risk', name: 'At risk', size: 2 },
    ];
    const named = withNames(segments, { 0: 'Best', 5: 'Nobody' });
    expect(named).toEqual([
      { cluster: 0, suggestedName: 'Champions', name: 'Best', size: 3 },
      { cluster: 1, suggestedName: 'At risk', name: 'At risk', size: 2 },
    ]);
    // Without names every segment goes back to its suggested name.
    expect(withNames(segments, undefined).map((s) => s.name)).toEqual(['Champions', 'At risk']);
    expect(segments[0]!.name).toBe('Old name');
  });
});
