import type { Clustering, PreparedSummary } from './pipeline.ts';
import type { Segmentation } from './cluster/segments.ts';
import { formatDateExample } from './ingest/date-example.ts';

/**
 * The analysis as plain JSON: what the CLI writes to summary.json. Key names follow SPEC and the
 * reference results so the two can be compared field by field.
 */
export function summaryJson(
  data: PreparedSummary,
  clustering: Clustering,
  segmentation: Segmentation,
  warnings: readonly { code: string; message: string }[],
) {
  const { table } = data.groups;
  const { rules_applied: _rules, share_kept, ...cleaning } = data.cleaned.report;
  return {
    input: data.sniff.name,
    file: {
      encoding: data.raw.encoding,
      delimiter: data.sniff.delimiter,
      date_format: data.tx.dateFormat,
      money: data.tx.money,
      columns: Object.fromEntries(
        Object.entries(data.mapping).map(([role, index]) => [role, data.sniff.headers[index]]),
      ),
    },
    cleaning: { ...cleaning, share_kept },
    customers: table.ids.length,
    snapshot: formatDateExample(table.snapshot),
    date_min: formatDateExample(table.dateMin),
    date_max: formatDateExample(table.dateMax),
    features: clustering.options.features,
    transform: clustering.options.transform,
    scaling: clustering.options.scaling,
    seed: clustering.options.seed,
    restarts: clustering.options.restarts,
    scaler_center: Array.from(clustering.scaler.center),
    scaler_scale: Array.from(clustering.scaler.scale),
    sweep: clustering.sweep.points,
    // With no feasible k the sweep is empty and everyone is in one segment.
    suggested_k: clustering.sweep.points.length > 0 ? clustering.sweep.suggestedK : 1,
    k: segmentation.k,
    segments: segmentation.segments,
    cohort: data.cohort,
    warnings,
  };
}
