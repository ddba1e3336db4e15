/**
 * Test-only loaders for the scikit-learn reference results in ../shared/reference (see its
 * README). This file reads files with node:fs, so only tests may import it; it must never be
 * reachable from the worker or the app.
 *
 * The shared folder sits beside the repository (/work/shared next to /work/main, and the same in
 * CI), so it is found relative to this file rather than to the current directory: the nearest
 * folder above this file that has a `shared/reference` in it. Nearest rather than a fixed
 * `../../../../`, because Stryker runs the tests in a copy of the repository one or two folders
 * deeper (.stryker-tmp/sandbox-*).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureName } from '../types.ts';

function findSharedRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'reference'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no shared/reference folder above ${start}`);
  }
}

const SHARED_ROOT = findSharedRoot();

/** Absolute path of a file under the shared folder, e.g. sharedPath('reference', 'x.csv'). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_ROOT, ...parts);
}

export const REFERENCE_VARIANTS = ['rfm_standard', 'rfm_log_standard', 'ext_standard'] as const;
export type ReferenceVariantName = (typeof REFERENCE_VARIANTS)[number];

export interface ReferenceSweepEntry {
  k: number;
  inertia: number;
  silhouette: number;
  calinski_harabasz: number;
  davies_bouldin: number;
  sizes: number[];
  seconds: number;
}

export interface ReferenceVariant {
  features: FeatureName[];
  log1p: boolean;
  scaler_mean: number[];
  scaler_scale: number[];
  sweep: ReferenceSweepEntry[];
  bootstrap_ari_k4: { mean: number; std: number; n: number };
}

export interface ReferenceSummary {
  input: string;
  preset: string;
  cleaning: Record<string, number>;
  customers: number;
  snapshot: string;
  date_min: string;
  date_max: string;
  feature_means: Record<FeatureName, number>;
  feature_sums: Record<FeatureName, number>;
  sklearn: string;
  pandas: string;
  variants: Record<ReferenceVariantName, ReferenceVariant>;
  oracle_seconds: number;
}

/** A numeric CSV keyed by its first column (CustomerID), kept as text for exact joins. */
export interface ReferenceTable {
  header: readonly string[];
  count: number;
  customerIds: readonly string[];
  /** A numeric column by header name; throws on an unknown name. */
  column(name: string): Float64Array;
}

export interface ReferenceLabels extends ReferenceTable {
  /** Labels of column `<variant>_k<k>`. */
  labels(variant: ReferenceVariantName, k: number): Int32Array;
}

/** The reference CSVs are plain: no quotes, no embedded commas, no empty cells. */
function readTable(file: string): ReferenceTable {
  const lines = readFileSync(sharedPath('reference', file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const header = (lines[0] ?? '').split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const columns = new Map<string, Float64Array>();
  header.forEach((name, c) =>
    columns.set(
      name,
      Float64Array.from(rows, (row) => Number(row[c])),
    ),
  );
  return {
    header,
    count: rows.length,
    customerIds: rows.map((row) => row[0] ?? ''),
    column(name) {
      const values = columns.get(name);
      if (values === undefined) throw new Error(`${file} has no column ${name}`);
      return values;
    },
  };
}

let customers: ReferenceTable | undefined;
let labels: ReferenceLabels | undefined;
let summary: ReferenceSummary | undefined;

/** online_retail.customers.csv: CustomerID and every SPEC feature, full precision. */
export function loadReferenceCustomers(): ReferenceTable {
  customers ??= readTable('online_retail.customers.csv');
  return customers;
}

/** online_retail.labels.csv: sklearn's labels per customer for every variant and k = 2..10. */
export function loadReferenceLabels(): ReferenceLabels {
  if (labels === undefined) {
    const table = readTable('online_retail.labels.csv');
    labels = {
      ...table,
      labels: (variant, k) => Int32Array.from(table.column(`${variant}_k${k}`)),
    };
  }
  return labels;
}

/** online_retail.summary.json, typed for the fields the tests read. */
export function loadReferenceSummary(): ReferenceSummary {
  summary ??= JSON.parse(
    readFileSync(sharedPath('reference', 'online_retail.summary.json'), 'utf8'),
  ) as ReferenceSummary;
  return summary;
}
