/**
 * Business names for segments. A segment is described by three scores in [0, 1]: the mean
 * percentile rank of its customers' recency (inverted: recent = 1), frequency and monetary value.
 * Each name below is an archetype at a point of that cube, modelled on the classic R x F grid
 * marketers use. The best segment (highest recency + frequency + monetary) is named first, with
 * its closest archetype, so the best customers always get the name that fits them best (a weaker
 * group that happens to sit nearer "Champions" cannot take it from them). The others get names by
 * a global greedy match: of all (segment, archetype) pairs left, the closest pair is named first,
 * then the closest among those left, and so on, so names are unique within a run and the same
 * profiles always get the same names.
 */

export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

export interface Archetype {
  name: string;
  at: RfmScores;
  action: string;
}

export const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'Champions',
    at: { recency: 0.85, frequency: 0.9, monetary: 0.9 },
    action: 'Reward them: early access, loyalty perks, ask for reviews and referrals.',
  },
  {
    name: 'Loyal customers',
    at: { recency: 0.65, frequency: 0.72, monetary: 0.72 },
    action: 'Upsell higher-value products and invite them to a loyalty programme.',
  },
  {
    name: "Can't lose them",
    at: { recency: 0.12, frequency: 0.9, monetary: 0.9 },
    action: 'Reach out personally before they are gone: find out what changed, make it right.',
  },
  {
    name: 'At risk',
    at: { recency: 0.25, frequency: 0.65, monetary: 0.65 },
    action: 'Win them back with personal emails, reminders of what they bought and a good offer.',
  },
  {
    name: 'Potential loyalists',
    at: { recency: 0.75, frequency: 0.5, monetary: 0.5 },
    action: 'Encourage a habit: membership, a second-purchase incentive, recommendations.',
  },
  {
    name: 'New customers',
    at: { recency: 0.85, frequency: 0.2, monetary: 0.25 },
    action: 'Onboard them: a welcome series and a follow-up after the first order.',
  },
  {
    name: 'Needs attention',
    at: { recency: 0.5, frequency: 0.45, monetary: 0.45 },
    action: 'Time-limited offers based on what they bought before.',
  },
  {
    name: 'About to sleep',
    at: { recency: 0.45, frequency: 0.22, monetary: 0.22 },
    action: 'Share bestsellers and a small discount to bring them back.',
  },
  {
    name: 'Hibernating',
    at: { recency: 0.25, frequency: 0.3, monetary: 0.3 },
    action: 'Reactivate with relevant products and seasonal offers; keep costs low.',
  },
  {
    name: 'Lost',
    at: { recency: 0.08, frequency: 0.12, monetary: 0.12 },
    action: 'A low-cost win-back campaign; otherwise do not spend on them.',
  },
];

const distance = (a: RfmScores, b: RfmScores) =>
  Math.hypot(a.recency - b.recency, a.frequency - b.frequency, a.monetary - b.monetary);

/** Recency + frequency + monetary: how good a segment's customers are, the order of segments. */
export const segmentValue = (s: RfmScores) => s.recency + s.frequency + s.monetary;

/**
 * Names for each segment's scores; beyond ten segments the rest are "Segment N". Segments in
 * `unnamed` (DBSCAN's noise, which is no group) take no archetype and come back as "Segment N"
 * for the caller to name.
 */
export function nameSegments(
  scores: readonly RfmScores[],
  unnamed: ReadonlySet<number> = new Set(),
): { name: string; action: string }[] {
  const chosen = new Array<number>(scores.length).fill(-1);
  const used = new Set<number>();
  let best = -1;
  scores.forEach((s, segment) => {
    if (unnamed.has(segment)) return;
    if (best === -1 || segmentValue(s) > segmentValue(scores[best]!)) best = segment;
  });
  if (best !== -1) {
    let nearest = 0;
    ARCHETYPES.forEach((a, archetype) => {
      if (distance(scores[best]!, a.at) < distance(scores[best]!, ARCHETYPES[nearest]!.at))
        nearest = archetype;
    });
    chosen[best] = nearest;
    used.add(nearest);
  }

  const pairs: { segment: number; archetype: number; distance: number }[] = [];
  scores.forEach((s, segment) => {
    if (segment === best || unnamed.has(segment)) return;
    ARCHETYPES.forEach((a, archetype) =>
      pairs.push({ segment, archetype, distance: distance(s, a.at) }),
    );
  });
  pairs.sort(
    (p, q) => p.distance - q.distance || p.segment - q.segment || p.archetype - q.archetype,
  );
  for (const pair of pairs) {
    if (chosen[pair.segment] !== -1 || used.has(pair.archetype)) continue;
    chosen[pair.segment] = pair.archetype;
    used.add(pair.archetype);
  }
  return chosen.map((archetype, segment) => {
    const a = ARCHETYPES[archetype];
    return a
      ? { name: a.name, action: a.action }
      : { name: `Segment ${segment + 1}`, action: 'Look at this group’s profile to decide.' };
  });
}
