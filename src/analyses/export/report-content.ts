/**
 * What the one-page report says, as text: the printed report (PrintReport.tsx) and the PDF
 * (pdf/report-pdf.ts) both lay out this, so they never disagree on a figure or a word.
 */
import {
  CLEANING_RULE_LABELS,
  countryBreakdown,
  type PreparedView,
  type SegmentView,
} from '../../core/index.ts';
import {
  formatDate,
  formatMean,
  formatMoney,
  formatPercent,
  formatWhole,
} from '../../ui/format.ts';

export interface ReportSegment {
  cluster: number;
  name: string;
  customers: string;
  share: string;
  revenueShare: string;
  recency: string;
  frequency: string;
  monetary: string;
  action: string;
}

export interface ReportContent {
  title: string;
  /** The period of the data and how much of it cleaning kept. */
  period: string;
  kpis: [label: string, value: string][];
  segments: ReportSegment[];
  /** Rows in, each cleaning rule that removed rows, rows kept: [step, rows, share of rows in]. */
  cleaning: [step: string, rows: string, share: string][];
  /** The countries with most revenue (when the file has countries): [country, customers, revenue, share]. */
  countries: [country: string, customers: string, revenue: string, share: string][];
  /** Countries beyond those listed. */
  moreCountries: number;
}

const TOP_COUNTRIES = 8;

export function reportContent(
  prepared: PreparedView,
  segmentation: SegmentView,
  silhouette: number | undefined,
): ReportContent {
  const { totals, cleaning } = prepared;
  const kpis: [string, string][] = [
    ['Customers', formatWhole(totals.customers)],
    ['Order lines', formatWhole(totals.orderLines)],
    ['Revenue', formatMoney(totals.revenue)],
    ['Segments', String(segmentation.k)],
    ['Mean recency', `${formatWhole(totals.meanRecency)} days`],
    ['Mean frequency', totals.meanFrequency.toFixed(1)],
    ['Mean monetary', formatMoney(totals.meanMonetary)],
  ];
  if (silhouette !== undefined) kpis.push(['Silhouette', silhouette.toFixed(3)]);

  const share = (rows: number) => formatPercent(rows / Math.max(1, cleaning.rows_in));
  const rules = cleaning.rules_applied.filter((rule) => cleaning[rule] > 0);

  const hasCountries = prepared.file.mapping.country !== undefined;
  const byCountry = hasCountries
    ? countryBreakdown(
        prepared.customers.country,
        prepared.customers.features.Monetary,
        segmentation.labels,
        segmentation.segments.length,
      )
    : null;

  return {
    title: `Customer segments: ${prepared.file.name}`,
    period: `${formatDate(prepared.dateMin)} to ${formatDate(prepared.dateMax)}. ${share(
      cleaning.rows_kept,
    )} of the order lines kept after cleaning.`,
    kpis,
    segments: segmentation.segments.map((s) => ({
      cluster: s.cluster,
      name: s.name,
      customers: formatWhole(s.size),
      share: formatPercent(s.customerShare),
      revenueShare: formatPercent(s.revenueShare),
      recency: `${formatMean(s.mean.Recency)} d`,
      frequency: formatMean(s.mean.Frequency),
      monetary: formatMoney(s.mean.Monetary),
      action: s.action,
    })),
    cleaning: [
      ['Order lines in the file', formatWhole(cleaning.rows_in), share(cleaning.rows_in)],
      ...rules.map((rule): [string, string, string] => [
        `Dropped: ${CLEANING_RULE_LABELS[rule]}`,
        formatWhole(cleaning[rule]),
        share(cleaning[rule]),
      ]),
      ['Order lines kept', formatWhole(cleaning.rows_kept), share(cleaning.rows_kept)],
    ],
    countries: (byCountry?.rows ?? [])
      .slice(0, TOP_COUNTRIES)
      .map((r) => [
        r.name || 'No country',
        formatWhole(r.customers),
        formatMoney(r.revenue),
        formatPercent(r.revenue / Math.max(Number.MIN_VALUE, byCountry!.revenue)),
      ]),
    moreCountries: Math.max(0, (byCountry?.rows.length ?? 0) - TOP_COUNTRIES),
  };
}
