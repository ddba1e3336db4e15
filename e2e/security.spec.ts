/**
 * Text from the file is never interpreted as HTML anywhere (issue 5), chart hover labels included.
 * Every text column (customer id, invoice, stock code, description, country) and two headers hold
 * `<img src=x onerror=alert(1)>` or a `<script>` variant; a segment is renamed to one too. Through
 * every screen: no dialog ever opens, no `img[src="x"]` and no inline script appear anywhere in the
 * DOM (plotly's hover layer included), the page's CSP never had to block anything, and the text is
 * shown literally.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { expectChartDrawn, openTab } from './support.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert("xss")</script>';
const CUSTOMERS = 48;

const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** 48 customers with varied orders; every text cell carries markup. */
function hostileCsv(): string {
  const header = [
    'InvoiceNo',
    'StockCode',
    'Description',
    'Quantity',
    'InvoiceDate',
    'UnitPrice',
    'CustomerID',
    'Country',
    IMG,
    SCRIPT,
  ];
  const rows = [header.map(cell).join(',')];
  let invoice = 0;
  for (let c = 0; c < CUSTOMERS; c++) {
    const id = c === 0 ? IMG : c % 3 === 1 ? `${SCRIPT} ${c}` : `${IMG} #${c}`;
    const orders = 1 + ((c * 5) % 7);
    for (let o = 0; o < orders; o++) {
      invoice++;
      const month = String(1 + ((c + 4 * o) % 12)).padStart(2, '0');
      const day = String(1 + ((c * 3 + o) % 28)).padStart(2, '0');
      rows.push(
        [
          `${IMG}-${invoice}`,
          o % 2 ? IMG : SCRIPT,
          `${IMG} mug, "large"`,
          String(1 + ((c * 7) % 11)),
          `2011-${month}-${day} 1${o % 10}:30:00`,
          (0.5 + ((c * c) % 50) * 1.75).toFixed(2),
          id,
          c % 2 ? IMG : SCRIPT,
          IMG,
          SCRIPT,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-e2e-security-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Nothing the file holds became markup: checked after every screen. */
async function expectNoInjection(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    imgX: document.querySelectorAll('img[src="x"]').length,
    anyForeignImg: [...document.querySelectorAll('img')].filter(
      (img) => !img.getAttribute('src')?.endsWith('favicon.svg'),
    ).length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    scriptWithAlert: [...document.querySelectorAll('script')].filter((s) =>
      (s.textContent ?? '').includes('alert'),
    ).length,
    onerrorAttributes: document.querySelectorAll('[onerror]').length,
    cspViolations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
  }));
  expect(found, where).toEqual({
    imgX: 0,
    anyForeignImg: 0,
    inlineScripts: 0,
    scriptWithAlert: 0,
    onerrorAttributes: 0,
    cspViolations: [],
  });
}

const hoverLabel = (page: Page) => page.locator('g.hovertext');

/** Moves the mouse to each point in turn until plotly shows a hover label; returns its text. */
async function hoverUntilLabel(
  page: Page,
  points: readonly { x: number; y: number }[],
): Promise<string | null> {
  for (const { x, y } of points) {
    await page.mouse.move(x, y);
    // 3D picking happens on the next frames.
    for (let wait = 0; wait < 3 && (await hoverLabel(page).count()) === 0; wait++)
      await page.waitForTimeout(40);
    if ((await hoverLabel(page).count()) > 0) {
      const text = await hoverLabel(page).first().textContent();
      await expectNoInjection(page, 'with a hover label shown');
      return text;
    }
  }
  return null;
}

/** A grid of points over an element. */
async function grid(target: Locator, steps: number): Promise<{ x: number; y: number }[]> {
  const box = (await target.boundingBox())!;
  const points = [];
  for (let i = 1; i < steps; i++)
    for (let j = 1; j < steps; j++)
      points.push({ x: box.x + (box.width * i) / steps, y: box.y + (box.height * j) / steps });
  return points;
}

/**
 * Where the 3D scatter's markers are drawn: pixels of the chart's screenshot in one of the traces'
 * colours (markers are a few pixels wide, so hovering a grid would mostly miss them).
 */
async function markerPixels(graph: Locator): Promise<{ x: number; y: number }[]> {
  const colours = await graph.evaluate((el) =>
    ((el as unknown as { data: { marker: { color: string } }[] }).data ?? []).map(
      (t) => t.marker.color,
    ),
  );
  const rgb = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const box = (await graph.boundingBox())!;
  const png = PNG.sync.read(await graph.screenshot());
  const scale = png.width / box.width;
  const found: { x: number; y: number }[] = [];
  for (let y = 0; y < png.height; y += 2)
    for (let x = 0; x < png.width; x += 2) {
      const at = (y * png.width + x) * 4;
      const pixel = [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
      if (rgb.some((c) => c.every((v, k) => Math.abs(v - pixel[k]!) < 12)))
        found.push({ x: box.x + x / scale, y: box.y + y / scale });
    }
  // Spread over the chart rather than the first rows of pixels only.
  return found.filter((_, i) => i % Math.max(1, Math.floor(found.length / 150)) === 0);
}

test('markup in every text column and header is shown as text, never run', async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective}: ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const file = join(dir, `${IMG.replace(/[<>/ =()]/g, '_')}.csv`);
  writeFileSync(file, hostileCsv());

  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(file);

  // Mapping: the hostile headers are offered as column names, as text.
  await expect(page.getByTestId('mapping-confirm')).toBeEnabled();
  await expect(page.locator('option', { hasText: IMG }).first()).toBeAttached();
  await expect(page.locator('option', { hasText: SCRIPT }).first()).toBeAttached();
  await expect(page.getByLabel('Sample values of Customer ID')).toContainText(IMG);
  await expectNoInjection(page, 'mapping');

  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(String(CUSTOMERS));
  await expectNoInjection(page, 'overview');

  await openTab(page, 'k');
  await expectChartDrawn(page, 'elbow-chart');
  await expectNoInjection(page, 'choose k');

  // Segments: rename one to markup too, then hover the map, the 3D scatter and the donut.
  await page.getByTestId('nav-segments').click();
  const name = page.getByTestId('segment-table').getByLabel('Name of segment 1');
  await name.fill(IMG);
  await name.press('Enter');
  await expect(name).toHaveValue(IMG);
  await expectChartDrawn(page, 'segment-map', 2);
  await expectNoInjection(page, 'segments');

  const map = page.getByTestId('segment-map');
  await map.scrollIntoViewIfNeeded();
  // The map's markers are SVG paths: hover the middle of a spread of them.
  const mapPoints = await map.locator('.scatterlayer .point').evaluateAll((points) =>
    points
      .filter((_, i) => i % Math.max(1, Math.floor(points.length / 40)) === 0)
      .map((point) => {
        const r = point.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
  );
  const mapLabel = await hoverUntilLabel(page, mapPoints);
  expect(mapLabel, 'a hover label appeared on the map').not.toBeNull();
  expect(mapLabel).toMatch(
    /Customer (<img src=x onerror=alert\(1\)>|<script>alert\("xss"\)<\/script>)/,
  );

  await page.getByTestId('scatter-view').click();
  await expectChartDrawn(page, 'scatter3d', 2);
  await expectNoInjection(page, 'segments in 3D');
  const scatter = page.getByTestId('scatter3d').locator('.js-plotly-plot').first();
  await scatter.scrollIntoViewIfNeeded();
  const scatterLabel = await hoverUntilLabel(page, await markerPixels(scatter));
  expect(scatterLabel, 'a hover label appeared on the 3D scatter').not.toBeNull();
  expect(scatterLabel).toMatch(
    /Customer (<img src=x onerror=alert\(1\)>|<script>alert\("xss"\)<\/script>)/,
  );

  const donut = page.getByRole('img', { name: /Donut chart/ });
  await donut.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await expect(hoverLabel(page)).toHaveCount(0);
  const donutLabel = await hoverUntilLabel(page, await grid(donut, 12));
  expect(donutLabel, 'a hover label appeared on the donut').not.toBeNull();
  expect(donutLabel).toMatch(/customers/);
  // The legend and hover show the renamed segment literally.
  await expect(
    page.locator('.js-plotly-plot .legendtext', { hasText: IMG }).first(),
  ).toBeAttached();
  await expectNoInjection(page, 'segments, after hovering');

  await page.getByTestId('nav-cohorts').click();
  await expectChartDrawn(page, 'cohort-heatmap');
  await expectNoInjection(page, 'cohorts');

  // Customers: the id is shown literally; search for markup; open a customer.
  await page.getByTestId('nav-customers').click();
  const table = page.getByTestId('customer-table');
  await expect(table).toContainText(IMG);
  await page.getByTestId('customer-search').fill('<script>');
  await expect(table.locator('tbody tr').first()).toContainText(SCRIPT);
  await page.getByTestId('customer-search').fill(IMG);
  await expect(table.locator('tbody tr').first()).toContainText(IMG);
  await table.locator('tbody tr').first().click();
  const detail = page.getByTestId('customer-detail');
  await expect(detail).toContainText(IMG);
  await expect(detail).toContainText(
    /<img src=x onerror=alert\(1\)>|<script>alert\("xss"\)<\/script>/,
  );
  await expectNoInjection(page, 'customers');

  await page.getByTestId('nav-whatif').click();
  const form = page.getByTestId('whatif-form');
  await form.getByLabel(/Recency/).fill('2');
  await form.getByLabel(/Frequency/).fill('30');
  await form.getByLabel(/Monetary/).fill('100000');
  await form.getByRole('button', { name: /segment/i }).click();
  await expect(page.getByTestId('whatif-segment')).toBeVisible();
  await expectNoInjection(page, 'what if');

  expect(dialogs).toEqual([]);
});
