import { useId, useMemo, useState } from 'react';
import { labelledHeatmap, rowShareHeatmap } from './validation-charts.ts';
import { Plot } from '../../charts/Plot.tsx';
import { RF_GRID_SEGMENTS } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { useNarrow } from '../../ui/useNarrow.ts';
import { useSegmentNames } from './useSegmentNames.ts';
import { DataTable } from '../../ui/DataTable.tsx';

const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
const SCORES = ['1', '2', '3', '4', '5'];

/** Classic RFM quintile scores: the R x F grid, its named segments and how ours map onto them. */
export function RfmPanel() {
  const report = useApp((s) => s.quality?.report);
  const names = useSegmentNames();
  const [measure, setMeasure] = useState<'counts' | 'revenue'>('counts');
  const narrow = useNarrow();
  const id = useId();

  const grid = useMemo(() => {
    if (!report) return null;
    const { grid } = report.rfm;
    const values = measure === 'counts' ? grid.counts : grid.revenue;
    // Rows R 5 (most recent) at the top, columns F 1..5.
    const rows = [4, 3, 2, 1, 0];
    return labelledHeatmap({
      z: rows.map((r) => [...values[r]!]),
      // On a phone a cell has room for its number only; the segment is in the hover and the rules.
      text: rows.map((r) =>
        values[r]!.map((v, f) => {
          const value = measure === 'counts' ? formatWhole(v) : formatMoney(v);
          // One word a line, so the label fits its cell at a readable size.
          const name = RF_GRID_SEGMENTS[grid.segment[r]![f]!]!.name.replace(/ /g, '<br>');
          return narrow ? value : `${name}<br><b>${value}</b>`;
        }),
      ),
      rows: rows.map((r) => `R ${r + 1}`),
      columns: SCORES.map((f) => `F ${f}`),
      xTitle: 'Frequency score (5 = most orders)',
      yTitle: 'Recency score (5 = most recent)',
      hover:
        measure === 'counts'
          ? '%{y}, %{x}: %{z:,} customers<extra></extra>'
          : '%{y}, %{x}: %{z:,.0f} revenue<extra></extra>',
    });
  }, [report, measure, narrow]);

  const crosstab = useMemo(() => {
    if (!report) return null;
    const { crosstab } = report.rfm;
    return rowShareHeatmap(
      crosstab.counts,
      crosstab.rowShares,
      names.slice(0, crosstab.counts.length),
      RF_GRID_SEGMENTS.map((s) => s.name),
      { x: 'RFM grid segment', y: 'Our segment' },
    );
  }, [report, names]);

  if (!report || !grid || !crosstab) return <p className="busy">Scoring customers…</p>;
  const sizes = report.rfm.gridSegmentSizes;
  const total = sizes.reduce((s, x) => s + x, 0);

  return (
    <div className="validation-panel">
      <div className="grid-2">
        <section className="card" aria-labelledby={`${id}-grid`}>
          <h2 id={`${id}-grid`}>The R × F grid</h2>
          <p className="muted">
            Every customer scored 1 to 5 on each of recency, frequency and spend by quintile (equal
            fifths of customers; ties ranked in file order, as pandas&apos; rank(method=
            &quot;first&quot;)); the RFM cell is the three scores, like 545. The grid is what most
            marketing tools segment on.
          </p>
          <fieldset className="inline-field">
            <legend className="visually-hidden">Show</legend>
            {(['counts', 'revenue'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name={`${id}-measure`}
                  checked={measure === m}
                  onChange={() => setMeasure(m)}
                />{' '}
                {m === 'counts' ? 'Customers' : 'Revenue'}
              </label>
            ))}
          </fieldset>
          <div data-testid="rfm-grid">
            <Plot
              data={grid.data}
              layout={{ ...grid.layout, margin: { l: 72, r: 16, t: 16, b: 64 } }}
              className="plot validation-plot-tall"
              label={`R by F grid of ${measure === 'counts' ? 'customer counts' : 'revenue'}, each cell labelled with its segment`}
            />
          </div>
        </section>
        <section className="card" aria-labelledby={`${id}-rules`}>
          <h2 id={`${id}-rules`}>The grid&apos;s segments</h2>
          <DataTable
            testId="rfm-rules"
            rows={RF_GRID_SEGMENTS}
            rowKey={(rule) => rule.name}
            columns={[
              { header: 'Segment', cell: (rule) => rule.name },
              { header: 'R', cell: (rule) => range(rule.r) },
              { header: 'F', cell: (rule) => range(rule.f) },
              {
                header: 'Customers',
                num: true,
                cell: (_, g) =>
                  `${formatWhole(sizes[g] ?? 0)} (${formatPercent(total > 0 ? (sizes[g] ?? 0) / total : 0)})`,
              },
              { header: 'Who they are', cell: (rule) => rule.description },
            ]}
          />
        </section>
      </div>
      <section className="card" aria-labelledby={`${id}-crosstab`}>
        <h2 id={`${id}-crosstab`}>Our segments on the grid</h2>
        <p className="muted">
          Each row: where that segment&apos;s customers fall among the grid&apos;s segments.
        </p>
        <div className="validation-scroll">
          <div data-testid="rfm-crosstab" className="validation-wide-plot">
            <Plot
              data={crosstab.data}
              layout={crosstab.layout}
              className="plot"
              label="Crosstab of our segments against the RFM grid segments, as row shares"
            />
          </div>
        </div>
      </section>
    </div>
  );
}
