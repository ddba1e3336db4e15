import { useId, useMemo, useState } from 'react';
import { checkMapping, moneySource, ROLE_LABELS } from '../../core/index.ts';
import { DATE_FORMATS, detectDateFormat, formatDateExample, parseDate } from '../../core/index.ts';
import type { FileSniff } from '../../core/ingest/sniff.ts';
import type {
  ColumnMapping,
  ColumnRole,
  DateFormat,
  Delimiter,
  Encoding,
} from '../../core/types.ts';
import { editMapping, runAnalysis, setNonProductCodes, startOver } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import './MappingScreen.css';

const GROUPS: { title: string; hint: string; roles: ColumnRole[]; money?: true }[] = [
  { title: 'Who and when', hint: 'Required.', roles: ['customer', 'date'] },
  {
    title: 'Money',
    hint: 'Required: quantity and unit price, or the line amount.',
    roles: ['quantity', 'unitPrice', 'amount'],
    money: true,
  },
  {
    title: 'Optional',
    hint: 'Orders are counted per invoice; product codes drop postage and fees; country shows on each customer.',
    roles: ['invoice', 'product', 'description', 'country'],
  },
];

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'Year first (2011-12-31)',
  mdy: 'Month first (12/31/2011)',
  dmy: 'Day first (31/12/2011)',
  'ymd-compact': 'Compact (20111231)',
  'excel-serial': 'Excel day number (40908)',
};

const ENCODINGS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Western)',
};
const DELIMITERS: Record<Delimiter, string> = {
  ',': 'Comma',
  ';': 'Semicolon',
  '\t': 'Tab',
  '|': 'Pipe',
};
const MISSING_LABELS = {
  customer: ROLE_LABELS.customer,
  date: ROLE_LABELS.date,
  money: `${ROLE_LABELS.quantity} and ${ROLE_LABELS.unitPrice}, or ${ROLE_LABELS.amount}`,
};

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const columnName = (headers: readonly string[], index: number) =>
  headers[index] || `Column ${index + 1} (no name)`;

