/**
 * Issue 14 for the shop owner, on the bundled sample: the simple mode hides the statistics until
 * "Advanced"; the customer export's bytes (byte order mark, rounding, segments 1..k, one segment
 * only, the semicolon layout, an xlsx SheetJS opens); a duplicate segment name refused; the
 * cohorts' partial last month said.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { expect, type Page, test } from '@playwright/test';
import { openSample } from './support.ts';
import { customerExportHeader } from '../src/core/export/customer-export.ts';

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const done = await file;
  return { name: done.suggestedFilename(), bytes: readFileSync((await done.path())!) };
}

test('simple mode, exports, names and cohorts as an owner meets them', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await openSample(page);
  const customers = Number(
    (await page.getByTestId('kpi-customers').textContent())!.replace(/\D/g, ''),
  );

  // Simple mode: no Choose k, no Validation, no metric names, until Advanced is on.
  for (const view of ['overview', 'segments', 'customers', 'export'])
    await expect(page.getByTestId(`nav-${view}`)).toBeVisible();
  await expect(page.getByTestId('nav-k')).toHaveCount(0);
  await expect(page.getByTestId('nav-validation')).toHaveCount(0);
  await expect(page.locator('.overview')).not.toContainText('Silhouette');
  await page.getByTestId('advanced-toggle').check();
  await expect(page.getByTestId('nav-k')).toBeVisible();
  await expect(page.getByTestId('nav-validation')).toBeVisible();
  await page.getByTestId('nav-k').click();
  await expect(page.getByTestId('metric-glossary').first()).toContainText('Calinski-Harabasz');
  // Turning it off on an advanced screen goes back to the overview.
  await page.getByTestId('advanced-toggle').uncheck();
  await expect(page.getByTestId('nav-k')).toHaveCount(0);
  await expect(page.getByTestId('kpi-customers')).toBeVisible();

  // Export: every customer as CSV, with a byte order mark, rounded money and segments 1..k.
  await page.getByTestId('nav-export').click();
  const csv = await download(page, 'export-file-csv');
  expect(csv.name).toMatch(/-customers\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.bytes.toString('utf8').slice(1);
  const [header, ...rows] = text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(header).toEqual(
    customerExportHeader({ email: false, country: true }, [
      'p_alive',
      'expected_purchases_90d',
      'expected_avg_spend',
      'clv_12m',
    ]),
  );
  expect(rows).toHaveLength(customers);
  const k = (await page.getByTestId('export-scope').locator('option').count()) - 1;
  const numbers = new Set(rows.map((r) => r[11]));
  expect([...numbers].map(Number).sort((a, b) => a - b)).toEqual(
    Array.from({ length: k }, (_, i) => i + 1),
  );
  for (const row of rows) {
    expect(row[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Money to the cent at most: no 4309.999999999997.
    expect(row[6]).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect(row[10]).toMatch(/^-?\d+(\.\d{1,2})?$/);
  }

  // One segment only.
  await page.getByTestId('export-scope').selectOption('1');
  const count = Number((await page.getByTestId('export-count').textContent())!.replace(/\D/g, ''));
  const one = await download(page, 'export-file-csv');
  expect(one.name).toMatch(/-customers-segment-2\.csv$/);
  const oneRows = one.bytes.toString('utf8').slice(1).trim().split('\r\n').slice(1);
  expect(oneRows).toHaveLength(count);
  expect(new Set(oneRows.map((l) => l.split(',')[11]))).toEqual(new Set(['2']));

  // The semicolon layout: ; between cells, decimal commas.
  await page.getByTestId('export-scope').selectOption('');
  const semi = await download(page, 'export-file-csv-semicolon');
  expect([...semi.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const semiLines = semi.bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(semiLines[0]!.split(';')).toEqual(header);
  expect(semiLines.slice(1).some((l) => /;\d+,\d{1,2};/.test(l))).toBe(true);
  expect(semiLines.slice(1).every((l) => !/\d\.\d/.test(l))).toBe(true);

  // xlsx: SheetJS opens it, with the same header and rows.
  const xlsx = await download(page, 'export-file-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
  const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, {
    header: 1,
  });
  expect(sheet[0]).toEqual(header);
  expect(sheet).toHaveLength(customers + 1);

  // A filtered view from the Customers screen: only the customers found.
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-search').fill('1234');
  await expect(page.getByTestId('customer-export')).toContainText('these');
  const found = await download(page, 'export-view-csv');
  expect(found.name).toMatch(/-filtered\.csv$/);
  const foundRows = found.bytes.toString('utf8').slice(1).trim().split('\r\n').slice(1);
  expect(foundRows.length).toBeGreaterThan(0);
  for (const row of foundRows) expect(row.split(',')[0]).toContain('1234');

  // Two segments cannot share a name.
  await page.getByTestId('nav-segments').click();
  const first = page.getByTestId('segment-table').getByLabel('Name of segment 1');
  const second = page.getByTestId('segment-table').getByLabel('Name of segment 2');
  await first.fill('VIP');
  await first.press('Enter');
  await second.fill('vip');
  await second.press('Enter');
  await expect(page.getByTestId('segment-name-problem')).toContainText('already called');
  await expect(second).not.toHaveValue('vip');

  // Cohorts: the sample ends on 9 Dec 2011, so December is marked partial.
  await page.getByTestId('nav-cohorts').click();
  await expect(page.getByTestId('cohort-partial')).toContainText('December 2011');
});

test('Forget my data asks before deleting anything', async ({ page }) => {
  await page.goto('./');
  await openSample(page);
  await page.getByTestId('forget-data').click();
  await expect(page.getByTestId('forget-confirm')).toBeVisible();
  await page.getByTestId('forget-cancel').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible();
  await page.getByTestId('forget-data').click();
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('forget-status')).toContainText('Done');
  await expect(page.getByTestId('sample-button')).toBeVisible();
});

test('on a touch screen the hints say tap and pinch, never hover or F12', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto('./');
  await openSample(page);
  await page.getByTestId('privacy-check').locator('summary').click();
  await page.getByTestId('nav-segments').click();
  // The map first, in words for a finger; then the 3D scatter, turned with fingers.
  await expect(page.getByText('Tap a dot to see the customer')).toBeVisible();
  await page.getByTestId('scatter-view').click();
  await expect(page.getByText('pinch to zoom')).toBeVisible();
  const words = (await page.locator('body').innerText()).toLowerCase();
  for (const phrase of ['hover', 'scroll to zoom', 'click the camera', 'f12'])
    expect(words, phrase).not.toContain(phrase);
  // The 3D scatter's toolbar is two buttons, and covers none of its legend's segments (the whole
  // toolbar covered two of them on a phone).
  await expect(page.getByTestId('scatter3d').locator('.modebar-btn')).toHaveCount(2, {
    timeout: 60_000,
  });
  const covered = await page.getByTestId('scatter3d').evaluate((chart) => {
    const buttons = [...chart.querySelectorAll('.modebar-btn')].map((b) =>
      b.getBoundingClientRect(),
    );
    return [...chart.querySelectorAll('.legend .traces')]
      .filter((item) => {
        const r = item.getBoundingClientRect();
        return buttons.some(
          (b) => b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom,
        );
      })
      .map((item) => item.textContent);
  });
  expect(covered).toEqual([]);
  // Every chart's toolbar has a strip of its own above the chart: it covers no data and no legend.
  const toolbars = await page.locator('.plot-frame:visible').evaluateAll((frames) =>
    frames.flatMap((frame) => {
      const figure = frame.querySelector('.js-plotly-plot')?.getBoundingClientRect();
      const buttons = [...frame.querySelectorAll('.modebar-btn')].map((b) =>
        b.getBoundingClientRect(),
      );
      if (!figure || buttons.length === 0) return [];
      // The buttons' padding reaches 2 px into the figure's empty top margin.
      return [buttons.some((b) => b.bottom > figure.top + 2) ? 'over the chart' : 'above'];
    }),
  );
  expect(toolbars.length).toBeGreaterThanOrEqual(2);
  expect(toolbars.filter((where) => where !== 'above')).toEqual([]);
  await context.close();
});
