/**
 * The Explore screen (issue 13) on the bundled sample: the autoencoder's loss curve and reading,
 * the learned summary against the raw features in words and numbers with a crosstab, and the
 * WebGL map of customers with hover text and other colourings; Stop and Continue; nothing wider
 * than a phone, no error, no blocked script (the map's WebGL trace must pass the page's CSP).
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { expectChartDrawn, SCREENSHOTS, screenshotBoth, SIZES } from './support.ts';

interface GraphTrace {
  type: string;
  name: string;
  text: string[];
}

test('explore: learned summary, groups side by side, a map of customers', async ({ page }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto('./');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-explore').click();

  await expectChartDrawn(page, 'explore-loss', 2);
  await expect(page.getByTestId('explore-latent-reading')).toContainText(
    /The 2-number summary keeps \d+(\.\d)?%/,
  );

  const summary = page.getByTestId('explore-summary');
  await expect(summary).toContainText('Looking for dense groups, the learned 2-number summary', {
    timeout: 120_000,
  });
  await expect(summary.locator('li')).toHaveCount(3);
  await expect(page.getByTestId('explore-groups-table').locator('tbody tr')).toHaveCount(4);
  await expectChartDrawn(page, 'explore-crosstab');

  await expectChartDrawn(page, 'explore-map', 2);
  const graph = page.getByTestId('explore-map').locator('.js-plotly-plot');
  const first = await graph.evaluate((el) =>
    (el as unknown as { data: GraphTrace[] }).data.map((t) => [t.type, t.text[0]]),
  );
  expect(first.every(([type]) => type === 'scattergl')).toBe(true);
  expect(first[0]![1]).toMatch(/^Customer \S+<br>.+<br>Last purchase .+ orders · .+ spent$/);

  await page.getByTestId('explore-map-colour').selectOption('0');
  await expect
    .poll(() =>
      graph.evaluate((el) =>
        (el as unknown as { data: GraphTrace[] }).data.map((t) => t.name).join(' | '),
      ),
    )
    .toMatch(/Learned group 1 \(\d+\)/);
  await screenshotBoth(page, 'explore');

  // Three numbers per customer: the runs start again; Stop holds them, Continue finishes them.
  await page.getByTestId('explore-latent-dims').selectOption('3');
  await page.getByTestId('explore-stop').click();
  await expect(page.getByTestId('explore-status')).toContainText('Stopped');
  await page.getByTestId('explore-continue').click();
  await expect(page.getByTestId('explore-latent-reading')).toContainText(
    'The 3-number summary keeps',
    { timeout: 120_000 },
  );
  await expect(summary).toContainText('the learned 3-number summary', { timeout: 120_000 });

  // Nothing wider than a phone once plotly has resized the charts (it waits for the resize to end).
  await page.setViewportSize(SIZES.phone);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 15_000 })
    .toBeLessThanOrEqual(SIZES.phone.width);
  // screenshotBoth's phone shot may catch the charts mid-resize on a busy machine: this one is
  // taken once they have settled (with three numbers per customer by now).
  await page.screenshot({ path: join(SCREENSHOTS, 'explore-phone.png'), fullPage: true });
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(problems, 'console errors (a CSP refusal would show here)').toEqual([]);
});
