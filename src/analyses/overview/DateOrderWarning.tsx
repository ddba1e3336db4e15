import type { PreparedView } from '../../core/results.ts';
import { switchDateFormat } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { formatDate } from '../../ui/format.ts';
import { datePart, otherOrder, twoReadings } from '../../screens/mapping/date-order.ts';

const ORDER_NAMES = { dmy: 'day first', mdy: 'month first' } as const;

/**
 * Shown at the top of the overview when every date of the file reads both day-first and
 * month-first: the numbers depend on a choice the file cannot settle, so the owner sees which one
 * was made, what it gives (the period) and can switch in one click.
 */
export function DateOrderWarning({ prepared }: { prepared: PreparedView }) {
  const { dateFormat, dateAmbiguous } = prepared.file;
  const sniff = useApp((s) => s.sniff);
  const chosen = useApp((s) => s.dateFormat);
  const canRerun = useApp((s) => s.file !== null);
  const other = otherOrder(dateFormat);
  if (!dateAmbiguous || other === null || (dateFormat !== 'dmy' && dateFormat !== 'mdy'))
    return null;

  const dateColumn = prepared.file.mapping.date;
  const example =
    sniff && dateColumn !== undefined
      ? twoReadings(sniff.sampleRows.map((row) => row[dateColumn] ?? ''))
      : null;
  const why =
    chosen !== null
      ? ' as you chose'
      : dateFormat === 'dmy'
        ? ' because they are written with dots, as day-first countries do'
        : ', the usual reading when nothing in the file decides it';

  return (
    <section
      className="date-order-warning"
      data-testid="date-order-warning"
      aria-labelledby="date-order-title"
    >
      <h2 id="date-order-title">Check the dates: day first or month first?</h2>
      <p>
        Every date in this file can be read both ways
        {example &&
          ` (${datePart(example.raw)} is ${example.dayFirst} read day first, ${example.monthFirst} read month first)`}
        . We read them <strong>{ORDER_NAMES[dateFormat]}</strong>
        {why}: your sales run from {formatDate(prepared.dateMin)} to {formatDate(prepared.dateMax)}.
      </p>
      {canRerun ? (
        <button type="button" onClick={() => void switchDateFormat(other)}>
          Read them {ORDER_NAMES[other]} instead
        </button>
      ) : (
        <p className="muted">To read them {ORDER_NAMES[other]}, drop the file again.</p>
      )}
    </section>
  );
}
