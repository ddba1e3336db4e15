/**
 * The last analysis is kept in this browser (IndexedDB, results and settings, not the file):
 * after a reload the results are back, with the chosen k and the user's segment names, and every
 * screen works without the file; "Forget my data" wipes it all.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectChartDrawn, openTab, parseCsv, savedSession, screenshotBoth } from './support.ts';

test('reopening brings the last analysis back; Forget my data wipes it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await page.getByTestId('sample-button').click();
  const kpiCustomers = page.getByTestId('kpi-customers');
  await expect(kpiCustomers).toBeVisible({ timeout: 60_000 });
  const customers = (await kpiCustomers.textContent())!.trim();

  // Another k than the suggested one, and a segment of our own naming.
  await openTab(page, 'k');
  const kSelect = page.getByTestId('k-select');
  await expect(kSelect).toBeEnabled();
  const otherK = (await kSelect.inputValue()) === '5' ? 4 : 5;
  await kSelect.selectOption(String(otherK));
  await page.getByTestId('nav-segments').click();
  const rows = page.getByTestId('segment-table').locator('tbody tr');
  await expect(rows).toHaveCount(otherK);
  const nameInput = page.getByTestId('segment-table').getByLabel('Name of segment 1');
  await nameInput.fill('Our best friends');
  await nameInput.press('Enter');
  await expect(nameInput).toHaveValue('Our best friends');

  // Saved shortly after the last change.
  await expect
    .poll(() => savedSession(page))
    .toEqual({
      version: 1,
      fileName: 'online-retail-sample.csv',
      k: otherK,
      names: { [otherK]: { 0: 'Our best friends' } },
      comparedWith: null,
    });

  await page.reload();
  await expect(page.getByTestId('restored-note')).toContainText('online-retail-sample.csv');
  await expect(kpiCustomers).toHaveText(customers);
  await screenshotBoth(page, '20-restored');
  await openTab(page, 'k');
  await expect(page.getByTestId('k-select')).toHaveValue(String(otherK));
  await expectChartDrawn(page, 'elbow-chart');
  await page.getByTestId('nav-segments').click();
  await expect(rows).toHaveCount(otherK);
  await expect(nameInput).toHaveValue('Our best friends');
  await expectChartDrawn(page, 'segment-map', 2);

  // Everything that needs the worker's data works without the file.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-customers-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`online-retail-sample-segments-k${otherK}-customers.csv`);
  const csv = parseCsv(readFileSync((await file.path())!, 'utf8'));
  expect(csv.rows).toHaveLength(Number(customers.replace(/\D/g, '')));
  const segment = csv.header.indexOf('Segment');
  expect(csv.rows.some((row) => row[segment] === 'Our best friends')).toBe(true);

  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-table').locator('tbody tr').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible();
  await expect(page.getByTestId('detail-segment')).not.toBeEmpty();

  await page.getByTestId('nav-whatif').click();
  await page
    .getByTestId('whatif-form')
    .getByRole('button', { name: /segment/i })
    .click();
  await expect(page.getByTestId('whatif-segment')).not.toBeEmpty();

  // Another k again: re-segmenting from the restored clustering.
  await openTab(page, 'k');
  await page.getByTestId('k-select').selectOption('3');
  await page.getByTestId('nav-segments').click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('error')).toHaveCount(0);

  // Forget my data asks first: "Keep it" deletes nothing.
  await page.getByTestId('forget-data').click();
  await expect(page.getByTestId('forget-confirm')).toBeVisible();
  await page.getByTestId('forget-cancel').click();
  await expect(page.getByTestId('forget-confirm')).toHaveCount(0);
  await expect(rows).toHaveCount(3);
  expect(await savedSession(page)).not.toBeNull();

  // Confirmed: back to the start, and nothing left in IndexedDB, even after a reload.
  await page.getByTestId('forget-data').click();
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('forget-status')).toContainText('Done');
  await expect(kpiCustomers).toHaveCount(0);
  await expect(page.getByTestId('sample-button')).toBeVisible();
  const databases = await page.evaluate(async () =>
    (await indexedDB.databases()).map((db) => db.name),
  );
  expect(databases).not.toContain('segment');
  expect(await savedSession(page)).toBeNull();

  await page.reload();
  await expect(page.getByTestId('sample-button')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('restored-note')).toHaveCount(0);
  await expect(kpiCustomers).toHaveCount(0);
});
