/**
 * What makes the app installable, as Lighthouse and Chromium check it: the page links a web
 * manifest with a name, a short name, a start URL inside its scope, standalone display, a theme
 * colour and PNG icons of 192 and 512 pixels (one maskable) that really are that size; and a
 * service worker controls the page. Served from a sub-path, so the relative URLs are tested too.
 */
import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { waitForServiceWorker } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

test('installable: manifest, icons and a service worker controlling the page', async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestURL = new URL(href!, page.url()).href;
  expect(manifestURL).toBe(`${baseURL}manifest.webmanifest`);

  const response = await request.get(manifestURL);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    name: 'Segment: private customer segmentation',
    short_name: 'Segment',
    display: 'standalone',
    theme_color: '#1f3a5f',
  });
  expect(manifest.description).toEqual(expect.any(String));
  expect(manifest.background_color).toEqual(expect.any(String));
  // Relative in the file; they must resolve to the sub-path the app is served from.
  const resolve = (url: string) => new URL(url, manifestURL).href;
  expect(resolve(manifest.start_url as string)).toBe(baseURL);
  expect(resolve(manifest.scope as string)).toBe(baseURL);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#1f3a5f');

  const icon = (size: number, purpose: string) =>
    manifest.icons.find(
      (i) =>
        i.sizes.split(' ').includes(`${size}x${size}`) &&
        (i.purpose ?? 'any').split(' ').includes(purpose),
    );
  const wanted = [icon(192, 'any'), icon(512, 'any'), icon(512, 'maskable')];
  expect(wanted.every(Boolean), 'icons 192, 512 and a maskable 512').toBe(true);
  for (const { src, sizes, type } of manifest.icons) {
    const image = await request.get(resolve(src));
    expect(image.ok(), src).toBe(true);
    expect(type).toBe('image/png');
    expect(image.headers()['content-type']).toContain('image/png');
    const png = PNG.sync.read(await image.body());
    expect(`${png.width}x${png.height}`, src).toBe(sizes);
  }

  // Controlled after a reload (and on the first visit already, thanks to clientsClaim).
  await waitForServiceWorker(page);
  await page.reload();
  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return {
      scope: registration.scope,
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
      state: navigator.serviceWorker.controller?.state ?? null,
    };
  });
  expect(worker).toEqual({ scope: baseURL, controller: `${baseURL}sw.js`, state: 'activated' });

  // Chromium's own verdict: the manifest parses and nothing stands in the way of installing.
  const cdp = await page.context().newCDPSession(page);
  const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[] };
  expect(errors).toEqual([]);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  // Playwright's browser contexts are off-the-record, where Chromium never offers to install.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

/** What the page records of its service worker registrations (below). */
interface RegistrationRecord {
  registered?: { screen: string; at: number }[];
  startShownAt?: number;
}

test('the offline copy is stored while the app is idle, never while a file is analysed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Which screen was showing each time the app asked to register its service worker, and when.
  // How soon the file lands after the page opens depends on the machine's load, so registering
  // on the start screen is allowed, once it has waited 20 s for a file (a user who came with one
  // has dropped it by then); on the mapping screen or during the run it is not.
  await page.addInitScript(() => {
    const record = window as unknown as RegistrationRecord;
    const shown = (id: string) => document.querySelector(`[data-testid="${id}"]`) !== null;
    new MutationObserver((_changes, observer) => {
      if (!shown('sample-button')) return;
      record.startShownAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      const screen = shown('mapping-confirm')
        ? 'mapping'
        : shown('progress')
          ? 'running'
          : shown('kpi-customers')
            ? 'results'
            : shown('sample-button')
              ? 'start'
              : 'other';
      (record.registered ??= []).push({ screen, at: performance.now() });
      return register.apply(this, args);
    };
  });
  const registered = () =>
    page.evaluate(() => {
      const record = window as unknown as RegistrationRecord;
      return (record.registered ?? []).map(({ screen, at }) => ({
        screen,
        afterStartShown: at - (record.startShownAt ?? NaN),
      }));
    });
  await page.goto('./');
  await page
    .getByTestId('file-input')
    .setInputFiles(join(here, '..', 'public', 'sample', 'online-retail-sample.csv'));
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  // The mapping screen is not idle: the user is about to start the analysis.
  const before = await registered();
  await page.waitForTimeout(4000);
  expect(await registered(), 'nothing registers while the columns are chosen').toEqual(before);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  // With the results shown and nothing running, the app registers and stores its offline copy.
  await expect.poll(async () => (await registered()).length, { timeout: 30_000 }).toBe(1);
  const [first] = await registered();
  const idle =
    first!.screen === 'results' || (first!.screen === 'start' && first!.afterStartShown >= 19_900);
  expect(idle, `registered on an idle screen: ${JSON.stringify(first)}`).toBe(true);
  await expect(page.getByTestId('pwa-offline-ready')).toBeVisible({ timeout: 30_000 });
});
