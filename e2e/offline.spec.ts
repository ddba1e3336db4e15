/**
 * The promise to users who open the app once and then work on a laptop with no connection:
 * served from a sub-path, the service worker precaches everything, and with the network off the
 * sample analysis runs and every chart draws. Nothing may come from the network once offline.
 * And a new version is offered, never forced: the page does not reload by itself.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  expectChartDrawn,
  openSample,
  openTab,
  repeatedFullFile,
  SCREENSHOTS,
  serveStatic,
  waitForServiceWorker,
} from './support.ts';

test('offline from a sub-path: the sample analysis runs and every chart draws', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await page.goto('./');
  expect(new URL(page.url()).pathname).toBe('/segment/');
  await expect(page.getByTestId('sample-button')).toBeVisible();

  const worker = await waitForServiceWorker(page);
  expect(worker.scope).toBe(baseURL);
  expect(worker.scriptURL).toBe(`${baseURL}sw.js`);
  await expect(page.getByTestId('pwa-offline-ready')).toBeVisible();

  await context.setOffline(true);
  // Anything not precached would now fail; everything must come from the service worker.
  const failed: string[] = [];
  const fromNetwork: string[] = [];
  context.on('requestfailed', (request) =>
    failed.push(`${request.url()} ${request.failure()?.errorText}`),
  );
  context.on('response', (response) => {
    if (
      !response.fromServiceWorker() &&
      !response.request().serviceWorker() &&
      /^https?:/.test(response.url())
    )
      fromNetwork.push(response.url());
  });

  await page.reload();
  await expect(page.getByTestId('sample-button')).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await openSample(page);
  await openTab(page, 'k');
  await expectChartDrawn(page, 'elbow-chart');
  await expectChartDrawn(page, 'silhouette-chart');
  await page.getByTestId('nav-segments').click();
  await expectChartDrawn(page, 'segment-map', 2);
  await page.getByTestId('nav-cohorts').click();
  await expectChartDrawn(page, 'cohort-heatmap');
  await expect(page.getByTestId('error')).toHaveCount(0);

  expect(failed, 'requests that failed offline').toEqual([]);
  expect(fromNetwork, 'responses that did not come from the service worker').toEqual([]);
});

test('a new version waits for the user, and never interrupts an analysis', async ({ browser }) => {
  test.setTimeout(240_000);
  // A copy of the build on a plain static server, so the test can publish a "new version".
  const root = mkdtempSync(join(tmpdir(), 'segment-update-'));
  cpSync(process.env.E2E_DIST ?? 'dist', root, { recursive: true });
  const server = await serveStatic(root);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const notReloaded = () =>
      page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

    // A new version is published while the page is open: it is offered, not forced.
    appendFileSync(join(root, 'sw.js'), '\n// a new version\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.ready).update();
    });
    await expect(page.getByTestId('pwa-update')).toContainText('A new version is available');
    await expect(page.getByTestId('pwa-reload')).toBeEnabled();

    // While an analysis runs, Reload waits, and nothing reloads the page by itself.
    await page.getByTestId('file-input').setInputFiles(repeatedFullFile(4));
    await page.getByTestId('mapping-confirm').click();
    await expect(page.getByTestId('progress')).toBeVisible();
    await expect(page.getByTestId('pwa-reload')).toBeDisabled();
    await expect(page.getByTestId('pwa-update-busy')).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOTS, '21-update-while-running-desktop.png') });
    await page.waitForTimeout(2000);
    expect(await notReloaded(), 'the page reloaded by itself').toBe(true);

    // Once the analysis (clustering included) has finished, the user may reload.
    await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('pwa-reload')).toBeEnabled({ timeout: 60_000 });
    expect(await notReloaded()).toBe(true);
    await Promise.all([page.waitForEvent('load'), page.getByTestId('pwa-reload').click()]);
    // The new version is in charge, and the analysis came back from this browser's storage.
    await expect(page.getByTestId('restored-note')).toContainText(
      'segment-e2e-online-retail-x4.csv',
    );
    expect(await notReloaded()).toBe(false);
    await expect(page.getByTestId('pwa-update')).toHaveCount(0);
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting);
    expect(waiting).toBeNull();
  } finally {
    await context.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
