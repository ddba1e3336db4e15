/**
 * Issue 13 in the page: HDBSCAN on the Validation screen (its own worker, R's clusters at
 * minPts 15 on the default features, the condensed tree, its groups as the segments with the
 * noise as "No clear segment") and a distributor's monthly sales file analysed, not refused.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { monthlySalesCsv } from '../src/core/testing/monthly-fixture.ts';
import {
  expectChartDrawn,
  FULL_FILE,
  openTab,
  screenshotBoth,
  shared,
  shownScreen,
} from './support.ts';

const reference = JSON.parse(
  readFileSync(shared('reference', 'online_retail.hdbscan.json'), 'utf8'),
) as Record<string, { clusters: number; noise: number; sizes: number[] }>;
const fmt = (n: number) => n.toLocaleString('en-US');

/** The full UCI file analysed with every default. */
async function fullFileAnalysed(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(FULL_FILE);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText('4,334', { timeout: 60_000 });
}

/** Validation's Other models, once HDBSCAN's run with the defaults (30, 15) has finished. */
async function hdbscanDefaultsShown(page: Page): Promise<void> {
  await openTab(page, 'validation');
  await page.getByTestId('validation-tab-models').click();
  await expect(page.getByTestId('hdbscan-summary')).toBeVisible({ timeout: 60_000 });
}

test(
  'HDBSCAN cancelled while running: back within 1 s, the screen usable, the next run completes',
  { tag: '@timed' },
  async ({ page }) => {
    test.setTimeout(180_000);
    await fullFileAnalysed(page);
    await hdbscanDefaultsShown(page);
    // The screen's charts drawn first: the time measured is Cancel's, not plotly's.
    await expect(shownScreen(page).locator('.plot-frame[aria-busy="true"]')).toHaveCount(0, {
      timeout: 60_000,
    });
    // 2,000 neighbours: seconds of work, long enough to catch. Its worker ends at once.
    await page.getByTestId('hdbscan-min-samples').fill('2000');
    await page.getByTestId('hdbscan-run').click();
    await expect(page.getByTestId('hdbscan-progress')).toBeVisible();
    const t0 = Date.now();
    await page.getByTestId('hdbscan-cancel').click();
    await expect(page.getByTestId('hdbscan-progress')).toHaveCount(0, { timeout: 1000 });
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(page.getByTestId('hdbscan-run')).toBeEnabled();
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expect(page.getByTestId('model-table')).toBeVisible();
    // The next run completes with R's figures (minPts 15 for both settings).
    await page.getByTestId('hdbscan-min-cluster-size').fill('15');
    await page.getByTestId('hdbscan-min-samples').fill('15');
    await page.getByTestId('hdbscan-run').click();
    const run = reference.rfm_log_standard_minpts15!;
    await expect(page.getByTestId('hdbscan-summary')).toContainText(
      `${run.clusters} dense groups; ${fmt(run.noise)} customers`,
      { timeout: 60_000 },
    );
  },
);

test('HDBSCAN joins the model comparison and can give the segments', async ({ page }) => {
  test.setTimeout(240_000);
  await fullFileAnalysed(page);
  await openTab(page, 'k');
  await expect(page.getByTestId('k-select')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('k-select').selectOption('4');

  // The defaults (30, 15) run by themselves; then R's minPts 15 (both settings 15).
  await hdbscanDefaultsShown(page);

  await page.getByTestId('hdbscan-min-cluster-size').fill('15');
  await page.getByTestId('hdbscan-min-samples').fill('15');
  await page.getByTestId('hdbscan-run').click();
  const run = reference.rfm_log_standard_minpts15!;
  await expect(page.getByTestId('hdbscan-summary')).toContainText(
    `${run.clusters} dense groups; ${fmt(run.noise)} customers`,
    { timeout: 60_000 },
  );
  const row = page.locator('[data-testid="model-table"] tr[data-model="hdbscan"]');
  await expect(row.locator('td').nth(2)).toHaveText(String(run.clusters));
  await expect(row.locator('td').nth(3)).toHaveText(run.sizes.map(fmt).join(' · '));
  await expect(row.locator('td').last()).toContainText(fmt(run.noise));
  await expectChartDrawn(page, 'condensed-tree');
  await page.getByTestId('hdbscan-card').scrollIntoViewIfNeeded();
  await screenshotBoth(page, '40-hdbscan');

  // Its groups as the segments: four groups and the noise as "No clear segment" (its action says so).
  await page.getByTestId('use-model-hdbscan').check();
  await page.getByTestId('nav-segments').click();
  const rows = page.getByTestId('segment-table').locator('tbody tr');
  await expect(rows).toHaveCount(run.clusters + 1, { timeout: 60_000 });
  await expect(page.getByTestId('segment-table')).toContainText(
    'These customers fit no dense group',
  );
  await screenshotBoth(page, '41-hdbscan-segments');
});

test('a monthly sales file (shop, product, year, month) is analysed', async ({ page }) => {
  test.setTimeout(180_000);
  const uci = readFileSync(FULL_FILE, 'utf8');
  const example = page.getByTestId('date-example');
  // One period column (`2010-12`): the Columns screen reads it as a month. Not analysed, so
  // nothing is kept for the next load.
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'monthly-period.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(monthlySalesCsv(uci, { customers: 20, layout: 'period' })),
  });
  await expect(example).toContainText('2010-12', { timeout: 30_000 });
  await expect(example).toContainText('December 2010');
  await expect(example).toContainText('dates are the first day of the month');
  await screenshotBoth(page, '44-monthly-period-columns');

  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'monthly-sales.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(monthlySalesCsv(uci, { customers: 300 })),
  });
  await expect(page.getByTestId('mapping-confirm')).toBeVisible({ timeout: 30_000 });
  // The UCI file starts in December 2010: the year and month columns read as that month.
  await expect(example).toContainText('2010 + 12');
  await expect(example).toContainText('December 2010');
  await expect(example).toContainText('dates are the first day of the month');
  await expect(example).not.toContainText('day,');
  await screenshotBoth(page, '42-monthly-columns');
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText('300', { timeout: 60_000 });
  await expect(page.locator('body')).toContainText('recency is accurate to a month');
  await screenshotBoth(page, '43-monthly-overview');
});
