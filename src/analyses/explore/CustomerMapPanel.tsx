import { useId, useMemo, useState } from 'react';
import { Plot } from '../../charts/Plot.tsx';
import { useScatterGl } from '../../charts/scattergl.ts';
import { useApp } from '../../store/store.ts';
import { formatDays, formatMoney, formatWhole } from '../../ui/format.ts';
import { customerMapChart, type MapColouring } from './explore-charts.ts';
import { groupingLabel, groupNames } from './GroupsPanel.tsx';

/** Colour by the segments on screen, or by one of the comparison's groupings (its index). */
type Colour = 'segments' | number;

/** The 2D map, coloured as chosen; hover shows the customer. */
export function CustomerMapPanel() {
  const map = useApp((s) => s.customerMap);
  const comparison = useApp((s) => s.exploreComparison?.result ?? null);
  const segmentation = useApp((s) => s.segmentation);
  const customers = useApp((s) => s.prepared?.customers ?? null);
  const [colour, setColour] = useState<Colour>('segments');
  const gl = useScatterGl();
  const id = useId();

  const result = map?.result ?? null;
  const row = typeof colour === 'number' ? comparison?.rows[colour] : undefined;
  const chart = useMemo(() => {
    if (!result || !segmentation || !customers) return null;
    const colouring: MapColouring =
      row && comparison
        ? {
            labels: comparison.labels[colour as number]!,
            names: groupNames(row),
            noiseName: 'No clear group',
          }
        : {
            labels: segmentation.labels,
            names: segmentation.segments.map((s) => s.name),
            noiseName: 'No clear segment',
          };
    const { Recency, Frequency, Monetary } = customers.features;
    const describe = (c: number) =>
      `Last purchase ${formatDays(Recency[c]!)} ago · ${formatWhole(Frequency[c]!)} orders · ` +
      `${formatMoney(Monetary[c]!)} spent`;
    return customerMapChart(result, colouring, customers.ids, describe);
  }, [result, segmentation, customers, row, comparison, colour]);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>3. A map of your customers</h2>
      <p className="muted">
        Each dot is a customer; customers who buy alike sit close together (UMAP, on the same scaled
        features as your segments). Distances between far-apart islands mean little; who sits next
        to whom is what the map shows. Point at a dot to see the customer.
      </p>
      {result?.sampled && (
        <p data-testid="explore-map-sampled">
          The map shows a random {formatWhole(result.customers.length)} of your{' '}
          {formatWhole(result.total)} customers, so it is drawn in seconds; the groups above use
          everyone.
        </p>
      )}
      <label className="inline-field">
        Colour by{' '}
        <select
          value={String(colour)}
          data-testid="explore-map-colour"
          onChange={(e) =>
            setColour(e.target.value === 'segments' ? 'segments' : Number(e.target.value))
          }
        >
          <option value="segments">Your segments</option>
          {comparison?.rows.map((r, i) => (
            <option key={i} value={i}>
              {groupingLabel(r)}
            </option>
          ))}
        </select>
      </label>
      {!result && map?.progress && (
        <progress max={map.progress.epochs} value={map.progress.epoch} aria-label="Map progress" />
      )}
      {!result && <p className="muted">The map comes after the groups.</p>}
      {gl.failed && (
        <p className="chart-error" role="alert">
          The map could not be drawn: {gl.failed}
        </p>
      )}
      {chart && gl.ready && (
        <div data-testid="explore-map">
          <Plot
            data={chart.data}
            layout={chart.layout}
            className="plot explore-map-plot"
            label="Map of customers: similar customers close together, coloured by group"
          />
        </div>
      )}
    </section>
  );
}
