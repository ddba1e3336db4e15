import type { SegmentProfile } from '../../core/cluster/segments.ts';
import { DROPOUT_NOT_ESTIMABLE, type SegmentValue } from '../../core/index.ts';
import { segmentColour } from '../../charts/palette.ts';
import { formatMean, formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { SegmentNameInput } from './SegmentNameInput.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';

interface Props {
  segments: readonly SegmentProfile[];
  /** Names as plain text instead of inputs (the printed report). */
  readOnly?: boolean;
  /** Lifetime value per segment (value/), when computed: two more columns. */
  value?:
    | { rows: readonly SegmentValue[]; months: number; dropoutNotEstimable?: boolean }
    | null
    | undefined;
}

/** A number column; `label` heads the cell on a phone, where the table becomes cards. */
const number = (
  header: string,
  label: string,
  cell: (s: SegmentProfile) => string,
  headerProps?: { title: string },
): Column<SegmentProfile> => ({
  header,
  num: true,
  cell,
  cellProps: () => ({ 'data-label': label }),
  ...(headerProps && { headerProps }),
});

/** One row per segment: who they are, how many, what they bring, and what to do about them. */
export function SegmentTable({ segments, readOnly = false, value }: Props) {
  const valueOf = (s: SegmentProfile) => value?.rows[s.cluster];
  const valueColumns = value
    ? [
        number(
          `Value, ${value.months} mo`,
          'Avg value',
          (s) => formatMoney(valueOf(s)?.meanClv ?? NaN),
          {
            title: `Mean predicted spend per customer over the next ${value.months} months (Value tab)`,
          },
        ),
        number('Active', 'Still active', (s) => formatPercent(valueOf(s)?.meanPAlive ?? NaN), {
          title: 'Mean chance the customer still buys from you (Value tab)',
        }),
      ]
    : [];
  return (
    <div className="table-scroll">
      <DataTable
        className="segment-table"
        testId={readOnly ? undefined : 'segment-table'}
        rows={segments}
        rowKey={(s) => s.cluster}
        rowProps={(s) => ({ 'data-cluster': s.cluster })}
        columns={[
          {
            header: 'Segment',
            cellClass: 'segment-cell',
            cell: (s) => (
              <>
                <span
                  className="swatch"
                  style={{ background: segmentColour(s.cluster) }}
                  aria-hidden="true"
                />
                {readOnly ? (
                  <span className="segment-name">{s.name}</span>
                ) : (
                  <SegmentNameInput
                    cluster={s.cluster}
                    name={s.name}
                    suggestedName={s.suggestedName}
                  />
                )}
              </>
            ),
          },
          number('Customers', 'Customers', (s) => formatWhole(s.size)),
          number('Share', 'Share', (s) => formatPercent(s.customerShare)),
          number('Revenue share', 'Revenue share', (s) => formatPercent(s.revenueShare)),
          number('Recency', 'Avg recency', (s) => `${formatMean(s.mean.Recency)} d`, {
            title: 'Mean days since the last purchase',
          }),
          number('Frequency', 'Avg orders', (s) => formatMean(s.mean.Frequency), {
            title: 'Mean number of orders',
          }),
          number('Monetary', 'Avg revenue', (s) => formatMoney(s.mean.Monetary), {
            title: 'Mean revenue per customer',
          }),
          ...valueColumns,
          {
            header: 'Suggested action',
            cellClass: 'action-cell',
            cellProps: () => ({ 'data-label': 'Suggested action' }),
            cell: (s) => s.action,
          },
        ]}
      />
      {value?.dropoutNotEstimable && (
        <p className="dropout-note" data-testid="segment-dropout-note">
          Still active: {DROPOUT_NOT_ESTIMABLE}.
        </p>
      )}
    </div>
  );
}
