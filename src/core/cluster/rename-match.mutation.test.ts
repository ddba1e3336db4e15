/**
 * carryNames where the rule's details decide the answer (rename-match.ts): a distance exactly at
 * the limit, ties between names or between segments (the order of the lists decides), and pairs
 * taken nearest first across all names; duplicateName with spaces around a shown name.
 */
import { describe, expect, it } from 'vitest';
import {
  carryNames,
  duplicateName,
  SAME_PROFILE,
  type GivenName,
  type NewSegment,
} from './rename-match.ts';

const at = (recency: number, frequency: number, monetary: number) => ({
  recency,
  frequency,
  monetary,
});

describe('carryNames at the limits and on ties', () => {
  const one = (name: string, suggestedName: string, recency: number): GivenName => ({
    name,
    suggestedName,
    scores: at(recency, 0.5, 0.5),
  });
  const segment = (cluster: number, suggestedName: string, recency: number): NewSegment => ({
    cluster,
    suggestedName,
    scores: at(recency, 0.5, 0.5),
  });

  it('a distance exactly at the limit still carries the name (0.15, or 0.3 for the same archetype)', () => {
    // 0.15 - 0 and 0.3 - 0 are exactly SAME_PROFILE and twice it in doubles.
    expect(SAME_PROFILE).toBe(0.15);
    const other = carryNames([one('A', 'Champions', 0.15)], [segment(4, 'Loyal', 0)]);
    expect(other).toEqual({ names: { 4: 'A' }, dropped: [] });
    const same = carryNames([one('A', 'Champions', 0.3)], [segment(4, 'Champions', 0)]);
    expect(same).toEqual({ names: { 4: 'A' }, dropped: [] });
  });

  it('two names equally near one segment: the one listed first keeps it', () => {
    const given = [one('First', 'Loyal', 0.4), one('Second', 'Loyal', 0.6)];
    expect(carryNames(given, [segment(2, 'Loyal', 0.5)])).toEqual({
      names: { 2: 'First' },
      dropped: ['Second'],
    });
    // Listed the other way round, the other name wins: the order of the list decides, not the name.
    expect(carryNames(given.slice().reverse(), [segment(2, 'Loyal', 0.5)])).toEqual({
      names: { 2: 'Second' },
      dropped: ['First'],
    });
  });

  it('one name equally near two segments: the segment listed first gets it', () => {
    const segments = [segment(7, 'Loyal', 0.4), segment(3, 'Loyal', 0.6)];
    expect(carryNames([one('A', 'Loyal', 0.5)], segments).names).toEqual({ 7: 'A' });
    expect(carryNames([one('A', 'Loyal', 0.5)], segments.slice().reverse()).names).toEqual({
      3: 'A',
    });
  });

  it('pairs go nearest first across all names, not name by name', () => {
    // A is 0.1 from cluster 0 and 0.12 from cluster 1; B is 0.02 from cluster 0. B takes 0 first
    // (0.02), so A gets 1, though cluster 0 is A's own nearest and A is listed first.
    const given = [one('A', 'Loyal', 0.6), one('B', 'Loyal', 0.48)];
    const segments = [segment(0, 'Loyal', 0.5), segment(1, 'Loyal', 0.72)];
    expect(carryNames(given, segments)).toEqual({ names: { 0: 'B', 1: 'A' }, dropped: [] });
  });
});

describe('duplicateName with spaces around a shown name', () => {
  it('compares both names trimmed, whatever the case', () => {
    const shown = [{ cluster: 2, name: ' Loyal  ' }];
    expect(duplicateName('loyal', 0, shown)).toBe(
      'Segment 3 is already called “ Loyal  ”. Choose another name.',
    );
  });
});
