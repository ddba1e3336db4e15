/**
 * The report as a PDF, made on the device with jsPDF and jspdf-autotable. This module (with the
 * two libraries and the fonts) is loaded only when the user asks for a PDF.
 *
 * jsPDF's standard fonts are Windows-1252 only, so names such as "Łódź", "Ελλάδα" or "Россия"
 * would come out as garbage: the report is set in DejaVu Sans (Latin, Greek, Cyrillic; subset
 * by scripts/make-pdf-fonts.sh), embedded as a TrueType font that jsPDF subsets again to the
 * characters the report uses.
 */
import { jsPDF } from 'jspdf';
import { autoTable, type CellHookData, type RowInput } from 'jspdf-autotable';
import { segmentColour } from '../../../charts/palette.ts';
import type { ReportCharts, ReportImage } from '../report-charts.ts';
import type { ReportContent } from '../report-content.ts';
import boldFont from './fonts/DejaVuSans-Bold.subset.ttf?inline';
import regularFont from './fonts/DejaVuSans.subset.ttf?inline';

const FONT = 'DejaVuSans';
const INK = '#1d2733';
const MUTED = '#5b6b7c';
const RULE = '#d5dde6';
// A4 in points, with 36 pt margins.
const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14; // room for the footer

function addFonts(doc: jsPDF): void {
  for (const [file, url, style] of [
    ['DejaVuSans.ttf', regularFont, 'normal'],
    ['DejaVuSans-Bold.ttf', boldFont, 'bold'],
  ] as const) {
    doc.addFileToVFS(file, url.slice(url.indexOf(',') + 1));
    doc.addFont(file, FONT, style, undefined, 'Identity-H');
  }
}

