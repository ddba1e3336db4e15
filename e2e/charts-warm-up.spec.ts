/**
 * The start screen readies the chart library while it waits for a file (src/charts/warm-up.ts):
 * one chart of each kind is drawn off screen and thrown away, without an error, leaving nothing
 * on the page; the analysis's charts are then drawn as ever.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectChartDrawn, openTab } from './support.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

test('the start screen warms the charts up off screen and leaves nothing behind', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('./');
  await expect(page.getByTestId('sample-button')).toBeVisible();
  const warmed = () =>
    page.evaluate(
      () =>
        (
          performance.getEntriesByName('segment: charts warmed up')[0] as
            PerformanceMark | undefined
        )?.detail as number | undefined,
    );
  // Five kinds (lines and markers, bars, a donut, a heatmap, a radar), each in an idle moment.
  await expect.poll(warmed, { timeout: 30_000 }).toBe(5);
  expect(await page.locator('.js-plotly-plot').count(), 'no warm-up chart is left').toBe(0);
  expect(await page.locator('body > div[aria-hidden="true"]').count()).toBe(0);

  await page
    .getByTestId('file-input')
    .setInputFiles(join(here, '..', 'public', 'sample', 'online-retail-sample.csv'));
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await openTab(page, 'cohorts');
  await expectChartDrawn(page, 'cohort-heatmap');
  expect(errors).toEqual([]);
});
