/**
 * The files shop owners really have (issue 10), dropped in the browser with every default left as
 * it is: a German export of the full Online Retail file (semicolons, DD.MM.YYYY, decimal commas,
 * German headers) must give the reference's customers and revenue; a file whose every date reads
 * both ways must say which order it used, at the top of the overview, with a one-click switch.
 * The Columns screen is checked at the phone size: nothing wider than the screen, and the date
 * notice visible above the fixed "Analyse customers" bar.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { loadPlatformFixtures } from '../src/core/testing/platform-files.ts';
import { PLATFORMS, type PlatformName } from '../src/core/testing/platform-fixtures.ts';
import { SHOPIFY_HEADER } from '../src/core/testing/platforms/shopify.ts';
import {
  expectReferenceOverview,
  FULL_FILE,
  parseCsv,
  SCREENSHOTS,
  screenshotBoth,
  SIZES,
} from './support.ts';

const fmt = (n: number) => n.toLocaleString('en-US');
let dir: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-e2e-real-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GERMAN_HEADERS = [
  'Rechnungsnr',
  'Artikelnummer',
  'Bezeichnung',
  'Menge',
  'Rechnungsdatum',
  'Einzelpreis',
  'Kundennummer',
  'Land',
];

/** A field of a semicolon-separated file, quoted when it has to be. */
const field = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `2010-12-01 08:26:00` as a German spreadsheet writes it: `01.12.2010 08:26`. */
const germanDate = (iso: string) =>
  `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`;

/**
 * The full Online Retail file as a German export. Its first rows are all from 1 and 2 December
 * 2010, which read both ways; later days (13th and on) settle it. Written once per machine.
 */
function germanFullFile(): string {
  const path = join(tmpdir(), 'segment-e2e-online-retail-de.csv');
  if (existsSync(path) && statSync(path).size > 0) return path;
  const { rows } = parseCsv(readFileSync(FULL_FILE, 'utf8'));
  const lines = [GERMAN_HEADERS.join(';')];
  for (const [invoice, code, description, quantity, date, price, customer, country] of rows)
    lines.push(
      [
        invoice!,
        code!,
        description!,
        quantity!,
        germanDate(date!),
        price!.replace('.', ','),
        customer!,
        country!,
      ]
        .map(field)
        .join(';'),
    );
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

async function drop(page: Page, path: string): Promise<void> {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
}

/**
 * At the phone size: no sideways scrolling, and `target` is on screen above the fixed bar: as the
 * screen opens (`atTop`), or once scrolled to.
 */
async function expectPhoneLayout(
  page: Page,
  target: ReturnType<Page['getByTestId']>,
  atTop = true,
) {
  await page.setViewportSize(SIZES.phone);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (!atTop) await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'the page is no wider than the phone').toBeLessThanOrEqual(SIZES.phone.width);
  const box = await target.boundingBox();
  const bar = await page.locator('.mapping-actions').boundingBox();
  expect(box && bar, 'the notice and the bar are laid out').toBeTruthy();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(SIZES.phone.width);
  expect(box!.y + box!.height, 'the notice ends above the fixed bar').toBeLessThanOrEqual(bar!.y);
}

/** The Columns screen as first shown (scrolled to the top), at both sizes. */
async function screenshotColumns(page: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`) });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}-full.png`), fullPage: true });
  }
  await page.setViewportSize(SIZES.desktop);
}

test('a German export with every default: the reference customers and revenue', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await drop(page, germanFullFile());

  // Every column recognised from its German name; the dates left to the whole file.
  const roles = page.getByRole('region', { name: 'Column mapping' });
  await expect(roles.getByLabel('Customer ID', { exact: true })).toHaveValue('6');
  await expect(roles.getByLabel('Order date', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('How the dates are written')).toHaveValue('');
  const notice = page.getByTestId('date-order-notice');
  await expect(notice).toContainText(
    'The first dates (01.12.2010) can be read as 1 December or 12 January. Segment will check every date in the file; you can also choose the order here.',
  );
  await expect(notice.getByRole('radio', { name: 'Check every date' })).toBeChecked();
  await expectPhoneLayout(page, notice);
  await screenshotColumns(page, '10-columns-german');

  await page.getByTestId('mapping-confirm').click();
  await expectReferenceOverview(page, 120_000);
  await expect(page.locator('.overview-period')).toContainText('1 Dec 2010 to 9 Dec 2011');
  // Days past the 12th settled the order: nothing to warn about.
  await expect(page.getByTestId('date-order-warning')).toHaveCount(0);
});

