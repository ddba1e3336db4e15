/**
 * Messy real-world files in the browser (issue 5): each one gets a plain answer in the `error`
 * element or as a warning beside the results, and the app stays usable: the next file can be
 * dropped without reloading. Fixtures are small files written to a temp folder here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { expect, type Page, test } from '@playwright/test';
import { expectChartDrawn } from './support.ts';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
let dir: string;

/** `n` customers with a few orders each across 2011: a file that analyses into segments. */
function goodRows(n: number): string[] {
  const rows: string[] = [];
  let invoice = 1000;
  for (let c = 0; c < n; c++)
    for (let o = 0; o <= c % 4; o++) {
      const month = String(1 + ((c + 3 * o) % 12)).padStart(2, '0');
      const day = String(1 + ((c * 7 + o) % 28)).padStart(2, '0');
      rows.push(
        `${invoice++},P${o},Item ${o},${1 + (c % 5)},2011-${month}-${day} 10:${String(c % 60).padStart(2, '0')}:00,${(1.25 * (1 + (c % 9))).toFixed(2)},${13000 + c},UK`,
      );
    }
  return rows;
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const csv = (...lines: string[]) => lines.join('\n') + '\n';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-e2e-robust-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

let dialogs: string[] = [];
test.beforeEach(async ({ page }) => {
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('./');
  await expect(page.getByTestId('file-input')).toBeAttached();
});
test.afterEach(() => expect(dialogs).toEqual([]));

async function drop(page: Page, path: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(path);
}

/** Runs the analysis from the mapping screen and waits for the overview. */
async function analyse(page: Page, customers: number): Promise<void> {
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(customers.toLocaleString('en-US'));
}

/** After a bad file: another file is taken at once, with no reload, and analyses to the end. */
async function thenAGoodFileWorks(page: Page): Promise<void> {
  const choose = page.getByRole('button', { name: 'Choose another file' });
  if (await choose.isVisible()) await choose.click();
  await drop(page, write('good.csv', csv(HEADER, ...goodRows(30))));
  await expect(page.getByTestId('error')).toHaveCount(0);
  await analyse(page, 30);
}

const errorBanner = (page: Page) => page.getByTestId('error');

test.describe('files that cannot be analysed: a plain error, then the next file works', () => {
  const cases: [string, string, () => string | Uint8Array, RegExp][] = [
    ['an empty file', 'empty.csv', () => '', /This file is empty/],
    ['a header and no rows', 'header.csv', () => csv(HEADER), /has a header but no rows of sales/],
    [
      'a PNG named .csv',
      'image.csv',
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /looks like a PNG image, not a sales export/,
    ],
    [
      'a zip named .csv',
      'archive.csv',
      () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, ...new Array(40).fill(0)]),
      /zip archive.*Unzip it/,
    ],
    [
      'a password-protected workbook',
      'locked.xlsx',
      () => {
        const cfb = XLSX.CFB.utils.cfb_new();
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(4096).fill(7));
        return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
      },
      /protected with a password/,
    ],
  ];
  for (const [what, name, content, message] of cases)
    test(what, async ({ page }) => {
      await drop(page, write(name, content()));
      await expect(errorBanner(page)).toContainText(message);
      await expect(page.getByTestId('file-input')).toBeAttached(); // still on the start screen
      await thenAGoodFileWorks(page);
    });
});

test('required columns missing: the mapping screen names them and will not run', async ({
  page,
}) => {
  await drop(page, write('columns.csv', csv('Name,Colour,Size', 'A,red,1', 'B,blue,2')));
  await expect(
    page.getByText(/Still needed: .*Customer.*; .*date.*; .*Quantity.*Unit price.*Amount/i),
  ).toBeVisible();
  await expect(page.getByTestId('mapping-confirm')).toBeDisabled();
  await thenAGoodFileWorks(page);
});

