/**
 * Shared pieces of the end-to-end tests: the reference results in ../shared, screenshots at the
 * two sizes we design for, and a check that a chart is drawn (not blank).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
export const shared = (...parts: string[]) => resolve(here, '..', '..', 'shared', ...parts);
export const FULL_FILE = shared('data', 'online_retail.csv');
export const SCREENSHOTS = join(here, 'screenshots');

export const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export interface ReferenceCustomer {
  id: string;
  values: Record<string, number>;
}

/** online_retail.customers.csv: plain, unquoted, one header line. */
export function referenceCustomers(): Map<string, Record<string, number>> {
  const [header, ...lines] = readFileSync(
    shared('reference', 'online_retail.customers.csv'),
    'utf8',
  )
    .trim()
    .split('\n');
  const names = header!.split(',');
  const out = new Map<string, Record<string, number>>();
  for (const line of lines) {
    const cells = line.split(',');
    out.set(cells[0]!, Object.fromEntries(names.slice(1).map((n, i) => [n, Number(cells[i + 1])])));
  }
  return out;
}

export function referenceSummary(): {
  cleaning: Record<string, number>;
  customers: number;
  feature_sums: Record<string, number>;
} {
  return JSON.parse(readFileSync(shared('reference', 'online_retail.summary.json'), 'utf8'));
}

/**
 * Waits for the overview of the full UCI file (or one that reads to it) and checks its customers,
 * revenue and kept rows against ../shared/reference.
 */
export async function expectReferenceOverview(page: Page, timeout: number): Promise<void> {
  const summary = referenceSummary();
  const fmt = (n: number) => n.toLocaleString('en-US');
  await expect(page.getByTestId('kpi-customers')).toHaveText(fmt(summary.customers), { timeout });
  await expect(page.getByTestId('kpi-revenue')).toContainText(
    fmt(Math.round(summary.feature_sums.Monetary!)),
  );
  await expect(page.getByTestId('cleaning-report')).toContainText(fmt(summary.cleaning.rows_kept!));
}

/**
 * Whether to save screenshots for people to look at. CI has no one to look at them and full-page
 * shots of WebGL charts under software rendering cost seconds each, so it skips them unless
 * E2E_SCREENSHOTS=1; the checks around them run either way.
 */
const TAKE_SCREENSHOTS = !process.env.CI || process.env.E2E_SCREENSHOTS === '1';

/** Saves a full-page screenshot of the current screen at both sizes, then restores the desktop size. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  if (!existsSync(SCREENSHOTS)) mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    // Plotly charts resize on window resize; give them a frame or two.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(SIZES.desktop);
  await page.waitForTimeout(200);
}

/** Number of distinct colours in an element's screenshot: a blank chart has one or two. */
export async function distinctColours(target: Locator): Promise<number> {
  const png = PNG.sync.read(await target.screenshot());
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4)
    colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  return colours.size;
}

/** The chart inside a test id has plotly traces and draws more than a background. */
export async function expectChartDrawn(page: Page, testId: string, minTraces = 1): Promise<void> {
  const container = page.getByTestId(testId);
  const graph = container.locator('.js-plotly-plot').first();
  await expect(graph).toBeVisible();
  await expect
    .poll(() => graph.evaluate((el) => ((el as unknown as { data?: unknown[] }).data ?? []).length))
    .toBeGreaterThanOrEqual(minTraces);
  await expect
    .poll(() => distinctColours(graph), { message: `${testId} is drawn` })
    .toBeGreaterThan(20);
}

/** Reads a downloaded CSV (no quoted fields with commas in our exports' numeric columns). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const split = (line: string) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return cells;
  };
  const [header, ...rows] = lines.map(split);
  return { header: header!, rows };
}

/**
 * The full file's rows repeated `times` times (written once to the temp folder): a file that
 * takes long enough to read that progress and Cancel can be watched.
 */
export function repeatedFullFile(times: number): string {
  const path = join(tmpdir(), `segment-e2e-online-retail-x${times}.csv`);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const text = readFileSync(FULL_FILE, 'utf8');
  const cut = text.indexOf('\n') + 1;
  const body = text.slice(cut).replace(/\n?$/, '\n');
  writeFileSync(path, text.slice(0, cut) + body.repeat(times));
  return path;
}

