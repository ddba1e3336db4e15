/**
 * Pure mapper from the cohort retention matrix to a plotly heatmap. Cohort labels are months we
 * computed (`YYYY-MM`), never text from the file, so nothing here needs escaping.
 */
import type { Data, Datum, Layout } from 'plotly.js';
import type { CohortRetention } from '../../core/cohort/cohort.ts';
import type { ChartSpec } from '../choose-k/k-charts.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2010-12` -> `Dec 2010`; anything else is returned as it came. */
export function cohortLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

/** The cell text: a whole percentage, blank where there is no value. */
export function retentionText(share: number | null | undefined): string {
  return share === null || share === undefined ? '' : `${Math.round(share * 100)}%`;
}

/**
 * Whether the data stop before the end of their last calendar month (UTC ms of the last
 * purchase): that month's cells count only part of a month of orders.
 */
export function lastMonthIsPartial(dataEnd: number): boolean {
  const end = new Date(dataEnd);
  const nextDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() + 1));
  return nextDay.getUTCMonth() === end.getUTCMonth();
}

/** Marks a partial month's cells: their share is low only because the month is not over. */
export const PARTIAL_MARK = '*';

/** Blue, light to dark: readable on white, with dark text on light cells and white on dark. */
const COLOUR_SCALE: [number, string][] = [
  [0, '#f1f6fb'],
  [0.25, '#c6dbef'],
  [0.5, '#6baed6'],
  [0.75, '#2171b5'],
  [1, '#08306b'],
];

/** Tall enough for a readable row per cohort (the chart's div takes this height too). */
export const cohortChartHeight = (rows: number) => Math.max(300, 96 + 32 * rows);

/**
 * Rows are cohorts, oldest on top; columns are months since the first purchase. The colour range
 * tops out at the highest retention after month 0: month 0 is 100% by construction and would
 * otherwise wash every later month out to the palest colour.
 */
export function cohortHeatmap(cohort: CohortRetention, partialLast = false): ChartSpec {
  const span = cohort.retention.reduce((max, row) => Math.max(max, row.length), 0);
  const months = Array.from({ length: span }, (_, i) => i);
  const z: (number | null)[][] = cohort.retention.map((row) => months.map((i) => row[i] ?? null));
  // Each row ends at the data's last month (a triangle): with a partial month, its last cell.
  const text = z.map((row, c) =>
    row.map((share, i) => {
      const cell = retentionText(share);
      const last = i === (cohort.retention[c]?.length ?? 0) - 1;
      return partialLast && last && cell !== '' ? `${cell}${PARTIAL_MARK}` : cell;
    }),
  );
  // Per cell: [cohort size, active customers], read by the hover template.
  const customdata = cohort.retention.map((_, c) =>
    months.map((i) => [cohort.sizes[c] ?? 0, cohort.active[c]?.[i] ?? 0]),
  );
  let later = 0;
  for (const row of z) for (let i = 1; i < row.length; i++) later = Math.max(later, row[i] ?? 0);
  const zmax = later > 0 ? Math.min(1, later) : 1;

  const y = cohort.cohorts.map(
    (month, c) => `${cohortLabel(month)} (${(cohort.sizes[c] ?? 0).toLocaleString('en-US')})`,
  );
  const data: Data[] = [
    {
      type: 'heatmap',
      x: months,
      y,
      z,
      // Heatmap text is per cell (2-D); plotly's types only describe the 1-D form.
      text: text as unknown as string[],
      texttemplate: '%{text}',
      textfont: { size: 11 },
      // A 2-D array of [size, active] pairs; plotly's types only know flat or 2-D data.
      customdata: customdata as unknown as Datum[][],
      hovertemplate:
        'Cohort %{y}<br>Month %{x} after first purchase<br>Retention %{z:.1%}<br>' +
        'Cohort size %{customdata[0]:,}<br>Active this month %{customdata[1]:,}<extra></extra>',
      hoverongaps: false,
      colorscale: COLOUR_SCALE,
      zmin: 0,
      zmax,
      xgap: 2,
      ygap: 2,
      colorbar: {
        title: { text: 'Came back', side: 'right' },
        tickformat: '.0%',
        thickness: 12,
        len: 0.8,
      },
    },
  ];
  const layout: Partial<Layout> = {
    height: cohortChartHeight(z.length),
    margin: { l: 8, r: 8, t: 8, b: 48 },
    xaxis: {
      title: { text: 'Months since first purchase' },
      dtick: 1,
      side: 'bottom',
      fixedrange: true,
      showgrid: false,
      zeroline: false,
    },
    yaxis: {
      title: { text: 'First order month (customers)' },
      autorange: 'reversed',
      type: 'category',
      automargin: true,
      fixedrange: true,
      showgrid: false,
    },
  };
  return { data, layout };
}
