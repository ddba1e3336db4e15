/**
 * Renames kept across a new analysis, matched by profile (hand-made scores), and duplicate names
 * refused.
 */
import { describe, expect, it } from 'vitest';
import { carryNames, duplicateName, type GivenName, type NewSegment } from './rename-match.ts';

const at = (recency: number, frequency: number, monetary: number) => ({
  recency,
  frequency,
  monetary,
});

describe('carryNames', () => {
  const given: GivenName[] = [
    { name: 'VIP', suggestedName: 'Champions', scores: at(0.9, 0.9, 0.9) },
    { name: 'Sleepers', suggestedName: 'Hibernating', scores: at(0.2, 0.2, 0.2) },
  ];

  it('follows the profile, not the segment number', () => {
    // Renumbered: the best segment is now number 1 (cluster 1) behind a new cluster 0.
    const segments: NewSegment[] = [
      { cluster: 0, suggestedName: 'Hibernating', scores: at(0.22, 0.18, 0.21) },
      { cluster: 1, suggestedName: 'Champions', scores: at(0.88, 0.93, 0.9) },
      { cluster: 2, suggestedName: 'At risk', scores: at(0.4, 0.6, 0.6) },
    ];
    expect(carryNames(given, segments)).toEqual({
      names: { 1: 'VIP', 0: 'Sleepers' },
      dropped: [],
    });
  });

  it('drops a name whose segment is gone, and says which', () => {
    const segments: NewSegment[] = [
      { cluster: 0, suggestedName: 'Champions', scores: at(0.9, 0.88, 0.91) },
      // 0.2 away from "Sleepers" and another archetype: not the same segment.
      { cluster: 1, suggestedName: 'About to sleep', scores: at(0.4, 0.2, 0.2) },
    ];
    expect(carryNames(given, segments)).toEqual({ names: { 0: 'VIP' }, dropped: ['Sleepers'] });
  });

  it('the same archetype allows twice the distance (0.3), another archetype 0.15', () => {
    const near = (suggestedName: string, d: number): NewSegment[] => [
      { cluster: 0, suggestedName, scores: at(0.9 - d, 0.9, 0.9) },
    ];
    const vip = [given[0]!];
    expect(carryNames(vip, near('Champions', 0.29)).names).toEqual({ 0: 'VIP' });
    expect(carryNames(vip, near('Champions', 0.31)).names).toEqual({});
    expect(carryNames(vip, near('Loyal customers', 0.14)).names).toEqual({ 0: 'VIP' });
    expect(carryNames(vip, near('Loyal customers', 0.16)).names).toEqual({});
  });

  it('one segment per name: the nearer name wins, the other is dropped', () => {
    const two: GivenName[] = [
      { name: 'A', suggestedName: 'Champions', scores: at(0.9, 0.9, 0.9) },
      { name: 'B', suggestedName: 'Loyal customers', scores: at(0.85, 0.85, 0.85) },
    ];
    const one: NewSegment[] = [
      { cluster: 0, suggestedName: 'Champions', scores: at(0.86, 0.86, 0.86) },
    ];
    expect(carryNames(two, one)).toEqual({ names: { 0: 'B' }, dropped: ['A'] });
  });
});

describe('duplicateName', () => {
  const shown = [
    { cluster: 0, name: 'VIP' },
    { cluster: 1, name: 'Loyal customers' },
  ];
  it('refuses a name another segment has, ignoring case and spaces', () => {
    expect(duplicateName(' vip ', 1, shown)).toBe(
      'Segment 1 is already called “VIP”. Choose another name.',
    );
    expect(duplicateName('Loyal Customers', 0, shown)).toMatch(/Segment 2/);
  });
  it('accepts a new name, or a segment keeping its own', () => {
    expect(duplicateName('Regulars', 1, shown)).toBeNull();
    expect(duplicateName('VIP', 0, shown)).toBeNull();
  });
});
