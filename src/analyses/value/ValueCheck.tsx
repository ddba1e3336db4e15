import { useMemo } from 'react';
import { Plot } from '../../charts/Plot.tsx';
import { formatDate, formatPercent, formatWhole } from '../../ui/format.ts';
import { aliveHeatmap, calibrationChart } from './value-charts.ts';
import { DropoutNote, type FittedValue } from './DropoutNote.tsx';

const DAY_MS = 86_400_000;

/** The forecast checked on the file's own last quarter, and P(alive) by history. */
export function ValueCheck({ value }: { value: FittedValue }) {
  const check = value.calibration;
  const chart = useMemo(() => (check?.ok ? calibrationChart(check.check.rows) : null), [check]);
  const heatmap = useMemo(() => aliveHeatmap(value.aliveMatrix), [value]);

  return (
    <>
      <section className="card" aria-labelledby="value-check-title">
        <h3 id="value-check-title">Can you trust the forecast on this file?</h3>
        {check?.ok ? (
          <>
            <p>
              We fitted the model again on the orders up to{' '}
              {formatDate(check.check.calibrationEndDay * DAY_MS)} only, and asked it how many
              purchase days customers would have in the {formatWhole(check.check.holdoutDays)} days
              after. They had <strong>{formatWhole(check.check.totalActual)}</strong>; the model
              predicted <strong>{formatWhole(check.check.totalPredicted)}</strong> (
              {formatPercent(check.check.totalPredicted / Math.max(1, check.check.totalActual))} of
              what happened). Bars of similar height mean the forecast can be trusted for customers
              with that history; a model that predicts too little makes the values above cautious.
            </p>
            {chart && (
              <div data-testid="calibration-chart">
                <Plot
                  data={chart.data}
                  layout={chart.layout}
                  className="plot"
                  label="Grouped bars: actual and predicted purchase days after the check date, by repeat purchase days before it"
                />
              </div>
            )}
          </>
        ) : (
          <p data-testid="calibration-problem">
            {check
              ? check.problem.message
              : 'The check was not made: the file covers too short a period.'}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="alive-map-title">
        <h3 id="alive-map-title">Who is still likely to be a customer</h3>
        <p className="muted">
          For a customer who first bought at the start of your file: the chance they are still
          active, by how many other days they bought on (up) and how long ago their last purchase
          was (across). Green is likely still buying, red likely gone. Frequent buyers who stop
          suddenly turn red fastest. <DropoutNote value={value} />
        </p>
        <div data-testid="alive-heatmap">
          <Plot
            data={heatmap.data}
            layout={heatmap.layout}
            className="plot"
            label="Heatmap: chance still active by repeat purchase days and days since the last purchase"
          />
        </div>
      </section>
    </>
  );
}
