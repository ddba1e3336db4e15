import { useId, useMemo } from 'react';
import {
  type SegmentValue,
  slippingCustomers,
  VALUABLE_TOP_SHARE,
  valueBySegment,
} from '../../core/index.ts';
import { Plot } from '../../charts/Plot.tsx';
import { segmentColour } from '../../charts/palette.ts';
import { useApp } from '../../store/store.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { useSegmentNames } from '../validation/useSegmentNames.ts';
import { exportSlippingCsv, setAtRiskBelow } from './actions.ts';
import { segmentValueChart } from './value-charts.ts';
import { DropoutNote, type FittedValue } from './DropoutNote.tsx';

/** Value and chance still active per segment, value at risk, and the valuable customers slipping. */
export function ValueSegments({ value }: { value: FittedValue }) {
  const segmentation = useApp((s) => s.segmentation);
  const atRiskBelow = useApp((s) => s.atRiskBelow);
  const names = useSegmentNames();
  const thresholdId = useId();
  const rows = useMemo(
    () =>
      segmentation
        ? valueBySegment(
            value.customers,
            segmentation.labels,
            segmentation.segments.length,
            atRiskBelow,
          )
        : [],
    [value, segmentation, atRiskBelow],
  );
  const chart = useMemo(() => segmentValueChart(rows, names), [rows, names]);
  const slipping = useMemo(
    () => slippingCustomers(value.customers, atRiskBelow),
    [value, atRiskBelow],
  );
  const atRisk = rows.reduce((s, r) => s + r.atRiskClv, 0);
  const total = rows.reduce((s, r) => s + r.totalClv, 0);
  const months = value.options.months;

  return (
    <>
      <section className="card" aria-labelledby="value-segments-title">
        <h3 id="value-segments-title">Value and value at risk by segment</h3>
        <div className="field value-threshold">
          <label htmlFor={thresholdId}>At risk below this chance of still being active (%)</label>
          <input
            id={thresholdId}
            data-testid="at-risk-below"
            type="number"
            min={1}
            max={99}
            step={1}
            defaultValue={Math.round(atRiskBelow * 100)}
            onChange={(e) => setAtRiskBelow(Number(e.target.value) / 100)}
          />
        </div>
        <p data-testid="value-at-risk">
          <strong>{formatWhole(atRisk)}</strong> of the {formatWhole(total)} predicted over the next{' '}
          {months} months ({formatPercent(total > 0 ? atRisk / total : 0)}) comes from customers
          whose chance of still being active is below {formatPercent(atRiskBelow)}.{' '}
          <DropoutNote value={value} />
        </p>
        <div data-testid="segment-value-chart">
          <Plot
            data={chart.data}
            layout={chart.layout}
            className="plot"
            label="Stacked bars per segment: predicted value of customers likely to stay, and value at risk"
          />
        </div>
        <div className="table-scroll">
          <DataTable<SegmentValue>
            testId="segment-value-table"
            rows={rows}
            rowKey={(r) => r.segment}
            columns={[
              {
                header: 'Segment',
                rowHeader: true,
                cell: (r) => (
                  <span className="nowrap">
                    <span
                      className="swatch"
                      style={{ background: segmentColour(r.segment) }}
                      aria-hidden="true"
                    />
                    {names[r.segment]}
                  </span>
                ),
              },
              { header: 'Customers', num: true, cell: (r) => formatWhole(r.customers) },
              {
                header: `Value, ${months} months`,
                num: true,
                cell: (r) => formatWhole(r.totalClv),
              },
              { header: 'Per customer', num: true, cell: (r) => formatMoney(r.meanClv) },
              {
                header: 'Chance still active',
                num: true,
                headerProps: { title: 'Average over the segment' },
                cell: (r) => formatPercent(r.meanPAlive),
              },
              {
                header: 'Orders, 90 days',
                num: true,
                cell: (r) => formatWhole(r.expectedOrders90),
              },
              {
                header: 'Customers at risk',
                num: true,
                cell: (r) => formatWhole(r.atRiskCustomers),
              },
              { header: 'Value at risk', num: true, cell: (r) => formatWhole(r.atRiskClv) },
            ]}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="slipping-title" data-testid="slipping">
        <h3 id="slipping-title">Valuable but slipping</h3>
        <p>
          Customers among the top {formatPercent(VALUABLE_TOP_SHARE)} by predicted value (
          {formatMoney(slipping.valuableFrom)} or more) whose chance of still being active is below{' '}
          {formatPercent(atRiskBelow)}: worth a personal message or an offer now.{' '}
          <DropoutNote value={value} />
        </p>
        <p data-testid="slipping-count">
          <strong>{formatWhole(slipping.customers.length)}</strong>{' '}
          {slipping.customers.length === 1 ? 'customer' : 'customers'}
          {slipping.customers.length === 0 &&
            ': none at this threshold. Raise it to see who is the least likely to still be active.'}
        </p>
        <button
          type="button"
          data-testid="export-slipping"
          disabled={slipping.customers.length === 0}
          onClick={() => void exportSlippingCsv()}
        >
          Export these customers (CSV)
        </button>
        <p className="muted">The Customers tab has the same filter, to look at them one by one.</p>
      </section>
    </>
  );
}
