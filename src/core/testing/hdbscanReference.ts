/**
 * Test-only loader for R dbscan's HDBSCAN results in ../shared/reference/online_retail.hdbscan.*
 * (see its README) and the scaled feature matrices they were computed on. Reads files with
 * node:fs, so only tests may import it.
 */
import { readFileSync } from 'node:fs';
import { loadReferenceCustomers, loadReferenceSummary, sharedPath } from './reference.ts';

export const HDBSCAN_VARIANTS = ['rfm_log_standard', 'ext_standard'] as const;
export type HdbscanVariant = (typeof HDBSCAN_VARIANTS)[number];
export const HDBSCAN_MIN_PTS = [5, 15, 30] as const;

export interface HdbscanReferenceRun {
  clusters: number;
  noise: number;
  sizes: number[];
  seconds: number;
}

export interface HdbscanReferenceColumns {
  /** R's numbering: 0 = noise, clusters 1, 2, ... */
  cluster: Int32Array;
  /** R's membership_prob: (max core distance in the cluster - core distance) / that max. */
  prob: Float64Array;
  /** R's GLOSH outlier score. */
  outlier: Float64Array;
}

/**
 * The variant's features, log1p'd if the variant says so and standard scaled with the summary's
 * scaler, row-major in the order of online_retail.customers.csv.
 */
export function scaledReferenceMatrix(variant: HdbscanVariant): {
  points: Float64Array;
  n: number;
  d: number;
  customerIds: readonly string[];
} {
  const spec = loadReferenceSummary().variants[variant];
  const customers = loadReferenceCustomers();
  const n = customers.count;
  const d = spec.features.length;
  const points = new Float64Array(n * d);
  spec.features.forEach((feature, j) => {
    const column = customers.column(feature);
    const mean = spec.scaler_mean[j] as number;
    const scale = spec.scaler_scale[j] as number;
    for (let i = 0; i < n; i++) {
      const raw = column[i] as number;
      points[i * d + j] = ((spec.log1p ? Math.log1p(raw) : raw) - mean) / scale;
    }
  });
  return { points, n, d, customerIds: customers.customerIds };
}

let table: { ids: string[]; columns: Map<string, Float64Array> } | undefined;

function hdbscanTable(): { ids: string[]; columns: Map<string, Float64Array> } {
  if (table === undefined) {
    const lines = readFileSync(sharedPath('reference', 'online_retail.hdbscan.csv'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    // R's write.csv quotes the header and the id column; no field contains a comma.
    const cells = lines.map((line) => line.split(',').map((c) => c.replace(/^"|"$/g, '')));
    const header = cells[0] ?? [];
    const rows = cells.slice(1);
    const columns = new Map<string, Float64Array>();
    header.forEach((name, c) =>
      columns.set(
        name,
        Float64Array.from(rows, (row) => Number(row[c])),
      ),
    );
    table = { ids: rows.map((row) => row[0] ?? ''), columns };
  }
  return table;
}

/** R's per-customer results, reordered to match `customerIds`. */
export function hdbscanReferenceColumns(
  variant: HdbscanVariant,
  minPts: number,
  customerIds: readonly string[],
): HdbscanReferenceColumns {
  const { ids, columns } = hdbscanTable();
  const position = new Map(ids.map((id, i) => [id, i]));
  const pick = (suffix: string): Float64Array => {
    const name = `${variant}_minpts${minPts}_${suffix}`;
    const column = columns.get(name);
    if (column === undefined) throw new Error(`online_retail.hdbscan.csv has no column ${name}`);
    return Float64Array.from(customerIds, (id) => {
      const at = position.get(id);
      if (at === undefined) throw new Error(`customer ${id} is missing from the HDBSCAN reference`);
      return column[at] as number;
    });
  };
  return {
    cluster: Int32Array.from(pick('cluster')),
    prob: pick('prob'),
    outlier: pick('outlier'),
  };
}

/** online_retail.hdbscan.json's entry for one variant and minPts. */
export function hdbscanReferenceRun(variant: HdbscanVariant, minPts: number): HdbscanReferenceRun {
  const json = JSON.parse(
    readFileSync(sharedPath('reference', 'online_retail.hdbscan.json'), 'utf8'),
  ) as Record<string, HdbscanReferenceRun>;
  const run = json[`${variant}_minpts${minPts}`];
  if (run === undefined) throw new Error(`no HDBSCAN reference for ${variant} minPts ${minPts}`);
  return run;
}
