import { CLEANING_RULE_LABELS, type CleaningReport } from '../../core/index.ts';
import type { PreparedView } from '../../core/results.ts';
import { setView } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { formatDate as day, formatMean, formatMoney, formatWhole } from '../../ui/format.ts';
import { DateOrderWarning } from './DateOrderWarning.tsx';
import './OverviewScreen.css';

/** One decimal; a share too small to show as 0.1% but not zero reads "<0.1%", not a false 0.0%. */
const percent = (share: number) =>
  share > 0 && share < 0.0005
    ? '<0.1%'
    : `${(share * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

/**
 * A cleaning rule as this file's owner knows it: with a line amount instead of a unit price, the
 * money rule is about the amount (and the quantity only when the file has one).
 */
function ruleLabel(rule: CleaningReport['rules_applied'][number], file: PreparedView['file']) {
  if (rule !== 'nonpositive_quantity_or_price' || file.money !== 'amount')
    return CLEANING_RULE_LABELS[rule];
  return file.mapping.quantity === undefined
    ? 'Zero, negative or missing amount'
    : 'Zero, negative or missing amount or quantity';
}

/** Shades for the dropped rows of each rule in the kept/dropped bar (kept is green). */
const RULE_SHADES = ['#d55e00', '#e69f00', '#cc79a7', '#8a96a3', '#b3261e'];

/** The first result screen: headline figures, the period, warnings and what cleaning removed. */
export function OverviewScreen() {
  const prepared = useApp((s) => s.prepared);
  const k = useApp((s) => s.segmentation?.k ?? s.k);
  const sweep = useApp((s) => s.clustering?.sweep);
  const busy = useApp((s) => s.clusteringBusy);
  // Scored with a saved model: k is the model's and there is no sweep to take a silhouette from.
  const scored = useApp((s) => s.clustering?.scoredWith !== undefined);
  const advanced = useApp((s) => s.advanced);
  const top = useApp((s) => s.segmentation?.segments[0]);
  if (!prepared) return <p className="busy">Loading the overview…</p>;

  const { totals } = prepared;
  const silhouette = k === null ? undefined : sweep?.find((p) => p.k === k)?.silhouette;
  const days = Math.round((prepared.dateMax - prepared.dateMin) / 86_400_000) + 1;
  // The date order has its own box at the top, with the switch; not repeated in the list.
  const warnings = prepared.warnings.filter((w) => w.code !== 'ambiguous-dates');

  return (
    <div className="overview">
      <div className="overview-head">
        <div>
          <h1>Overview</h1>
          <p className="muted overview-period">
            Sales from <strong>{day(prepared.dateMin)}</strong> to{' '}
            <strong>{day(prepared.dateMax)}</strong> ({formatWhole(days)} days)
          </p>
        </div>
        <button type="button" className="secondary" onClick={() => setView('segments')}>
          See the segments →
        </button>
      </div>

      <DateOrderWarning prepared={prepared} />

      <div className="kpis overview-kpis">
        <Kpi label="Customers" testId="kpi-customers" value={formatWhole(totals.customers)} />
        <Kpi label="Order lines kept" value={formatWhole(totals.orderLines)} />
        <Kpi
          label="Revenue"
          testId="kpi-revenue"
          value={formatWhole(totals.revenue)}
          title={formatMoney(totals.revenue)}
          note="in the file's currency"
        />
        <Kpi
          label="Mean recency"
          value={formatWhole(totals.meanRecency)}
          unit="days"
          note="since the last order"
        />
        <Kpi label="Mean frequency" value={formatMean(totals.meanFrequency)} unit="orders" />
        <Kpi label="Mean spend" value={formatWhole(totals.meanMonetary)} note="per customer" />
        <Kpi
          label="Segments"
          value={busy && k === null ? '…' : k === null ? '–' : String(k)}
          note={
            scored
              ? 'from your saved model'
              : advanced
                ? 'k, chosen on Choose k'
                : 'groups of similar customers'
          }
        />
        {advanced ? (
          <Kpi
            label="Silhouette"
            value={scored ? '–' : busy || silhouette === undefined ? '…' : silhouette.toFixed(2)}
            note={
              scored
                ? 'see Validation'
                : 'how clearly customers sit in their own segment: -1 to 1, higher is better'
            }
          />
        ) : (
          <Kpi
            label="Best segment"
            value={top ? top.name : '…'}
            note={
              top
                ? `${formatWhole(top.size)} customers bring ${Math.round(top.revenueShare * 100)}% of revenue`
                : undefined
            }
          />
        )}
      </div>

      {warnings.length > 0 && (
        <section className="warnings" aria-label="Things to know about this file">
          <ul>
            {warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>{w.message}</li>
            ))}
          </ul>
        </section>
      )}

      <CleaningCard report={prepared.cleaning} file={prepared.file} />
    </div>
  );
}

interface KpiProps {
  label: string;
  value: string;
  testId?: string;
  unit?: string;
  note?: string | undefined;
  title?: string;
}

function Kpi({ label, value, testId, unit, note, title }: KpiProps) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      {/* The value span holds only the number: the e2e tests read it as text. */}
      <span className="kpi-value">
        <span data-testid={testId} title={title}>
          {value}
        </span>
        {unit && <span className="kpi-unit"> {unit}</span>}
      </span>
      {note && <span className="kpi-note">{note}</span>}
    </div>
  );
}

function CleaningCard({ report, file }: { report: CleaningReport; file: PreparedView['file'] }) {
  const dropped = report.rows_in - report.rows_kept;
  const share = (n: number) => (report.rows_in > 0 ? n / report.rows_in : 0);
  const rules = report.rules_applied;

  return (
    <section className="card" data-testid="cleaning-report" aria-labelledby="cleaning-title">
      <h2 id="cleaning-title">Cleaning report</h2>
      <p className="muted">
        Rows are checked against each rule in turn; a row counts for the first rule it breaks.
        {file.malformedRows > 0 &&
          ` ${formatWhole(file.malformedRows)} rows had a wrong number of fields.`}
      </p>

      <div
        className="cleaning-bar"
        role="img"
        aria-label={`${percent(report.share_kept)} of rows kept, ${formatWhole(dropped)} dropped`}
      >
        <span className="cleaning-kept" style={{ flexGrow: report.rows_kept }} />
        {rules.map((rule, i) =>
          report[rule] > 0 ? (
            <span
              key={rule}
              style={{ flexGrow: report[rule], background: RULE_SHADES[i % RULE_SHADES.length] }}
              title={`${ruleLabel(rule, file)}: ${formatWhole(report[rule])}`}
            />
          ) : null,
        )}
      </div>
      <p className="cleaning-legend">
        <span>
          <span className="swatch cleaning-kept" />
          Kept {percent(report.share_kept)}
        </span>
        <span className="muted">
          Dropped {percent(share(dropped))}, coloured by rule as in the table
        </span>
      </p>

      <div className="table-scroll">
        <table className="data cleaning-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                Share of rows in
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="cleaning-total">
              <th scope="row">Rows in the file</th>
              <td className="num">{formatWhole(report.rows_in)}</td>
              <td className="num">100.0%</td>
            </tr>
            <tr>
              <th scope="rowgroup" colSpan={3} className="cleaning-group">
                Dropped
              </th>
            </tr>
            {rules.map((rule, i) => (
              <tr key={rule}>
                <th scope="row">
                  <span
                    className="swatch"
                    style={{ background: RULE_SHADES[i % RULE_SHADES.length] }}
                  />
                  {ruleLabel(rule, file)}
                </th>
                <td className="num">{formatWhole(report[rule])}</td>
                <td className="num">{percent(share(report[rule]))}</td>
              </tr>
            ))}
            <tr className="cleaning-total">
              <th scope="row">
                <span className="swatch cleaning-kept" />
                Rows kept
              </th>
              <td className="num">{formatWhole(report.rows_kept)}</td>
              <td className="num">{percent(report.share_kept)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
