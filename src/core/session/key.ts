import type { ClusterOptions } from '../clustering.ts';

/**
 * The one key of every result kept for an analysis: what it depends on is the clustering's
 * options, k and, for some, one more input (DBSCAN's settings, the model). The session caches by
 * it and the page labels what it shows with it, so the two cannot disagree on "the same".
 */
export function analysisKey(options: ClusterOptions, k: number, extra: unknown = null): string {
  return `${JSON.stringify(options)}|${k}|${JSON.stringify(extra)}`;
}
