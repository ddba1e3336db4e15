/**
 * Keeping the names a user gave across a new analysis of the same shop (after "Change columns",
 * another feature set, another k): a renamed segment is "the same" in the new results when its
 * profile is. A profile is the segment's RFM scores (its customers' mean percentile ranks of
 * recency, inverted, frequency and monetary value, each 0..1: naming.ts), which do not depend on
 * the segment's number, the clustering's scale or the number of customers.
 *
 * Rule: pairs are taken globally nearest first (as the naming does), one new segment per name.
 * A pair is the same segment when its profiles are within SAME_PROFILE of each other (0.15 on the
 * 0..1 cube, about a sixth of a score on one axis), or within twice that when the engine also
 * gives both the same suggested name (the same archetype). Otherwise the name is not carried over,
 * and the caller says which names were dropped.
 */
import type { RfmScores } from './naming.ts';

export const SAME_PROFILE = 0.15;

export interface GivenName {
  name: string;
  suggestedName: string;
  scores: RfmScores;
}

export interface NewSegment {
  cluster: number;
  suggestedName: string;
  scores: RfmScores;
}

const distance = (a: RfmScores, b: RfmScores) =>
  Math.hypot(a.recency - b.recency, a.frequency - b.frequency, a.monetary - b.monetary);

export function carryNames(
  given: readonly GivenName[],
  segments: readonly NewSegment[],
): { names: Record<number, string>; dropped: string[] } {
  const pairs: { g: number; s: number; d: number }[] = [];
  given.forEach((old, g) =>
    segments.forEach((now, s) => {
      const d = distance(old.scores, now.scores);
      const limit = old.suggestedName === now.suggestedName ? 2 * SAME_PROFILE : SAME_PROFILE;
      if (d <= limit) pairs.push({ g, s, d });
    }),
  );
  pairs.sort((a, b) => a.d - b.d || a.g - b.g || a.s - b.s);
  const names: Record<number, string> = {};
  const placed = new Set<number>();
  const taken = new Set<number>();
  for (const { g, s } of pairs) {
    if (placed.has(g) || taken.has(s)) continue;
    placed.add(g);
    taken.add(s);
    names[segments[s]!.cluster] = given[g]!.name;
  }
  return { names, dropped: given.filter((_, g) => !placed.has(g)).map((x) => x.name) };
}

/** Why a name cannot be given to segment `cluster`: another segment has it already (any case). */
export function duplicateName(
  name: string,
  cluster: number,
  shown: readonly { cluster: number; name: string }[],
): string | null {
  const wanted = name.trim().toLocaleLowerCase();
  const other = shown.find(
    (s) => s.cluster !== cluster && s.name.trim().toLocaleLowerCase() === wanted,
  );
  return other
    ? `Segment ${other.cluster + 1} is already called “${other.name}”. Choose another name.`
    : null;
}
