import { useId, useMemo, useState } from 'react';
import type { Config } from 'plotly.js';
import { LAPSED, type PeriodComparison } from '../../core/index.ts';
import { Plot } from '../../charts/Plot.tsx';
import { segmentColour } from '../../charts/palette.ts';
import { useApp } from '../../store/store.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatDate, formatMoney, formatWhole } from '../../ui/format.ts';
import { comparePeriods, exportMovers } from './actions.ts';
import { flows, migrationHeatmap, migrationSankey } from './changes-charts.ts';
import './ChangesScreen.css';

const CONFIG: Partial<Config> = { displayModeBar: 'hover' };
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Movers listed on screen; the export has them all. */
const MOVERS_SHOWN = 50;

/**
 * Who moved between segments from an earlier period to this file's: one file cut at a date, or
 * an earlier export of the same shop, both put into the same segments (issue #11).
 */
export function ChangesScreen() {
  const comparison = useApp((s) => s.periodComparison);
  return (
    <div className="changes">
      <h1>Changes between two periods</h1>
      <ComparePicker />
      {comparison && <ComparisonResults comparison={comparison} />}
    </div>
  );
}

function ComparePicker() {
  const id = useId();
  const prepared = useApp((s) => s.prepared);
  const model = useApp((s) => (s.clustering?.scoredWith ? s.scoringModel : null));
  const busy = useApp((s) => s.comparingPeriods);
  const hasFile = useApp((s) => s.file !== null);
  const [mode, setMode] = useState<'cut' | 'file'>('cut');
  const first = Math.floor((prepared?.dateMin ?? 0) / DAY) * DAY;
  const days = Math.max(1, Math.floor(((prepared?.dateMax ?? 0) - first) / DAY));
  const [offset, setOffset] = useState(() => Math.floor(days / 2));
  const until = isoDay(first + Math.min(offset, days - 1) * DAY);

  return (
    <section className="card changes-picker" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Compare with an earlier period</h2>
      <p className="muted">
        Both periods are put into the same segments:{' '}
        {model
          ? `those of your saved model (${model.fileName}).`
          : 'the ones on screen now, exactly as a saved model would put them.'}{' '}
        Each customer&apos;s segment then is compared with their segment now.
      </p>
      {!hasFile && (
        <p className="changes-note" role="note">
          This analysis was restored without its file. Comparing needs the sales lines: open the
          file again first.
        </p>
      )}
      <fieldset className="changes-modes">
        <legend className="visually-hidden">Which earlier period</legend>
        <label>
          <input type="radio" checked={mode === 'cut'} onChange={() => setMode('cut')} />
          Cut this file at a date
        </label>
        <label>
          <input type="radio" checked={mode === 'file'} onChange={() => setMode('file')} />
          Use an earlier export
        </label>
      </fieldset>
      {mode === 'cut' ? (
        <div className="changes-cut">
          <label htmlFor={`${id}-date`}>
            Earlier period: sales up to <strong data-testid="cut-date">{until}</strong>
          </label>
          <input
            id={`${id}-date`}
            type="range"
            data-testid="cut-slider"
            min={0}
            max={days - 1}
            step={1}
            value={Math.min(offset, days - 1)}
            onChange={(event) => setOffset(Number(event.currentTarget.value))}
          />
          <div className="changes-range muted" aria-hidden="true">
            <span>{prepared ? formatDate(prepared.dateMin) : ''}</span>
            <span>{prepared ? formatDate(prepared.dateMax) : ''}</span>
          </div>
          <button
            type="button"
            data-testid="compare-cut"
            disabled={busy || !hasFile}
            onClick={() => void comparePeriods({ until })}
          >
            {busy ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      ) : (
        <label className="changes-file">
          <span>The earlier export (same columns, from before this one):</span>
          <input
            type="file"
            data-testid="earlier-file-input"
            disabled={busy || !hasFile}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void comparePeriods({ earlier: file });
              event.currentTarget.value = '';
            }}
          />
        </label>
      )}
    </section>
  );
}