/** The next table's top, after the last one drawn. */
const afterTable = (doc: jsPDF) =>
  (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;

/** Starts a new page when `height` would not fit below `y`; returns where to draw. */
function room(doc: jsPDF, y: number, height: number): number {
  if (y + height <= BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

function heading(doc: jsPDF, text: string, y: number): number {
  const top = room(doc, y, 40);
  doc
    .setFont(FONT, 'bold')
    .setFontSize(11)
    .setTextColor(INK)
    .text(text, PAGE.margin, top + 11);
  return top + 18;
}

function kpiGrid(doc: jsPDF, kpis: ReportContent['kpis'], y: number): number {
  const perRow = 4;
  const gap = 6;
  const width = (WIDTH - gap * (perRow - 1)) / perRow;
  const height = 34;
  kpis.forEach(([label, value], i) => {
    const x = PAGE.margin + (i % perRow) * (width + gap);
    const top = y + Math.floor(i / perRow) * (height + gap);
    doc.setDrawColor(RULE).setLineWidth(0.6).roundedRect(x, top, width, height, 4, 4, 'S');
    doc
      .setFont(FONT, 'normal')
      .setFontSize(7.5)
      .setTextColor(MUTED)
      .text(label, x + 8, top + 11);
    doc
      .setFont(FONT, 'bold')
      .setFontSize(12)
      .setTextColor(INK)
      .text(value, x + 8, top + 30);
  });
  return y + Math.ceil(kpis.length / perRow) * (height + gap);
}

const TABLE_STYLES = {
  font: FONT,
  fontSize: 7.5,
  textColor: INK,
  cellPadding: 3,
  lineColor: RULE,
  lineWidth: 0.4,
} as const;
const HEAD_STYLES = { fillColor: '#eef2f6', textColor: INK, fontStyle: 'bold' } as const;

function segmentTable(doc: jsPDF, content: ReportContent, y: number): number {
  const numbers = { halign: 'right' } as const;
  autoTable(doc, {
    startY: y,
    margin: { left: PAGE.margin, right: PAGE.margin, bottom: PAGE.height - BOTTOM },
    theme: 'grid',
    styles: TABLE_STYLES,
    headStyles: HEAD_STYLES,
    columnStyles: {
      0: { cellWidth: 86, cellPadding: { top: 3, right: 3, bottom: 3, left: 13 } },
      1: numbers,
      2: numbers,
      3: numbers,
      4: numbers,
      5: numbers,
      6: numbers,
      7: { cellWidth: 190 },
    },
    head: [
      [
        'Segment',
        'Customers',
        'Share',
        'Revenue share',
        'Avg recency',
        'Avg orders',
        'Avg revenue',
        'Suggested action',
      ],
    ],
    body: content.segments.map((s) => [
      s.name,
      s.customers,
      s.share,
      s.revenueShare,
      s.recency,
      s.frequency,
      s.monetary,
      s.action,
    ]),
    // Each segment's colour, as in the app's charts and tables.
    didDrawCell: (data: CellHookData) => {
      if (data.section !== 'body' || data.column.index !== 0) return;
      const cluster = content.segments[data.row.index]?.cluster ?? 0;
      doc.setFillColor(segmentColour(cluster));
      doc.rect(data.cell.x + 4, data.cell.y + 4.5, 6, 6, 'F');
    },
  });
  return afterTable(doc);
}

/** A chart's size in the PDF: as wide as `width` allows, no taller than `height`. */
function fit(chart: ReportImage, width: number, height: number) {
  const scale = Math.min(width / chart.width, height / chart.height);
  return { width: chart.width * scale, height: chart.height * scale };
}

/** Draws a chart centred in the box from `x`, `width` wide, at `y`; returns its height. */
function image(doc: jsPDF, chart: ReportImage, x: number, y: number, box: number, most: number) {
  const size = fit(chart, box, most);
  doc.addImage(
    chart.url,
    'PNG',
    x + (box - size.width) / 2,
    y,
    size.width,
    size.height,
    undefined,
    'FAST',
  );
  return size.height;
}

// The charts' heights in the PDF, so that a report of up to about six segments fits one page.
const PIE_HEIGHT = 150;
const MEANS_HEIGHT = 125;

function chartsBlock(doc: jsPDF, charts: ReportCharts, y: number): number {
  const half = (WIDTH - 12) / 2;
  const rowHeight = Math.max(
    fit(charts.donut, half, PIE_HEIGHT).height,
    fit(charts.radar, half, PIE_HEIGHT).height,
  );
  let top = room(doc, y, rowHeight);
  image(doc, charts.donut, PAGE.margin, top, half, PIE_HEIGHT);
  image(doc, charts.radar, PAGE.margin + half + 12, top, half, PIE_HEIGHT);
  top += rowHeight + 6;
  top = room(doc, top, fit(charts.means, WIDTH, MEANS_HEIGHT).height);
  return top + image(doc, charts.means, PAGE.margin, top, WIDTH, MEANS_HEIGHT) + 8;
}

/** The cleaning report and, beside it, the countries with most revenue. */
function cleaningAndCountries(doc: jsPDF, content: ReportContent, y: number): number {
  const withCountries = content.countries.length > 0;
  const rows = Math.max(content.cleaning.length, content.countries.length + 1) + 1;
  let top = room(doc, y, 18 + rows * 14);
  const leftWidth = withCountries ? WIDTH * 0.56 : WIDTH;
  const rightX = PAGE.margin + leftWidth + 12;
  doc.setFont(FONT, 'bold').setFontSize(11).setTextColor(INK);
  doc.text('Cleaning report', PAGE.margin, top + 11);
  if (withCountries) doc.text('Countries with most revenue', rightX, top + 11);
  top += 18;
  const common = {
    startY: top,
    theme: 'grid' as const,
    styles: TABLE_STYLES,
    headStyles: HEAD_STYLES,
    columnStyles: {
      1: { halign: 'right' as const, cellWidth: 'wrap' as const },
      2: { halign: 'right' as const, cellWidth: 'wrap' as const },
    },
  };
  autoTable(doc, {
    ...common,
    margin: { left: PAGE.margin, right: PAGE.width - PAGE.margin - leftWidth },
    head: [['Step', 'Order lines', 'Share']],
    body: content.cleaning,
  });
  let bottom = afterTable(doc);
  if (withCountries) {
    const body: RowInput[] = content.countries.map((c) => [...c]);
    if (content.moreCountries > 0)
      body.push([
        { content: `and ${content.moreCountries} more on the Countries tab`, colSpan: 4 },
      ]);
    autoTable(doc, {
      ...common,
      margin: { left: rightX, right: PAGE.margin },
      columnStyles: { ...common.columnStyles, 3: { halign: 'right', cellWidth: 'wrap' } },
      head: [['Country', 'Customers', 'Revenue', 'Share']],
      body,
    });
    bottom = Math.max(bottom, afterTable(doc));
  }
  return bottom;
}

function footers(doc: jsPDF, made: string): void {
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFont(FONT, 'normal').setFontSize(7).setTextColor(MUTED);
    doc.text(
      `Made on this device by Segment, ${made}. Page ${p} of ${pages}.`,
      PAGE.margin,
      PAGE.height - PAGE.margin + 4,
    );
  }
}

/** The report as PDF bytes: A4, one page for a handful of segments, more when they need it. */
export function reportPdf(content: ReportContent, charts: ReportCharts, made: string): Uint8Array {
  const doc = new jsPDF({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: true });
  addFonts(doc);
  doc.setProperties({ title: content.title, creator: 'Segment' });

  doc.setFont(FONT, 'bold').setFontSize(16).setTextColor(INK);
  const title = doc.splitTextToSize(content.title, WIDTH) as string[];
  doc.text(title, PAGE.margin, PAGE.margin + 14);
  let y = PAGE.margin + 14 + title.length * 19;
  doc.setFont(FONT, 'normal').setFontSize(9).setTextColor(MUTED);
  doc.text(content.period, PAGE.margin, y);
  y += 14;

  y = kpiGrid(doc, content.kpis, y);
  y = heading(doc, 'Segments and what to do', y + 2);
  y = segmentTable(doc, content, y) + 10;
  y = chartsBlock(doc, charts, y);
  cleaningAndCountries(doc, content, y);
  footers(doc, made);
  return new Uint8Array(doc.output('arraybuffer'));
}
