/**
 * Test-only helpers for export layouts: a CSV written from rows given by column name, its sniff,
 * and the expected mapping by header name.
 */
import { memorySource } from '../../node/file-source.ts';
import { type FileSniff, sniffFile } from '../ingest/sniff.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';

/** A CSV of `header` and rows given by column name; cells with the delimiter or quotes are quoted. */
export function csv(
  header: readonly string[],
  rows: readonly Record<string, string>[],
  delimiter = ',',
) {
  const cell = (v: string) =>
    v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v;
  const line = (values: readonly string[]) => values.map(cell).join(delimiter);
  return [line(header), ...rows.map((r) => line(header.map((h) => r[h] ?? '')))].join('\n') + '\n';
}

export const sniff = (text: string) => sniffFile(memorySource(text, 'export.csv'));

/** The mapping expected, given by header name, as column indices of `header`. */
export function byName(header: readonly string[], roles: Partial<Record<ColumnRole, string>>) {
  const mapping: ColumnMapping = {};
  for (const [role, name] of Object.entries(roles) as [ColumnRole, string][]) {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    mapping[role] = index;
  }
  return mapping;
}

export const rejectedFor = (s: FileSniff, role: ColumnRole) =>
  s.mappingReport.find((r) => r.role === role)?.rejected.map((x) => [x.header, x.reason]);

/** One row of a recognition table: an export's header and rows, and the mapping it must get. */
export interface LayoutCase {
  layout: string;
  header: readonly string[];
  rows: readonly Record<string, string>[];
  delimiter?: string;
  platform: { id: string; label?: string };
  roles: Partial<Record<ColumnRole, string>>;
}
