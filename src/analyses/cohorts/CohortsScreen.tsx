import { useMemo } from 'react';
import type { Config } from 'plotly.js';
import {
  cohortChartHeight,
  cohortHeatmap,
  cohortLabel,
  lastMonthIsPartial,
  PARTIAL_MARK,
} from './cohort-chart.ts';
import { Plot } from '../../charts/Plot.tsx';
import { useApp } from '../../store/store.ts';
import { formatDate, formatWhole } from '../../ui/format.ts';

const monthName = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  month: 'long',
  year: 'numeric',
});
const lastMonthName = (ms: number) => monthName.format(ms);
import './CohortsScreen.css';

const CONFIG: Partial<Config> = { displayModeBar: 'hover' };

/** Monthly retention: of the customers who first bought in a month, how many came back later. */
export function CohortsScreen() {
  const cohort = useApp((s) => s.prepared?.cohort);
  const dataEnd = useApp((s) => s.prepared?.dateMax);
  const partial = dataEnd !== undefined && lastMonthIsPartial(dataEnd);
  // New data/layout only when the matrix changes: <Plot> redraws on identity change.
  const chart = useMemo(() => (cohort ? cohortHeatmap(cohort, partial) : null), [cohort, partial]);
  if (!cohort || !chart) return <p className="busy">Loading the cohorts…</p>;

  const first = cohort.cohorts[0];
  const last = cohort.cohorts[cohort.cohorts.length - 1];
  // Month 1 retention of the cohorts that have a month 1, weighted by cohort size.
  let back = 0;
  let base = 0;
  cohort.retention.forEach((row, c) => {
    if (row.length > 1 && (cohort.sizes[c] ?? 0) > 0) {
      back += cohort.active[c]?.[1] ?? 0;
      base += cohort.sizes[c] ?? 0;
    }
  });

  return (
    <div className="cohorts">
      <h1>Retention by cohort</h1>
      <div className="cohorts-layout">
        <section className="card cohorts-chart" aria-labelledby="cohort-title">
          <h2 id="cohort-title">
            Customers still buying, by month of first purchase
            {first && last ? ` (${cohortLabel(first)} to ${cohortLabel(last)})` : ''}
          </h2>
          {partial && dataEnd !== undefined && (
            <p className="muted cohorts-partial" data-testid="cohort-partial">
              {PARTIAL_MARK} {lastMonthName(dataEnd)} is not complete: your data end on{' '}
              {formatDate(dataEnd)}, so the last cell of each row counts only part of a month.
            </p>
          )}
          <p className="muted cohorts-scroll-hint">Swipe sideways for the later months.</p>
          <div className="cohorts-scroll">
            <div
              data-testid="cohort-heatmap"
              className="cohorts-plot-wrap"
              style={{ height: cohortChartHeight(cohort.cohorts.length) }}
            >
              <Plot
                data={chart.data}
                layout={chart.layout}
                config={CONFIG}
                className="plot cohorts-plot"
                label={`Retention heatmap of ${cohort.cohorts.length} monthly cohorts: the share of each cohort's customers who bought again in each later month.`}
              />
            </div>
          </div>
        </section>

        <aside className="card cohorts-help" aria-labelledby="cohort-help-title">
          <h2 id="cohort-help-title">How to read it</h2>
          <ul>
            <li>
              Each <strong>row</strong> is a cohort: the customers whose first order fell in that
              month. The number in brackets is how many there were.
            </li>
            <li>
              Each <strong>column</strong> counts months since that first order. Month 0 is always
              100%; the colours are scaled to the later months so their differences show.
            </li>
            <li>
              A <strong>cell</strong> is the share of the cohort who ordered again in that month.
              Darker means more came back. Point at or tap a cell for the counts.
            </li>
            <li>
              Read <strong>across</strong> to see how a cohort fades; read <strong>down</strong> a
              column to see whether newer customers stick better than older ones.
            </li>
          </ul>
          {base > 0 && (
            <p className="cohorts-fact">
              <span className="cohorts-fact-value">{((back / base) * 100).toFixed(0)}%</span>
              of new customers ordered again the month after their first order ({formatWhole(
                back,
              )}{' '}
              of {formatWhole(base)}).
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
