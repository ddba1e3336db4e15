import type { Rejection } from '../../core/ingest/columns.ts';
import { ROLE_LABELS } from '../../core/index.ts';
import type { FileSniff } from '../../core/ingest/sniff.ts';
import type { ColumnRole } from '../../core/types.ts';

export const columnName = (headers: readonly string[], index: number) =>
  headers[index] || `Column ${index + 1} (no name)`;

/** Distinct non-empty values of one column in the sample rows, in file order. */
export function columnValues(
  sniff: FileSniff,
  column: number | undefined,
  limit = Infinity,
): string[] {
  if (column === undefined) return [];
  const seen = new Set<string>();
  for (const row of sniff.sampleRows) {
    const value = row[column];
    if (value) seen.add(value);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

interface RoleRowProps {
  sniff: FileSniff;
  role: ColumnRole;
  selectId: string;
  column: number | undefined;
  /** Columns the automatic matching looked at for this role and passed over, with why. */
  rejected: readonly Rejection[];
  /** The analysis cannot run without this role (or, for money, without one of its roles). */
  needed: boolean;
  onChange: (value: string) => void;
}

/** One role: its column, a few of that column's values, and why no column was taken if none was. */
export function RoleRow({
  sniff,
  role,
  selectId,
  column,
  rejected,
  needed,
  onChange,
}: RoleRowProps) {
  const samples = columnValues(sniff, column, 3);
  const label = ROLE_LABELS[role];
  return (
    <div className="mapping-row">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} value={column ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">Not in this file</option>
        {sniff.headers.map((_, i) => (
          <option key={i} value={i}>
            {columnName(sniff.headers, i)}
          </option>
        ))}
      </select>
      <div className="mapping-samples" aria-label={`Sample values of ${label}`}>
        {column === undefined ? null : samples.length === 0 ? (
          <span className="muted">empty in the first rows</span>
        ) : (
          samples.map((value) => (
            <span key={value} className="sample-chip" title={value}>
              {value}
            </span>
          ))
        )}
      </div>
      {column === undefined && rejected.length > 0 && (
        <div
          className={needed ? 'mapping-rejected needed' : 'mapping-rejected'}
          data-testid={`rejected-${role}`}
        >
          <p>
            {rejected.length === 1
              ? `The column we looked at for the ${label.toLowerCase()} does not fit, going by the first rows:`
              : `The ${rejected.length} columns we looked at for the ${label.toLowerCase()} do not fit, going by the first rows:`}
          </p>
          <ul>
            {rejected.map((r) => (
              <li key={r.column}>
                <strong>“{columnName(sniff.headers, r.column)}”</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
