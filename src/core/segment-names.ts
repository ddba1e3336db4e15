/**
 * A segment's name as the user sees it: the one they gave where they gave one, else the one the
 * engine suggested. One rule for the engine, the worker, the exports and the screens.
 */

/** Names the user gave, by segment number. */
export type SegmentNames = Readonly<Record<number, string>>;

export function nameOr(
  names: SegmentNames | undefined,
  cluster: number,
  suggested: string,
): string {
  return names?.[cluster] ?? suggested;
}

/** The segments with the user's names applied over the suggested ones. */
export function withNames<S extends { cluster: number; suggestedName: string; name: string }>(
  segments: readonly S[],
  names: SegmentNames | undefined,
): S[] {
  return segments.map((s) => ({ ...s, name: nameOr(names, s.cluster, s.suggestedName) }));
}