test('every date reads both ways: the overview says which order and switches in one click', async ({
  page,
}) => {
  // Days and months both 12 or less: day first, 3 February to 12 November; month first,
  // 2 March to 11 December.
  const dates = [
    '03.02.2011',
    '05.04.2011',
    '07.06.2011',
    '09.08.2011',
    '11.10.2011',
    '12.11.2011',
  ];
  const lines = ['Kundennummer;Rechnungsnr;Rechnungsdatum;Menge;Einzelpreis'];
  dates.forEach((date, i) => {
    lines.push(`K1;${100 + i};${date} 10:00;1;2,50`, `K2;${200 + i};${date} 11:00;2;2,50`);
  });
  const path = join(dir, 'both-ways.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  await drop(page, path);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText('2');

  const warning = page.getByTestId('date-order-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('We read them day first because they are written with dots');
  await expect(warning).toContainText('3 Feb 2011 to 12 Nov 2011');
  const box = await warning.boundingBox();
  const kpis = await page.locator('.overview-kpis').boundingBox();
  expect(box!.y, 'the warning is above the figures').toBeLessThan(kpis!.y);
  await screenshotBoth(page, '13-overview-date-order');

  await warning.getByRole('button', { name: 'Read them month first instead' }).click();
  await expect(page.getByTestId('date-order-warning')).toContainText(
    'We read them month first as you chose',
  );
  await expect(page.getByTestId('date-order-warning')).toContainText('2 Mar 2011 to 11 Dec 2011');
  await expect(page.getByTestId('kpi-customers')).toHaveText('2');
  await page
    .getByTestId('date-order-warning')
    .getByRole('button', { name: 'Read them day first instead' })
    .click();
  await expect(page.getByTestId('date-order-warning')).toContainText(
    'We read them day first as you chose',
  );
});

/**
 * The first lines of the Online Retail file that have a customer and are not cancellations, as a
 * Shopify orders export (one row per line item, `Name` the order, `Email` the customer).
 */
function shopifyFile(lineCount: number): { path: string; customers: number } {
  const { rows } = parseCsv(readFileSync(FULL_FILE, 'utf8').slice(0, 200_000));
  const kept = rows
    .filter(([invoice, , , , , , customer]) => customer !== '' && !invoice!.startsWith('C'))
    .slice(0, lineCount);
  const quote = (v: string) => (/[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [SHOPIFY_HEADER.join(',')];
  for (const [invoice, code, description, quantity, date, price, customer, country] of kept) {
    const cells: Record<string, string> = {
      Name: `#${invoice}`,
      Email: `customer${customer}@example.com`,
      'Financial Status': 'paid',
      'Paid at': `${date} +0000`,
      Currency: 'GBP',
      'Created at': `${date} +0000`,
      'Lineitem quantity': quantity!,
      'Lineitem name': description!,
      'Lineitem price': price!,
      'Lineitem sku': code!,
      'Lineitem requires shipping': 'true',
      'Lineitem taxable': 'true',
      'Billing Country': country!,
      'Refunded Amount': '0.00',
      Id: String(4_000_000_000 + Number(invoice)),
      Source: 'web',
      'Payment References': `c${invoice}.1`,
    };
    lines.push(SHOPIFY_HEADER.map((h) => quote(cells[h] ?? '')).join(','));
  }
  const path = join(dir, 'orders_export_1.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, customers: new Set(kept.map((r) => r[6])).size };
}

test('a Shopify orders export: recognised, mapped by its own names, still editable', async ({
  page,
}) => {
  const { path, customers } = shopifyFile(300);
  await drop(page, path);
  await expect(page.getByTestId('mapping-platform')).toContainText(
    'Looks like a Shopify orders export',
  );
  const roles = page.getByRole('region', { name: 'Column mapping' });
  const role = (name: string) => roles.getByLabel(name, { exact: true });
  const column = (header: string) => String(SHOPIFY_HEADER.indexOf(header));
  await expect(role('Customer ID')).toHaveValue(column('Email'));
  await expect(role('Invoice / order ID')).toHaveValue(column('Name'));
  await expect(role('Order date')).toHaveValue(column('Created at'));
  await expect(role('Order / payment status')).toHaveValue(column('Financial Status'));
  await expect(role('Refunded amount')).toHaveValue(column('Refunded Amount'));
  await expectPhoneLayout(page, page.getByTestId('mapping-platform'));
  await screenshotColumns(page, '11-columns-shopify');

  // Still editable: another order id is taken, then put back.
  await role('Invoice / order ID').selectOption({ label: 'Id' });
  await expect(role('Invoice / order ID')).toHaveValue(column('Id'));
  await role('Invoice / order ID').selectOption({ label: 'Name' });
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(fmt(customers));
});

test('a required column that does not fit: the columns looked at and why, in plain words', async ({
  page,
}) => {
  // Square's `Price Point Name` holds words (`Regular`): not a unit price, and there is no other.
  const lines = ['Transaction ID,Customer ID,Date,Qty,Price Point Name'];
  for (let i = 0; i < 20; i++)
    lines.push(`T${i},C${i % 4},2011-0${1 + (i % 9)}-1${i % 10} 10:00:00,${1 + (i % 3)},Regular`);
  const path = join(dir, 'items-detail.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  const rejected = page.getByTestId('rejected-unitPrice');
  await expect(rejected).toContainText('The column we looked at for the unit price does not fit');
  await expect(rejected).toContainText("“Price Point Name”: not numbers (e.g. 'Regular')");
  await expect(page.getByTestId('mapping-confirm')).toBeDisabled();
  await expectPhoneLayout(page, rejected, false);
  await page.screenshot({ path: join(SCREENSHOTS, '12-columns-rejected-phone.png') });
});

/** What the Columns screen says for each fixture; the German spreadsheet is no platform's. */
const PLATFORM_LINES: Record<PlatformName, string | null> = {
  shopify: 'Looks like a Shopify orders export',
  square: 'Looks like a Square items detail export',
  stripe: 'Looks like a Stripe payments export',
  prestashop: 'Looks like a PrestaShop orders export',
  woocommerce: 'Looks like a WooCommerce Analytics orders export',
  etsy: 'Looks like an Etsy sold order items export',
  german: null,
};

test('every platform fixture, dropped as it is: recognised and the expected customers', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { fixtures } = loadPlatformFixtures();
  for (const platform of PLATFORMS) {
    const fixture = fixtures[platform];
    const path = join(dir, fixture.fileName);
    writeFileSync(path, fixture.content);
    await drop(page, path);
    const line = PLATFORM_LINES[platform];
    if (line === null) await expect(page.getByTestId('mapping-platform')).toHaveCount(0);
    else await expect(page.getByTestId('mapping-platform'), platform).toContainText(line);
    await page.getByTestId('mapping-confirm').click();
    // One customer in the file for each UCI customer it was cut from (customerIds maps them).
    await expect(page.getByTestId('kpi-customers'), platform).toHaveText(
      fmt(fixture.customerIds.size),
    );
    await expect(page.getByTestId('error')).toHaveCount(0);
    // Forgotten, so the next file is dropped on an empty page, not on this analysis restored.
    await page.getByTestId('forget-data').click();
    await page.getByTestId('forget-confirm').click();
    await expect(page.getByTestId('forget-status')).toContainText('Done');
  }
});