/**
 * Waits until the service worker has installed (its whole precache is stored) and controls the
 * page, reloading once if it does not control it yet.
 */
export async function waitForServiceWorker(
  page: Page,
): Promise<{ scope: string; scriptURL: string }> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    // clientsClaim usually hands the page over at once; a reload always does.
    await page.waitForTimeout(500);
    if (!(await controlled())) await page.reload();
  }
  await expect.poll(controlled, { message: 'the service worker controls the page' }).toBe(true);
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, scriptURL: navigator.serviceWorker.controller!.scriptURL };
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/**
 * The plainest static file server: files under `base`, index.html for a folder, 404 for anything
 * else (no rewrites, no SPA fallback), so a test shows the build needs nothing more from a host.
 */
export async function serveStatic(
  root: string,
  base = '/segment/',
): Promise<{ url: string; close: () => Promise<void> }> {
  const top = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(top, `.${sep}${path.slice(base.length)}`);
    const target = path.endsWith('/') ? join(file, 'index.html') : file;
    if (!path.startsWith(base) || (target !== top && !target.startsWith(top + sep))) {
      response.writeHead(404).end();
      return;
    }
    readFile(target).then(
      (body) =>
        response
          .writeHead(200, {
            'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
            'Cache-Control': 'no-cache',
          })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * The result screen on show. Screens opened before or drawn ahead stay in the page, hidden
 * (src/app/Screens.tsx), so counting charts must look inside this one.
 */
export function shownScreen(page: Page): Locator {
  return page.locator('section.screen:not(.screen-ahead)');
}

/**
 * How far the page is wider than the viewport (0 when it fits): the document's scroll width
 * against the window's inner width, which is what a phone user would have to scroll sideways.
 */
export async function widestOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth,
  );
}

/**
 * Opens a result tab; an advanced one (Choose k, Validation) first turns on the "Advanced"
 * switch when its tab is hidden, as the simple mode the app opens in hides them.
 */
export async function openTab(page: Page, view: string): Promise<void> {
  const tab = page.getByTestId(`nav-${view}`);
  if ((await tab.count()) === 0) await page.getByTestId('advanced-toggle').check();
  await tab.click();
}

/**
 * Shows the page at the phone's size and waits (up to 15 s) until nothing reaches past its right
 * edge. Plotly redraws a chart for a new width only once the resize has ended, later on a busy
 * machine, so one look after a fixed pause measures a desktop-width chart mid-resize; a layout
 * that stays too wide still fails, naming the elements that stick out.
 */
export async function expectFitsPhone(page: Page, name = 'the page'): Promise<void> {
  await page.setViewportSize(SIZES.phone);
  try {
    await expect.poll(() => widestOverflow(page), { timeout: 15_000 }).toBe(0);
  } catch (error) {
    const culprits = await overflowCulprits(page);
    throw new Error(`${name} is wider than a 390 px phone: ${culprits.join('; ')}`, {
      cause: error,
    });
  }
}

/** The outermost elements reaching past the viewport's right edge (for a failing overflow check). */
export async function overflowCulprits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' && p.getBoundingClientRect().right <= innerWidth + 1)
          return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter(
      (el) => el.getBoundingClientRect().right > innerWidth + 1 && !clipped(el),
    );
    return wide
      .filter((el) => !wide.includes(el.parentElement!))
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}] ${Math.round(el.getBoundingClientRect().right)}px`,
      );
  });
}

/** Starts the app's sample analysis and waits for its overview (the customer count). */
export async function openSample(page: Page): Promise<void> {
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
}

/** The saved record as the app wrote it, read without creating the database if it is absent. */
export function savedSession(page: Page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('segment')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('segment');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('sessions')) return null;
      const record = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('sessions').objectStore('sessions').get('last');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const session = record as
        | {
            version: number;
            fileName: string;
            settings: {
              k: number;
              segmentNames: Record<number, Record<number, string>>;
              periodComparison: { earlier: { label: string } } | null;
            };
          }
        | undefined;
      return session
        ? {
            version: session.version,
            fileName: session.fileName,
            k: session.settings.k,
            names: session.settings.segmentNames,
            /** The earlier period of the comparison kept with it, if any. */
            comparedWith: session.settings.periodComparison?.earlier.label ?? null,
          }
        : null;
    } finally {
      db.close();
    }
  });
}
