/**
 * The files till and spreadsheet users have (issue 10): Excel's "Unicode Text" save (UTF-16 LE
 * with a BOM, tab-separated) and a workbook with a title block above the header and a Totals
 * row below the data both analyse to the overview; the file picker offers workbooks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { expect, type Page, test } from '@playwright/test';

const HEADER = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];
let dir: string;

/** `n` customers with one to four orders each across 2011. */
function rows(n: number): (string | number | Date)[][] {
  const out: (string | number | Date)[][] = [];
  let invoice = 1000;
  for (let c = 0; c < n; c++)
    for (let o = 0; o <= c % 4; o++)
      out.push([
        String(invoice++),
        `P${o}`,
        `Café crème ${o}`,
        1 + (c % 5),
        new Date(Date.UTC(2011, (c + 3 * o) % 12, 1 + ((c * 7 + o) % 28), 10, c % 60)),
        1.25 * (1 + (c % 9)),
        String(13000 + c),
        'UK',
      ]);
  return out;
}

const iso = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

function write(name: string, content: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-e2e-encodings-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('file-input')).toBeAttached();
});

async function analyse(page: Page, customers: number): Promise<void> {
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(customers.toLocaleString('en-US'));
  await expect(page.getByTestId('error')).toHaveCount(0);
}

test('the file picker offers workbooks as well as text exports', async ({ page }) => {
  const accept = (await page.getByTestId('file-input').getAttribute('accept')) ?? '';
  for (const extension of ['.csv', '.txt', '.tsv', '.gz', '.xlsx', '.xlsm', '.xls', '.ods'])
    expect(accept.split(',')).toContain(extension);
});

test('Excel "Unicode Text" (UTF-16 LE, BOM, tabs) analyses like any CSV', async ({ page }) => {
  const text =
    [HEADER, ...rows(30)]
      .map((row) => row.map((v) => (v instanceof Date ? iso(v) : String(v))).join('\t'))
      .join('\r\n') + '\r\n';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  await page.getByTestId('file-input').setInputFiles(write('unicode.txt', bytes));
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  // Accents survive: the sample values on the Columns screen are the decoded text.
  await expect(page.getByText('Café crème 1').first()).toBeVisible();
  await analyse(page, 30);
});

test('a till workbook with a title block and a Totals row: the header is found, the totals left out', async ({
  page,
}) => {
  const data = rows(25);
  const total = data.reduce((sum, row) => sum + (row[3] as number) * (row[5] as number), 0);
  const book = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(
    [
      ['Corner Shop Ltd'],
      ['Sales by line'],
      ['Period', new Date(Date.UTC(2011, 0, 1)), new Date(Date.UTC(2011, 11, 31))],
      [],
      HEADER,
      ...data,
      [],
      ['Total', null, null, null, null, total],
    ],
    { cellDates: true, UTC: true },
  );
  XLSX.utils.book_append_sheet(book, sheet, 'Till report');
  const bytes = new Uint8Array(
    XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST: true }) as ArrayBuffer,
  );
  await page.getByTestId('file-input').setInputFiles(write('till.xlsx', bytes));
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  await expect(page.getByLabel('Sample values of Order date')).toContainText('2011-');
  await analyse(page, 25);
  await expect(page.getByRole('region', { name: 'Things to know about this file' })).toContainText(
    'A totals row',
  );
});