test('every row removed by cleaning: the error says which rule removed how many', async ({
  page,
}) => {
  const rows = [
    '1,P1,x,0,2011-01-01 10:00:00,1.5,13001,UK',
    '2,P1,x,-3,2011-01-02 10:00:00,1.5,13002,UK',
    '3,P1,x,2,2011-01-03 10:00:00,0,13003,UK',
    'C4,P1,x,2,2011-01-04 10:00:00,1.5,13004,UK',
    '5,P1,x,2,2011-01-05 10:00:00,1.5,,UK',
  ];
  await drop(page, write('removed.csv', csv(HEADER, ...rows)));
  await page.getByTestId('mapping-confirm').click();
  await expect(errorBanner(page)).toContainText(
    'Every row was removed by cleaning (1 by "Cancelled invoices (invoice number starts with C)", 1 by "No customer ID", 3 by "Zero, negative or missing quantity or price")',
  );
  // Back on the mapping screen, which still works: the columns can be changed and run again.
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  await page.getByTestId('mapping-confirm').click();
  await expect(errorBanner(page)).toContainText('Every row was removed by cleaning');
  await thenAGoodFileWorks(page);
});

test('dates that do not parse: counted and shown with examples; the rest is analysed', async ({
  page,
}) => {
  const rows = goodRows(20);
  rows[3] = rows[3]!.replace(/2011-\d\d-\d\d 10:\d\d:00/, '31/02/2011');
  rows[7] = rows[7]!.replace(/2011-\d\d-\d\d 10:\d\d:00/, 'next week');
  const customers = new Set(rows.filter((_, i) => i !== 3 && i !== 7).map((r) => r.split(',')[6]))
    .size;
  await drop(page, write('bad-dates.csv', csv(HEADER, ...rows)));
  await analyse(page, customers);
  const warnings = page.getByRole('region', { name: 'Things to know about this file' });
  await expect(warnings).toContainText(
    '2 rows had dates we could not read (for example "31/02/2011", "next week"); they were left out.',
  );
  await expect(page.getByTestId('cleaning-report')).toContainText(/Dates that could not be read/);
  await expect(errorBanner(page)).toHaveCount(0);
});

test('two customers (fewer than k): one segment and a clear warning, not a blank chart', async ({
  page,
}) => {
  await drop(
    page,
    write(
      'two.csv',
      csv(
        HEADER,
        '1,P1,x,2,2011-01-01 10:00:00,1.5,13001,UK',
        '2,P1,x,5,2011-03-01 10:00:00,4,13002,UK',
      ),
    ),
  );
  await analyse(page, 2);
  await expect(page.getByRole('region', { name: 'Things to know about this file' })).toContainText(
    'Only 2 customers: at least 3 are needed to split customers into segments, so all are in one.',
  );
  await page.getByTestId('nav-segments').click();
  const rows = page.getByTestId('segment-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('segment-table').getByLabel('Name of segment 1')).toHaveValue(
    'All customers',
  );
  await expect(page.getByRole('img', { name: /Donut chart/ })).toBeVisible();
  await expectChartDrawn(page, 'segment-map');
  await expect(errorBanner(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Segment: start over' }).click();
  await thenAGoodFileWorks(page);
});

test('an Excel workbook is read (first sheet with data), dates and ids as in the sheet', async ({
  page,
}) => {
  const rows = goodRows(25).map((line) => {
    const [inv, stock, desc, qty, date, price, customer, country] = line.split(',');
    return [
      inv,
      stock,
      desc,
      Number(qty),
      new Date(`${date!.replace(' ', 'T')}Z`),
      Number(price),
      `0${customer}`,
      country,
    ];
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Cover');
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([HEADER.split(','), ...rows], { cellDates: true, UTC: true }),
    'Orders',
  );
  const path = write(
    'orders.xlsx',
    new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer),
  );
  await drop(page, path);
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  await expect(page.getByLabel('Sample values of Order date')).toContainText('2011-');
  await expect(page.getByLabel('Sample values of Customer ID')).toContainText('013000');
  await analyse(page, 25);
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-search').fill('013001');
  await expect(page.getByTestId('customer-table').locator('tbody tr')).toHaveCount(1);
});
