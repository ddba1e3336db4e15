import { useId, useMemo, useState } from 'react';
import { checkMapping, detectDateFormat, moneySource, ROLE_LABELS } from '../../core/index.ts';
import type { FileSniff } from '../../core/ingest/sniff.ts';
import type {
  ColumnMapping,
  ColumnRole,
  DateFormat,
  Delimiter,
  Encoding,
} from '../../core/types.ts';
import { ModelPicker } from '../model/ModelPicker.tsx';
import { editMapping, runAnalysis, setNonProductCodes, startOver } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { DateCard, DateOrderNotice } from './DateCard.tsx';
import { columnName, RoleRow } from './RoleRow.tsx';
import { dateSamples } from './date-example.ts';
import { twoReadings } from './date-order.ts';
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
  {
    title: 'Refunds and time',
    hint: 'Optional. Refunded, voided and failed orders are left out; a separate time column is joined to the date.',
    roles: ['status', 'refund', 'time'],
  },
];

/** "a Shopify orders export", "an Etsy sold order items export". */
const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

const ENCODINGS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Western)',
  'utf-16le': 'UTF-16 (Unicode Text)',
  'utf-16be': 'UTF-16 big-endian',
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

  const { samples: dates, yearAndMonth } = useMemo(
    () => dateSamples(sniff.sampleRows, mapping.date, mapping.month),
    [sniff, mapping.date, mapping.month],
  );
  const values = useMemo(() => dates.map((d) => d.value), [dates]);
  const detection = useMemo(() => (values.length > 0 ? detectDateFormat(values) : null), [values]);
  const readings = useMemo(
    () => (detection?.ambiguous ? twoReadings(values) : null),
    [detection, values],
  );
  const rejectedFor = (role: ColumnRole) =>
    sniff.mappingReport.find((r) => r.role === role)?.rejected ?? [];
  const problem = checkMapping(mapping, sniff.headers.length);
  const money = moneySource(mapping);
  const ready = problem.missing.length === 0 && problem.duplicates.length === 0;

  const setRole = (role: ColumnRole, value: string) => {
    const { [role]: _dropped, ...rest } = mapping;
    const next: ColumnMapping = value === '' ? rest : { ...rest, [role]: Number(value) };
    setMapping(next);
    // Another date column: its format is decided from its own dates, unless the user picks one.
    if (role === 'date') setDateFormat(null);
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
        {sniff.platform && (
          <p className="mapping-platform" data-testid="mapping-platform">
            <strong>Looks like {withArticle(sniff.platform.label)}.</strong> The columns below are
            set for it; you can still change any of them.
            {sniff.platform.hint && (
              <span className="mapping-platform-hint"> {sniff.platform.hint}</span>
            )}
          </p>
        )}
        <p className="muted">
          We matched the columns of <strong className="mapping-file">{sniff.name}</strong> to what
          the analysis needs. Fix any that look wrong: the grey values are from the first rows of
          the column you pick.
        </p>
      </header>

      {readings && (
        <DateOrderNotice readings={readings} format={dateFormat} onChange={setDateFormat} />
      )}

      <div className="mapping-layout">
        <section className="card mapping-roles" aria-label="Column mapping">
          {GROUPS.map((group) => (
            <fieldset key={group.title} className="mapping-group">
              <legend>{group.title}</legend>
              <p className="mapping-hint muted">{group.hint}</p>
              {group.roles.map((role) => (
                <RoleRow
                  key={role}
                  sniff={sniff}
                  role={role}
                  selectId={`${id}-${role}`}
                  column={mapping[role]}
                  rejected={rejectedFor(role)}
                  needed={
                    role === 'customer' || role === 'date' || (group.money === true && !money)
                  }
                  onChange={(value) => setRole(role, value)}
                />
              ))}
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
            yearAndMonth={
              yearAndMonth && mapping.date !== undefined && mapping.month !== undefined
                ? {
                    year: columnName(sniff.headers, mapping.date),
                    month: columnName(sniff.headers, mapping.month),
                  }
                : null
            }
            format={dateFormat}
            sampleFormat={detection?.format ?? null}
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

      <ModelPicker />

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
