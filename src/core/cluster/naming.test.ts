import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { ARCHETYPES, nameSegments, type RfmScores, segmentValue } from './naming.ts';

const at = (recency: number, frequency: number, monetary: number): RfmScores => ({
  recency,
  frequency,
  monetary,
});
const names = (scores: RfmScores[], unnamed?: Set<number>) =>
  nameSegments(scores, unnamed).map((n) => n.name);

describe('nameSegments on hand-made profiles', () => {
  it('a profile at an archetype gets that archetype, alone or with all the others', () => {
    for (const archetype of ARCHETYPES) {
      expect(names([archetype.at])).toEqual([archetype.name]);
      expect(nameSegments([archetype.at])[0]!.action).toBe(archetype.action);
    }
    expect(names(ARCHETYPES.map((a) => a.at))).toEqual(ARCHETYPES.map((a) => a.name));
    expect(names([...ARCHETYPES].reverse().map((a) => a.at))).toEqual(
      [...ARCHETYPES].reverse().map((a) => a.name),
    );
  });

  it('recency decides between groups that buy as often and spend as much', () => {
    // Same frequency and spend: recent buyers are the best, long-gone ones are the worry.
    expect(names([at(0.9, 0.9, 0.9)])).toEqual(['Champions']);
    expect(names([at(0.1, 0.9, 0.9)])).toEqual(["Can't lose them"]);
    expect(names([at(0.9, 0.9, 0.9), at(0.1, 0.9, 0.9)])).toEqual(['Champions', "Can't lose them"]);
    expect(names([at(0.1, 0.9, 0.9), at(0.9, 0.9, 0.9)])).toEqual(["Can't lose them", 'Champions']);
    // One order, little spend: new if recent, lost if not.
    expect(names([at(0.9, 0.15, 0.2), at(0.05, 0.1, 0.1)])).toEqual(['New customers', 'Lost']);
    expect(names([at(0.05, 0.15, 0.2)])).toEqual(['Lost']);
  });

  it('frequency and spend decide between groups that bought equally recently', () => {
    expect(names([at(0.85, 0.9, 0.9), at(0.85, 0.2, 0.25)])).toEqual([
      'Champions',
      'New customers',
    ]);
    expect(names([at(0.25, 0.65, 0.65), at(0.25, 0.3, 0.3)])).toEqual(['At risk', 'Hibernating']);
  });

  it('the best group is named first: a weaker group nearer "Champions" cannot take it', () => {
    // The DBSCAN case of the bundled sample: the best group (1.9 days, 28.9 orders) was called
    // "Potential loyalists" because a weaker group sat a little nearer the Champions archetype.
    const best = at(0.97, 0.98, 0.97);
    const weaker = at(0.87, 0.9, 0.9);
    expect(names([best, weaker])[0]).toBe('Champions');
    expect(names([weaker, best])[1]).toBe('Champions');
    expect(names([best, weaker, at(0.5, 0.48, 0.48)])).toEqual([
      'Champions',
      'Loyal customers',
      'Needs attention',
    ]);
  });

  it('the best group of any set of groups is the Champions when it is recent, frequent and big-spending', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 500; trial++) {
      const best = at(0.8 + 0.2 * rng(), 0.8 + 0.2 * rng(), 0.8 + 0.2 * rng());
      const others = Array.from({ length: 1 + Math.floor(rng() * 9) }, () => {
        const s = at(rng(), rng(), rng());
        return segmentValue(s) < segmentValue(best) ? s : at(s.recency * 0.5, s.frequency, 0.1);
      });
      const where = Math.floor(rng() * (others.length + 1));
      const groups = [...others.slice(0, where), best, ...others.slice(where)];
      expect(names(groups)[where], JSON.stringify(groups)).toBe('Champions');
    }
  });

  it('names are unique, the same for the same profiles, and "Segment N" past ten', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => at(i / 11, (11 - i) / 11, 0.5));
    const twelveNames = names(twelve);
    expect(new Set(twelveNames).size).toBe(12);
    expect(twelveNames.filter((n) => /^Segment \d+$/.test(n))).toHaveLength(2);
    expect(nameSegments(twelve)).toEqual(nameSegments(twelve));
    const unnamedSegment = nameSegments(twelve).find((n) => n.name.startsWith('Segment '))!;
    expect(unnamedSegment.action).toBe('Look at this group’s profile to decide.');
    expect(names([])).toEqual([]);
  });

  it('a segment left unnamed (noise) takes no archetype from the others', () => {
    // The noise group sits on "Loyal customers"; left out, a real group can have that name.
    const groups = [at(0.97, 0.98, 0.97), at(0.97, 0.96, 0.92), at(0.65, 0.72, 0.72)];
    expect(names(groups)).toEqual(['Champions', 'Potential loyalists', 'Loyal customers']);
    expect(names(groups, new Set([2]))).toEqual(['Champions', 'Loyal customers', 'Segment 3']);
    // Even when the noise looks best, the best real group is named first.
    expect(names([at(0.99, 0.99, 0.99), at(0.9, 0.9, 0.9)], new Set([0]))).toEqual([
      'Segment 1',
      'Champions',
    ]);
  });

  it('segmentValue adds the three scores', () => {
    expect(segmentValue(at(0.25, 0.5, 0.125))).toBe(0.875);
  });
});
