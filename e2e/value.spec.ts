/**
 * Lifetime value on the bundled sample (issue 12): the Value screen's charts are drawn, the
 * horizon is editable, the customer table shows and sorts by value, and the "valuable but
 * slipping" customers can be exported. Screenshots of both screens at both sizes, and no page
 * wider than a phone.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import {
  expectChartDrawn,
  expectFitsPhone,
  openSample,
  parseCsv,
  screenshotBoth,
  shownScreen,
  SIZES,
} from './support.ts';

async function noWiderThanPhone(page: Page) {
  await expectFitsPhone(page, 'the Value screen');
  await page.setViewportSize(SIZES.desktop);
}

test('Value screen, value in the customer table, valuable-but-slipping export', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await openSample(page);
  await expect(page.getByTestId('nav-value')).toBeEnabled({ timeout: 60_000 });

  await page.getByTestId('nav-value').click();
  const screen = shownScreen(page);
  await expect(screen.getByTestId('value-kpis')).toBeVisible({ timeout: 60_000 });
  for (const chart of [
    'value-bands-chart',
    'segment-value-chart',
    'calibration-chart',
    'alive-heatmap',
  ])
    await expectChartDrawn(page, chart);
  const segmentRows = screen.getByTestId('segment-value-table').locator('tbody tr');
  await expect(segmentRows).toHaveCount(
    await page.getByTestId('segment-table').locator('tbody tr').count(),
  );
  await expect(screen.getByText('What the numbers mean')).toBeVisible();
  await screenshotBoth(page, '40-value');
  await noWiderThanPhone(page);

  // A shorter horizon: the total value falls, and the table heading follows.
  const total = async () =>
    Number(
      (await screen.getByTestId('value-kpis').locator('.kpi-value').first().textContent())!.replace(
        /\D/g,
        '',
      ),
    );
  const twelve = await total();
  await screen.getByTestId('clv-months').fill('3');
  await expect(screen.getByTestId('value-kpis')).toContainText('next 3 months');
  expect(await total()).toBeLessThan(twelve);

  // Nobody in the sample is below a 50% chance of still buying; at 99% some valuable ones are.
  await screen.getByTestId('at-risk-below').fill('99');
  await expect(screen.getByTestId('slipping-count')).not.toHaveText(/^0/);
  const slipping = Number(
    (await screen.getByTestId('slipping-count').textContent())!.replace(/\D/g, ''),
  );
  const download = page.waitForEvent('download');
  await screen.getByTestId('export-slipping').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('online-retail-sample-valuable-but-slipping.csv');
  const csv = parseCsv(readFileSync((await file.path())!, 'utf8'));
  expect(csv.header.slice(-4)).toEqual([
    'p_alive',
    'expected_purchases_90d',
    'expected_avg_spend',
    'clv_3m',
  ]);
  expect(csv.rows).toHaveLength(slipping);
  const values = csv.rows.map((row) => Number(row.at(-1)));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  expect(csv.rows.every((row) => Number(row.at(-4)) < 0.99)).toBe(true);

  // The customer table: value columns, sorted by value, and the same filter.
  await page.getByTestId('nav-customers').click();
  const table = shownScreen(page).getByTestId('customer-table');
  await table.getByRole('button', { name: /^Value/ }).click();
  await expect(table.locator('thead th').nth(9)).toHaveAttribute('aria-sort', 'descending');
  const firstRow = table.locator('tbody tr').first();
  const cellValue = async (row: number) =>
    Number(
      (await table.locator('tbody tr').nth(row).locator('td').nth(9).textContent())!.replace(
        /,/g,
        '',
      ),
    );
  expect(await cellValue(0)).toBeGreaterThanOrEqual(await cellValue(1));
  await screenshotBoth(page, '41-customers-value');
  await noWiderThanPhone(page);
  await page.getByTestId('slipping-filter').check();
  await expect(shownScreen(page).locator('.match-count')).toContainText(`${slipping} of`);
  const again = page.waitForEvent('download');
  await page.getByTestId('export-slipping-customers').click();
  expect(parseCsv(readFileSync((await (await again).path())!, 'utf8')).rows).toHaveLength(slipping);

  // The profile says what the customer is worth.
  await firstRow.click();
  await expect(page.getByTestId('detail-clv')).toHaveText(/\d/);
  await expect(page.getByTestId('detail-p-alive')).toHaveText(/%/);

  // The segment table has the value columns too.
  await page.getByTestId('nav-segments').click();
  await expect(page.getByTestId('segment-table').locator('thead')).toContainText('Value, 3 mo');
});
