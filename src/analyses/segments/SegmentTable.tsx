import type { SegmentProfile } from '../../core/cluster/segments.ts';
import { segmentColour } from '../../charts/palette.ts';
import { formatMean, formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { SegmentNameInput } from './SegmentNameInput.tsx';

interface Props {
  segments: readonly SegmentProfile[];
  /** Names as plain text instead of inputs (the printed report). */
  readOnly?: boolean;
}

/** One row per segment: who they are, how many, what they bring, and what to do about them. */
export function SegmentTable({ segments, readOnly = false }: Props) {
  return (
    <div className="table-scroll">
      <table className="data segment-table" data-testid={readOnly ? undefined : 'segment-table'}>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              Customers
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col" className="num">
              Revenue share
            </th>
            <th scope="col" className="num" title="Mean days since the last purchase">
              Recency
            </th>
            <th scope="col" className="num" title="Mean number of orders">
              Frequency
            </th>
            <th scope="col" className="num" title="Mean revenue per customer">
              Monetary
            </th>
            <th scope="col">Suggested action</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.cluster} data-cluster={s.cluster}>
              <td className="segment-cell">
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
              </td>
              <td className="num" data-label="Customers">
                {formatWhole(s.size)}
              </td>
              <td className="num" data-label="Share">
                {formatPercent(s.customerShare)}
              </td>
              <td className="num" data-label="Revenue share">
                {formatPercent(s.revenueShare)}
              </td>
              <td className="num" data-label="Avg recency">
                {formatMean(s.mean.Recency)} d
              </td>
              <td className="num" data-label="Avg orders">
                {formatMean(s.mean.Frequency)}
              </td>
              <td className="num" data-label="Avg revenue">
                {formatMoney(s.mean.Monetary)}
              </td>
              <td className="action-cell" data-label="Suggested action">
                {s.action}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
