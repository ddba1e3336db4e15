import { useId } from 'react';
import { DATE_FORMATS, parseDate } from '../../core/index.ts';
import type { DateFormat } from '../../core/types.ts';
import { type DateSample, readDateExample } from './date-example.ts';
import { DATE_FORMAT_LABELS, datePart, type TwoReadings } from './date-order.ts';

/** Short enough not to be cut in the side column's select, at 1280 px and on a phone. */
const AUTOMATIC = 'Automatic (every date in the file)';

interface DateOrderNoticeProps {
  readings: TwoReadings;
  format: DateFormat | null;
  onChange: (format: DateFormat | null) => void;
}

/**
 * The first rows' dates read both day-first and month-first. Said at the top of the screen, where
 * it is seen before "Analyse customers", with the choice right there; the default stays automatic
 * because the rest of the file usually settles it (a 13th or later day).
 */
export function DateOrderNotice({ readings, format, onChange }: DateOrderNoticeProps) {
  const id = useId();
  const raw = datePart(readings.raw);
  const choices: { value: DateFormat | null; label: string }[] = [
    { value: null, label: 'Check every date' },
    { value: 'dmy', label: `Day first: ${readings.dayFirst}` },
    { value: 'mdy', label: `Month first: ${readings.monthFirst}` },
  ];
  return (
    <section className="date-order-notice" data-testid="date-order-notice" aria-labelledby={id}>
      <p id={id}>
        The first dates (<span className="date-order-raw">{raw}</span>) can be read as{' '}
        <strong>{readings.dayFirst}</strong> or <strong>{readings.monthFirst}</strong>. Segment will
        check every date in the file; you can also choose the order here.
      </p>
      <div className="date-order-choices" role="radiogroup" aria-labelledby={id}>
        {choices.map((choice) => (
          <label key={choice.value ?? 'auto'} className="date-order-choice">
            <input
              type="radio"
              name={`${id}-order`}
              checked={format === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </section>
  );
}

interface DateCardProps {
  /** Distinct dates of the first rows (see dateSamples). */
  dates: DateSample[];
  /** The dates are a year column and a month column joined (their names): no format to choose. */
  yearAndMonth: { year: string; month: string } | null;
  /** The user's choice; null = automatic (the engine decides from every date). */
  format: DateFormat | null;
  /** The format the first rows' dates suggest, previewed while the choice is automatic. */
  sampleFormat: DateFormat | null;
  hasColumn: boolean;
  onChange: (format: DateFormat | null) => void;
}

/** The date format, with one sample date read in that format so the user can see it is right. */
export function DateCard({
  dates,
  yearAndMonth,
  format,
  sampleFormat,
  hasColumn,
  onChange,
}: DateCardProps) {
  const id = useId();
  // Year and month columns are always read as periods, whatever the choice.
  const shown = yearAndMonth !== null ? 'year-month' : (format ?? sampleFormat);
  // The most telling example is one that day-first and month-first read differently.
  const example =
    dates.find(({ value }) => {
      const a = parseDate(value, 'mdy');
      const b = parseDate(value, 'dmy');
      return Number.isFinite(a) && Number.isFinite(b) && a !== b;
    }) ?? dates[0];
  const reading = example !== undefined && shown ? readDateExample(example.value, shown) : null;
  const readCount = shown
    ? dates.filter(({ value }) => Number.isFinite(parseDate(value, shown))).length
    : 0;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Dates</h2>
      <label htmlFor={`${id}-format`} className="mapping-label">
        How the dates are written
      </label>
      <select
        id={`${id}-format`}
        value={yearAndMonth !== null ? 'year-month' : (format ?? '')}
        disabled={!hasColumn || yearAndMonth !== null}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as DateFormat))}
      >
        <option value="">{AUTOMATIC}</option>
        {DATE_FORMATS.map((f) => (
          <option key={f} value={f}>
            {DATE_FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      {!hasColumn && <p className="muted">Choose the order date column first.</p>}
      {yearAndMonth && (
        <p className="muted">
          The year (<strong>{yearAndMonth.year}</strong>) and the month (
          <strong>{yearAndMonth.month}</strong>) together make the date.
        </p>
      )}
      {hasColumn && example !== undefined && shown && (
        <div className={reading ? 'date-example' : 'date-example bad'} data-testid="date-example">
          <span className="date-caption">An example from the file</span>
          <span className="date-raw">{example.shown}</span>
          <span className="date-caption">{reading ? 'reads as' : 'cannot be read this way'}</span>
          {reading && (
            <>
              <strong>{reading.reads}</strong>
              <span className="date-iso">{reading.detail}</span>
            </>
          )}
        </div>
      )}
      {hasColumn && shown && dates.length > 0 && (
        <p className="muted mapping-count">
          {shown === 'year-month'
            ? readCount === dates.length
              ? `Every month in the first rows (${dates.length}) can be read; the analysis checks every date in the file.`
              : `${readCount} of the ${dates.length} different months in the first rows can be read; the analysis checks every date in the file.`
            : format === null
              ? `In the first rows, ${DATE_FORMAT_LABELS[shown].replace(/ \(.*/, '').toLowerCase()} reads ${readCount} of the ${dates.length} different dates; the analysis checks every date in the file.`
              : `This format reads ${readCount} of the ${dates.length} different dates in the first rows.`}
        </p>
      )}
    </section>
  );
}
