/**
 * "Your file is never uploaded", checked: during a full analysis of the UCI file (and every
 * screen, the customer export and the print charts), no request leaves the page's origin, and
 * the Content-Security-Policy is in force and never violated (so it does not break plotly or the
 * workers either).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  expectChartDrawn,
  FULL_FILE,
  openTab,
  parseCsv,
  referenceSummary,
  shownScreen,
} from './support.ts';

const summary = referenceSummary();

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

test('a full analysis sends nothing to another origin and breaks no CSP rule', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  // The page's own requests, and the workers' and the service worker's (context-wide).
  page.on('request', (request) => requests.push(request.url()));
  context.on('request', (request) => requests.push(request.url()));
  const cspMessages: string[] = [];
  context.on('console', (message) => {
    if (/content security policy/i.test(message.text())) cspMessages.push(message.text());
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });

  await page.goto('./');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  for (const directive of [
    "default-src 'self'",
    "connect-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
  ])
    expect(policy).toContain(directive);

  await page.getByTestId('file-input').setInputFiles(FULL_FILE);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(
    summary.customers.toLocaleString('en-US'),
    {
      timeout: 90_000,
    },
  );
  await openTab(page, 'k');
  await expectChartDrawn(page, 'elbow-chart');
  await expectChartDrawn(page, 'silhouette-chart');
  await page.getByTestId('nav-segments').click();
  await expectChartDrawn(page, 'segment-map', 2);
  await expect(shownScreen(page).locator('.js-plotly-plot')).toHaveCount(4, { timeout: 30_000 });
  await page.getByTestId('nav-cohorts').click();
  await expectChartDrawn(page, 'cohort-heatmap');
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-table').locator('tbody tr').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible();
  await page.getByTestId('nav-whatif').click();
  await page
    .getByTestId('whatif-form')
    .getByRole('button', { name: /segment/i })
    .click();
  await expect(page.getByTestId('whatif-segment')).not.toBeEmpty();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-customers-csv').click();
  const csv = parseCsv(readFileSync((await (await download).path())!, 'utf8'));
  expect(csv.rows).toHaveLength(summary.customers);

  // "Print report" draws the charts as images (data: and blob: URLs); the dialog is stubbed.
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: 'Print report' }).click();
  await expect(page.getByRole('button', { name: 'Print report' })).toBeEnabled({ timeout: 30_000 });
  const images = page.locator('.print-report img');
  await expect(images.first()).toBeAttached();
  for (const image of await images.all())
    expect(
      await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);

  await expect(page.getByTestId('error')).toHaveCount(0);
  const web = [...new Set(requests)].filter((url) => /^(https?|wss?):/i.test(url));
  for (const part of ['analysis.worker', 'kmeans.worker', 'plotly-bundle'])
    expect(
      web.some((url) => url.includes(part)),
      `${part} was requested`,
    ).toBe(true);
  expect(web.length).toBeGreaterThan(5);
  expect(
    web.filter((url) => new URL(url).origin !== origin),
    'requests to another origin',
  ).toEqual([]);
  expect(await page.evaluate(() => window.__cspViolations), 'CSP violations').toEqual([]);
  expect(cspMessages, 'CSP messages in the console').toEqual([]);

  // The policy is really enforced: a request to another site is refused by the browser.
  const outcome = await page.evaluate(() =>
    fetch('https://example.com/collect', { method: 'POST', body: 'x' }).then(
      () => 'sent',
      () => 'blocked',
    ),
  );
  expect(outcome).toBe('blocked');
  await expect
    .poll(() => page.evaluate(() => window.__cspViolations))
    .toEqual([expect.stringMatching(/^connect-src https:\/\/example\.com/)]);
});
