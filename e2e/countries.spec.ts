/**
 * Customers by country: the tab appears only for files with a country column, the world map is
 * drawn from the app's own outline with no request to any other origin (plotly would fetch it
 * from its CDN), country names as files write them are matched, and the rest are listed.
 */
import { expect, type Page, test } from '@playwright/test';
import { internationalFile } from './international-file.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectChartDrawn, FULL_FILE, SCREENSHOTS, SIZES } from './support.ts';

/** Every request the page, its workers and the service worker make, from now on. */
function recordRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.context().on('request', (request) => requests.push(request.url()));
  return requests;
}

async function analyse(page: Page, path: string): Promise<void> {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('nav-countries')).toBeVisible({ timeout: 60_000 });
}

/**
 * Screenshots at both sizes once every chart has been redrawn to its card's width (plotly resizes
 * a moment after the window does, longer on a busy machine), checking on the phone that the page
 * never scrolls sideways.
 */
async function screenshotSettled(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            [
              ...document.querySelectorAll('section.screen:not(.screen-ahead) .js-plotly-plot'),
            ].every(
              (plot) =>
                (plot.querySelector('svg.main-svg')?.getBoundingClientRect().width ?? 0) <=
                plot.getBoundingClientRect().width + 1,
            ),
          ),
        { message: 'every chart fits its card' },
      )
      .toBe(true);
    await page.waitForTimeout(300);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `no sideways scrolling at ${label} size`).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(SIZES.desktop);
}

test('the UCI file: map drawn offline from our own outline, the rest listed', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const requests = recordRequests(page);
  await analyse(page, FULL_FILE);
  await page.getByTestId('nav-countries').click();
  await expectChartDrawn(page, 'country-map');
  await expectChartDrawn(page, 'country-mix', 4);

  const table = page.getByTestId('country-table');
  await expect(table.locator('tbody tr')).toHaveCount(37);
  // pandas (src/core/geo/fixtures/countries.pandas.json): 3,916 UK customers, EIRE third by revenue.
  await expect(table.locator('tbody tr').first()).toContainText('United Kingdom');
  await expect(table.locator('tbody tr').first()).toContainText('3,916');
  await expect(table.locator('tbody tr').nth(2)).toContainText('EIRE');

  const offMap = page.getByTestId('countries-off-map');
  for (const name of ['Channel Islands', 'European Community', 'Unspecified'])
    await expect(offMap).toContainText(name);
  await expect(offMap).toContainText(/Too small to show on this map:.*Singapore/);

  // The map's shaded countries include the UK and Ireland ("EIRE").
  const locations = await page
    .getByTestId('country-map')
    .locator('.js-plotly-plot')
    .evaluate((el) => (el as unknown as { data: { locations: string[] }[] }).data[0]!.locations);
  expect(locations).toEqual(expect.arrayContaining(['GBR', 'IRL', 'DEU', 'FRA', 'ZAF']));

  await screenshotSettled(page, 'countries-uci');

  const elsewhere = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
  expect(elsewhere, 'requests to other origins').toEqual([]);
  expect(
    requests.filter((url) => /topojson|world_110m|cdn\.plot\.ly/.test(url)),
    'no outline is fetched at all: it comes with the screen',
  ).toEqual([]);
});

test('native names, Greek and Cyrillic are matched; the tab is absent without countries', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await analyse(page, internationalFile());
  await page.getByTestId('nav-countries').click();
  await expectChartDrawn(page, 'country-map');
  const locations = await page
    .getByTestId('country-map')
    .locator('.js-plotly-plot')
    .evaluate((el) => (el as unknown as { data: { locations: string[] }[] }).data[0]!.locations);
  expect([...locations].sort()).toEqual(['AUT', 'DEU', 'FRA', 'GRC', 'IRL', 'POL', 'RUS']);
  await expect(page.getByTestId('countries-off-map')).toContainText('Channel Islands (6)');
  await expect(page.getByTestId('country-table')).toContainText('Ελλάδα');
  await expect(page.getByTestId('country-table')).toContainText('Россия');
  await screenshotSettled(page, 'countries-international');

  // The same file without its country column: no Countries tab.
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByTestId('file-input').setInputFiles({
    name: 'no-country.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'CustomerID,InvoiceDate,Amount\n' +
        Array.from(
          { length: 60 },
          (_, i) => `c${i % 20},2023-0${1 + (i % 9)}-1${i % 10} 10:00,${10 + ((i * 7) % 50)}`,
        ).join('\n'),
    ),
  });
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('nav-segments')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('nav-customers')).toBeVisible();
  await expect(page.getByTestId('nav-countries')).toHaveCount(0);
});
