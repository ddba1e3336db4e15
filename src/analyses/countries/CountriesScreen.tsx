import { useEffect, useMemo, useState } from 'react';
import type { Config } from 'plotly.js';
import { countryBreakdown, type CountryRow } from '../../core/index.ts';
import { Plot } from '../../charts/Plot.tsx';
import { segmentColour } from '../../charts/palette.ts';
import { useApp } from '../../store/store.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { useNarrow } from '../../ui/useNarrow.ts';
import { countryLabel, countryMap, offMap, segmentMixFigure } from './country-charts.ts';
import { geoConfig, loadGeoPlotly } from './plotly-geo.ts';
import './CountriesScreen.css';

const BARS_CONFIG: Partial<Config> = { displayModeBar: false };

/** Customers, revenue and segment mix per country, on a world map and in a table. */
export function CountriesScreen() {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  const narrow = useNarrow();
  const [onMap, setOnMap] = useState<ReadonlySet<string> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    loadGeoPlotly().then(setOnMap, (error: unknown) => setFailed(String(error)));
  }, []);

  const breakdown = useMemo(
    () =>
      prepared && segmentation
        ? countryBreakdown(
            prepared.customers.country,
            prepared.customers.features.Monetary,
            segmentation.labels,
            segmentation.segments.length,
          )
        : null,
    [prepared, segmentation],
  );
  const map = useMemo(
    () => (breakdown && onMap ? countryMap(breakdown, onMap, narrow) : null),
    [breakdown, onMap, narrow],
  );
  const config = useMemo(geoConfig, []);
  const mix = useMemo(
    () =>
      breakdown && segmentation ? segmentMixFigure(breakdown, segmentation.segments, narrow) : null,
    [breakdown, segmentation, narrow],
  );
  if (!breakdown || !segmentation || !mix) return <p className="busy">Loading the countries…</p>;

  const missing = onMap ? offMap(breakdown.rows, onMap) : null;
  const segmentName = (cluster: number) => segmentation.segments[cluster]?.name ?? '';
  const largestSegment = (row: CountryRow) =>
    row.segments.reduce((best, n, i) => (n > (row.segments[best] ?? 0) ? i : best), 0);

  return (
    <div className="countries">
      <h1>Customers by country</h1>
      <p className="muted">
        {formatWhole(breakdown.rows.length)} {breakdown.rows.length === 1 ? 'country' : 'countries'}
        . Each customer counts in the country of their first order, with all their revenue.
      </p>

      <section className="card" aria-labelledby="country-map-title">
        <h2 id="country-map-title">Revenue by country</h2>
        {failed && (
          <p className="chart-error" role="alert">
            The map could not be drawn: {failed}
          </p>
        )}
        <div data-testid="country-map">
          {map ? (
            <Plot
              data={map.data}
              layout={map.layout}
              config={config}
              className="plot country-map"
              label="World map of revenue by country: darker countries brought more revenue."
            />
          ) : (
            !failed && <p className="plot-loading muted">Drawing the map…</p>
          )}
        </div>
        <p className="muted country-map-note">
          Darker means more revenue. The shading grows tenfold at each step of the scale, so smaller
          markets still show. Tap or point at a country for its figures.
        </p>
        {missing && (missing.noCountry.length > 0 || missing.tooSmall.length > 0) && (
          <div className="country-off-map" data-testid="countries-off-map">
            {missing.noCountry.length > 0 && (
              <p>
                <strong>Not one country, so not on the map:</strong>{' '}
                {missing.noCountry
                  .map((r) => `${countryLabel(r)} (${formatWhole(r.customers)})`)
                  .join(', ')}
                .
              </p>
            )}
            {missing.tooSmall.length > 0 && (
              <p>
                <strong>Too small to show on this map:</strong>{' '}
                {missing.tooSmall
                  .map((r) => `${countryLabel(r)} (${formatWhole(r.customers)})`)
                  .join(', ')}
                .
              </p>
            )}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="country-mix-title">
        <h2 id="country-mix-title">Segments in the countries with most customers</h2>
        <div data-testid="country-mix">
          <Plot
            data={mix.data}
            layout={mix.layout}
            config={BARS_CONFIG}
            label="For each of the countries with most customers, the share of its customers in each segment."
          />
        </div>
      </section>

      <section className="card" aria-labelledby="country-table-title">
        <h2 id="country-table-title">Every country</h2>
        <div className="table-scroll">
          <DataTable
            className="country-table"
            testId="country-table"
            rows={breakdown.rows}
            rowKey={(r) => r.name}
            columns={[
              { header: 'Country', cell: countryLabel },
              { header: 'Customers', num: true, cell: (r) => formatWhole(r.customers) },
              {
                header: 'Revenue',
                num: true,
                cell: (r) => formatMoney(r.revenue),
              },
              {
                header: 'Revenue share',
                num: true,
                cell: (r) =>
                  formatPercent(r.revenue / Math.max(Number.MIN_VALUE, breakdown.revenue)),
              },
              {
                header: 'Per customer',
                num: true,
                headerProps: { title: 'Mean revenue per customer' },
                cell: (r) => formatMoney(r.revenue / r.customers),
              },
              {
                header: 'Largest segment',
                cell: (r) => {
                  const s = largestSegment(r);
                  return (
                    <>
                      <span
                        className="swatch"
                        style={{ background: segmentColour(s) }}
                        aria-hidden="true"
                      />
                      {segmentName(s)} ({formatPercent((r.segments[s] ?? 0) / r.customers)})
                    </>
                  );
                },
              },
            ]}
          />
        </div>
      </section>
    </div>
  );
}
