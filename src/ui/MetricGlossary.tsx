/**
 * One line each on the statistics the advanced screens show, in the owner's words: what the
 * number says about the segments and which way is better.
 */
const METRICS = {
  inertia:
    'Inertia: how far customers are from their segment’s centre, added up; it always falls as k grows, so look for the bend.',
  silhouette:
    'Silhouette (−1 to 1, higher is better): how clearly each customer sits in its own segment rather than the next one.',
  calinskiHarabasz:
    'Calinski-Harabasz (higher is better): how far apart the segments are compared with how spread out each one is.',
  daviesBouldin:
    'Davies-Bouldin (lower is better): how much each segment looks like its most similar neighbour.',
  adjustedRand:
    'Adjusted Rand index (1 = the same groups, 0 = chance): how alike two ways of grouping the same customers are.',
} as const;

export type MetricName = keyof typeof METRICS;

export function MetricGlossary({ metrics }: { metrics: readonly MetricName[] }) {
  return (
    <ul className="metric-glossary muted" data-testid="metric-glossary">
      {metrics.map((m) => (
        <li key={m}>{METRICS[m]}</li>
      ))}
    </ul>
  );
}