/** Distinct non-empty values of one column in the sample rows, in file order. */
function columnValues(sniff: FileSniff, column: number | undefined, limit = Infinity): string[] {
  if (column === undefined) return [];
  const seen = new Set<string>();
  for (const row of sniff.sampleRows) {
    const value = row[column];
    if (value) seen.add(value);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

/** Parses the codes box: commas or new lines between codes. */
const parseCodes = (text: string) => [
  ...new Set(
    text
      .split(/[,\n]/)
      .map((c) => c.trim())
      .filter(Boolean),
  ),
];

export function MappingScreen() {
  const sniff = useApp((s) => s.sniff);
  return sniff ? <MappingForm sniff={sniff} /> : null;
}

function MappingForm({ sniff }: { sniff: FileSniff }) {
  // Edits stay local until confirmed, so a half-edited mapping never reaches the analysis.
  const storedMapping = useApp((s) => s.mapping);
  const storedFormat = useApp((s) => s.dateFormat);
  const storedCodes = useApp((s) => s.nonProductCodes);
  const [mapping, setMapping] = useState<ColumnMapping>(storedMapping);
  const [dateFormat, setDateFormat] = useState<DateFormat | null>(storedFormat);
  const [codesText, setCodesText] = useState(() => storedCodes.join(', '));
  const id = useId();

  const dates = useMemo(() => columnValues(sniff, mapping.date), [sniff, mapping.date]);
  const detection = useMemo(() => (dates.length > 0 ? detectDateFormat(dates) : null), [dates]);
  const problem = checkMapping(mapping, sniff.headers.length);
  const money = moneySource(mapping);
  const ready = problem.missing.length === 0 && problem.duplicates.length === 0;

  const setRole = (role: ColumnRole, value: string) => {
    const { [role]: _dropped, ...rest } = mapping;
    const next: ColumnMapping = value === '' ? rest : { ...rest, [role]: Number(value) };
    setMapping(next);
    if (role === 'date') {
      // Another date column: decide its format from its own sample values.
      const values = columnValues(sniff, next.date);
      setDateFormat(values.length > 0 ? (detectDateFormat(values)?.format ?? null) : null);
    }
  };

  const confirm = () => {
    setNonProductCodes(parseCodes(codesText));
    editMapping(mapping, dateFormat);
    void runAnalysis();
  };

  return (
    <div className="mapping">
      <header className="mapping-head">
        <h1>Check your columns</h1>
        <p className="muted">
          We matched the columns of <strong className="mapping-file">{sniff.name}</strong> to what
          the analysis needs. Fix any that look wrong: the grey values are from the first rows of
          the column you pick.
        </p>
      </header>

      <div className="mapping-layout">
        <section className="card mapping-roles" aria-label="Column mapping">
          {GROUPS.map((group) => (
            <fieldset key={group.title} className="mapping-group">
              <legend>{group.title}</legend>
              <p className="mapping-hint muted">{group.hint}</p>
              {group.roles.map((role) => {
                const selectId = `${id}-${role}`;
                const samples = columnValues(sniff, mapping[role], 3);
                return (
                  <div key={role} className="mapping-row">
                    <label htmlFor={selectId}>{ROLE_LABELS[role]}</label>
                    <select
                      id={selectId}
                      value={mapping[role] ?? ''}
                      onChange={(e) => setRole(role, e.target.value)}
                    >
                      <option value="">Not in this file</option>
                      {sniff.headers.map((_, i) => (
                        <option key={i} value={i}>
                          {columnName(sniff.headers, i)}
                        </option>
                      ))}
                    </select>
                    <div
                      className="mapping-samples"
                      aria-label={`Sample values of ${ROLE_LABELS[role]}`}
                    >
                      {mapping[role] === undefined ? null : samples.length === 0 ? (
                        <span className="muted">empty in the first rows</span>
                      ) : (
                        samples.map((value) => (
                          <span key={value} className="sample-chip" title={value}>
                            {value}
                          </span>
                        ))
                      )}
                    </div>
                  </div>
                );
              })}
              {group.money && (
                <p className={money ? 'mapping-money ok' : 'mapping-money'}>
                  {money === 'quantityTimesPrice'
                    ? `Line revenue = ${ROLE_LABELS.quantity} × ${ROLE_LABELS.unitPrice}${mapping.amount === undefined ? '' : ` (the ${ROLE_LABELS.amount} column is not used)`}`
                    : money === 'amount'
                      ? `Line revenue = ${ROLE_LABELS.amount}`
                      : `Choose ${MISSING_LABELS.money}.`}
                </p>
              )}
            </fieldset>
          ))}
        </section>

        <aside className="mapping-side">
          <DateCard
            dates={dates}
            format={dateFormat}
            ambiguous={detection?.ambiguous ?? false}
            onChange={setDateFormat}
            hasColumn={mapping.date !== undefined}
          />
          <section className="card" aria-labelledby={`${id}-facts`}>
            <h2 id={`${id}-facts`}>About the file</h2>
            <dl className="mapping-facts">
              <dt>Size</dt>
              <dd>
                {formatBytes(sniff.size)}
                {sniff.container === 'gzip' ? ' (gzip compressed)' : ''}
              </dd>
              <dt>Text encoding</dt>
              <dd>{ENCODINGS[sniff.encoding]}</dd>
              <dt>Separator</dt>
              <dd>{DELIMITERS[sniff.delimiter]}</dd>
              <dt>Columns</dt>
              <dd>{sniff.headers.length}</dd>
            </dl>
          </section>
          <details className="card mapping-advanced">
            <summary>Advanced: codes that are not products</summary>
            <label htmlFor={`${id}-codes`}>
              Lines with these product codes (postage, fees, manual adjustments) are left out.
              Separate codes with commas.
            </label>
            <textarea
              id={`${id}-codes`}
              rows={3}
              value={codesText}
              onChange={(e) => setCodesText(e.target.value)}
              spellCheck={false}
            />
            {mapping.product === undefined && (
              <p className="muted">No product code column is chosen, so this list is not used.</p>
            )}
          </details>
        </aside>
      </div>

      <div className="mapping-actions">
        <div className="mapping-problems" aria-live="polite">
          {problem.missing.length > 0 && (
            <p className="mapping-missing">
              Still needed: {problem.missing.map((m) => MISSING_LABELS[m]).join('; ')}.
            </p>
          )}
          {problem.duplicates.map((column) => (
            <p key={column} className="mapping-missing">
              “{columnName(sniff.headers, column)}” is chosen for{' '}
              {(Object.keys(mapping) as ColumnRole[])
                .filter((role) => mapping[role] === column)
                .map((role) => ROLE_LABELS[role])
                .join(' and ')}
              ; pick one column per meaning.
            </p>
          ))}
          {ready && <p className="mapping-ready">All required columns are set.</p>}
        </div>
        <button type="button" className="link-button" onClick={startOver}>
          Choose another file
        </button>
        <button type="button" data-testid="mapping-confirm" disabled={!ready} onClick={confirm}>
          Analyse customers
        </button>
      </div>
    </div>
  );
}

interface DateCardProps {
  dates: string[];
  format: DateFormat | null;
  ambiguous: boolean;
  hasColumn: boolean;
  onChange: (format: DateFormat | null) => void;
}

/** The date format, with one sample date read in that format so the user can see it is right. */
function DateCard({ dates, format, ambiguous, hasColumn, onChange }: DateCardProps) {
  const id = useId();
  // The most telling example is one that day-first and month-first read differently.
  const example =
    dates.find((d) => {
      const a = parseDate(d, 'mdy');
      const b = parseDate(d, 'dmy');
      return Number.isFinite(a) && Number.isFinite(b) && a !== b;
    }) ?? dates[0];
  const parsed = example !== undefined && format ? parseDate(example, format) : NaN;
  const readCount = format ? dates.filter((d) => Number.isFinite(parseDate(d, format))).length : 0;
  const readable = Number.isFinite(parsed)
    ? new Date(parsed).toLocaleDateString('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Dates</h2>
      <label htmlFor={`${id}-format`} className="mapping-label">
        How the dates are written
      </label>
      <select
        id={`${id}-format`}
        value={format ?? ''}
        disabled={!hasColumn}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as DateFormat))}
      >
        <option value="">Decide from the whole file</option>
        {DATE_FORMATS.map((f) => (
          <option key={f} value={f}>
            {DATE_FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      {!hasColumn && <p className="muted">Choose the order date column first.</p>}
      {hasColumn && ambiguous && (
        <p className="mapping-note">
          These dates could be day first or month first. Check the example below.
        </p>
      )}
      {hasColumn && example !== undefined && format && (
        <div className={Number.isFinite(parsed) ? 'date-example' : 'date-example bad'}>
          <span className="date-caption">An example from the file</span>
          <span className="date-raw">{example}</span>
          <span className="date-caption">
            {Number.isFinite(parsed) ? 'reads as' : 'cannot be read this way'}
          </span>
          {Number.isFinite(parsed) && (
            <>
              <strong>{readable}</strong>
              <span className="date-iso">{formatDateExample(parsed)}</span>
            </>
          )}
        </div>
      )}
      {hasColumn && format && dates.length > 0 && (
        <p className="muted mapping-count">
          This format reads {readCount} of the {dates.length} different dates in the first rows.
        </p>
      )}
    </section>
  );
}