function ComparisonResults({ comparison }: { comparison: PeriodComparison }) {
  const id = useId();
  const { migration, summary, earlier, later } = comparison;
  const { matrix, movers } = migration;
  const heatmap = useMemo(() => migrationHeatmap(matrix), [matrix]);
  const sankey = useMemo(() => migrationSankey(matrix), [matrix]);
  const rows = useMemo(() => flows(matrix), [matrix]);
  const k = matrix.segments.length;
  const name = (s: number, outside: string) => (s === k ? outside : matrix.segments[s]!);
  const swatch = (s: number) => (
    <span className="swatch" style={{ background: s === k ? '#9e9e9e' : segmentColour(s) }} />
  );

  return (
    <>
      <section className="card" aria-labelledby={`${id}-what`}>
        <h2 id={`${id}-what`}>
          What changed from {earlier.label} ({formatWhole(earlier.customers)} customers) to{' '}
          {later.label} ({formatWhole(later.customers)} customers)
        </h2>
        <ul className="changes-summary" data-testid="changes-summary">
          {summary.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>
      <div className="changes-charts">
        <section className="card" aria-labelledby={`${id}-matrix`}>
          <h2 id={`${id}-matrix`}>Customers from each segment to each segment</h2>
          <div data-testid="migration-heatmap">
            <Plot
              data={heatmap.data}
              layout={heatmap.layout}
              config={CONFIG}
              className="plot"
              label="Migration matrix: customers from each earlier segment (rows, then new customers) to each later segment (columns, then lapsed)."
            />
          </div>
        </section>
        <section className="card" aria-labelledby={`${id}-flows`}>
          <h2 id={`${id}-flows`}>The same flows</h2>
          <div data-testid="migration-sankey">
            <Plot
              data={sankey.data}
              layout={sankey.layout}
              config={CONFIG}
              className="plot"
              label="Sankey diagram of the customers flowing from the earlier segments (left) to the later ones (right)."
            />
          </div>
        </section>
      </div>
      <section className="card" aria-labelledby={`${id}-table`}>
        <h2 id={`${id}-table`}>Every flow, with its revenue</h2>
        <div className="table-scroll">
          <DataTable
            testId="migration-flows"
            rows={rows}
            rowKey={(r) => `${r.from}-${r.to}`}
            rowProps={(r) => ({ 'data-kind': r.kind })}
            columns={[
              {
                header: 'From',
                cell: (r) => (
                  <>
                    {swatch(r.from)}
                    {name(r.from, 'New customers')}
                  </>
                ),
              },
              {
                header: 'To',
                cell: (r) => (
                  <>
                    {swatch(r.to)}
                    {name(r.to, 'Lapsed')}
                  </>
                ),
              },
              { header: 'Customers', num: true, cell: (r) => formatWhole(r.customers) },
              {
                header: 'Revenue last period',
                num: true,
                cell: (r) => formatMoney(r.earlierRevenue),
              },
              { header: 'Revenue this period', num: true, cell: (r) => formatMoney(r.revenue) },
            ]}
          />
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-movers`}>
        <div className="changes-movers-head">
          <h2 id={`${id}-movers`}>
            {formatWhole(movers.length)} customers moved to a worse segment or lapsed
          </h2>
          <button
            type="button"
            data-testid="export-movers"
            disabled={movers.length === 0}
            onClick={exportMovers}
          >
            Export movers (CSV)
          </button>
        </div>
        <p className="muted">
          Most valuable last period first
          {movers.length > MOVERS_SHOWN
            ? `; the first ${MOVERS_SHOWN} here, all in the export`
            : ''}
          .
        </p>
        <div className="table-scroll">
          <DataTable
            testId="movers-table"
            rows={movers.slice(0, MOVERS_SHOWN)}
            rowKey={(m) => m.customerId}
            columns={[
              { header: 'Customer', rowHeader: true, cell: (m) => m.customerId },
              { header: 'Was', cell: (m) => name(m.from, '') },
              { header: 'Now', cell: (m) => name(m.to, LAPSED) },
              {
                header: 'Revenue last period',
                num: true,
                cell: (m) => formatMoney(m.earlierRevenue),
              },
              {
                header: 'Revenue this period',
                num: true,
                cell: (m) => formatMoney(m.laterRevenue),
              },
            ]}
          />
        </div>
      </section>
    </>
  );
}
