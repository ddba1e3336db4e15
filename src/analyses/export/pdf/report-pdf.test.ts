/**
 * The PDF report from a report made by hand, in Node (jsPDF runs there too): a real PDF, one A4
 * page for six segments, more when the segments need them, and the names in Latin with accents,
 * Greek and Cyrillic set in the embedded font. That the pages look right is checked by rendering
 * them (scripts/render-pdf.sh) and looking.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ReportCharts, ReportImage } from '../report-charts.ts';
import type { ReportContent, ReportSegment } from '../report-content.ts';
import { pdfMappedCharacters, pdfPageCount } from './pdf-inspect.ts';
import { reportPdf } from './report-pdf.ts';

function png(width: number, height: number): ReportImage {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([33, 113, 181, 255], i);
  return {
    url: `data:image/png;base64,${PNG.sync.write(image).toString('base64')}`,
    width,
    height,
  };
}

const CHARTS: ReportCharts = {
  donut: png(340, 260),
  radar: png(360, 260),
  means: png(720, 200),
};

const segment = (cluster: number, name: string): ReportSegment => ({
  cluster,
  name,
  customers: '1,000',
  share: '25.0%',
  revenueShare: '40.0%',
  recency: '12.0 d',
  frequency: '8.5',
  monetary: '2,345.67',
  action: 'Reward them: early access, loyalty perks, referral asks; avoid discounting.',
});

const content = (segments: ReportSegment[]): ReportContent => ({
  title: 'Customer segments: Bäckerei Łódź.csv',
  period: '1 Dec 2010 to 9 Dec 2011. 74.4% of the order lines kept after cleaning.',
  kpis: [
    ['Customers', '4,334'],
    ['Order lines', '397,884'],
    ['Revenue', '8,887,208.89'],
    ['Segments', String(segments.length)],
  ],
  segments,
  cleaning: [
    ['Order lines in the file', '541,909', '100.0%'],
    ['Dropped: Cancelled invoices (invoice number starts with C)', '9,288', '1.7%'],
    ['Dropped: No customer ID', '133,361', '24.6%'],
    ['Dropped: Zero, negative or missing quantity or price', '40', '0.0%'],
    ['Dropped: Postage, fees and other non-product codes', '1,336', '0.2%'],
    ['Order lines kept', '397,884', '73.4%'],
  ],
  countries: [
    ['United Kingdom', '3,916', '7,267,337.23', '82.9%'],
    ['Deutschland', '94', '205,569.89', '2.3%'],
    ['Ελλάδα', '4', '4,425.52', '0.1%'],
    ['Россия', '2', '1,000.00', '0.0%'],
    ['Österreich', '9', '8,203.50', '0.1%'],
    ['Polska', '6', '6,974.65', '0.1%'],
    ['EIRE', '3', '262,171.56', '3.0%'],
    ['Channel Islands', '9', '20,157.44', '0.2%'],
  ],
  moreCountries: 29,
});

const SIX = [
  segment(0, 'Stammkunden Müller'),
  segment(1, 'Łódź and Żółw'),
  segment(2, 'Πιστοί πελάτες'),
  segment(3, 'Постоянные клиенты'),
  segment(4, 'Hibernating'),
  segment(5, 'Lost'),
];

describe('reportPdf', () => {
  const bytes = reportPdf(content(SIX), CHARTS, '1 Dec 2026');
  if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, bytes);
  const text = Buffer.from(bytes).toString('latin1');

  it('is a PDF of one A4 page for six segments, eight countries and the cleaning report', () => {
    expect(text.startsWith('%PDF-1.')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdfPageCount(bytes)).toBe(1);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
  });

  it('embeds its own font and sets every name in it, accents, Greek and Cyrillic included', () => {
    expect(text).toContain('/FontFile2');
    const mapped = pdfMappedCharacters(bytes);
    for (const name of ['Bäckerei Łódź', 'Żółw', 'Müller', 'Πιστοί πελάτες', 'Ελλάδα', 'Россия'])
      for (const char of name.replace(/ /g, '')) expect(mapped, `${name}: ${char}`).toContain(char);
  });

  it('stays small: the fonts are subset to the characters used', () => {
    expect(bytes.length).toBeLessThan(150_000);
  });

  it('continues on a second page when the segments need it', () => {
    const many = Array.from({ length: 12 }, (_, i) => segment(i, `Segment ${i + 1}`));
    expect(pdfPageCount(reportPdf(content(many), CHARTS, '1 Dec 2026'))).toBe(2);
  });
});
