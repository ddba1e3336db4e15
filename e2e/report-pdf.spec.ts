/**
 * "Download PDF": the report made on the device, on the bundled sample and on a small file whose
 * names are in several scripts. The bytes are checked here (a PDF, one or two A4 pages, its own
 * font covering every name); the PDFs are also kept in e2e/screenshots/ so that
 * `bash scripts/render-pdf.sh e2e/screenshots/report-*.pdf` renders them for a look.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { pdfMappedCharacters, pdfPageCount } from '../src/analyses/export/pdf/pdf-inspect.ts';
import { internationalFile } from './international-file.ts';
import { SCREENSHOTS } from './support.ts';

/** Scripts the page itself loaded (not the service worker's precache). */
function pageScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

async function downloadPdf(page: Page, keepAs: string): Promise<Uint8Array> {
  const download = page.waitForEvent('download');
  await page.getByTestId('download-pdf').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-segments-k\d+-report\.pdf$/);
  const bytes = new Uint8Array(readFileSync((await file.path())!));
  writeFileSync(join(SCREENSHOTS, keepAs), bytes);
  return bytes;
}

function expectPdf(bytes: Uint8Array, mustShow: readonly string[]): void {
  const text = Buffer.from(bytes).toString('latin1');
  expect(text.startsWith('%PDF-1.'), 'a PDF header').toBe(true);
  expect(text.trimEnd().endsWith('%%EOF'), 'a complete file').toBe(true);
  const pages = pdfPageCount(bytes);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  expect(text, 'our font is embedded').toContain('/FontFile2');
  expect(text, 'the charts are in it').toMatch(/\/Subtype \/Image/);
  const mapped = pdfMappedCharacters(bytes);
  for (const name of mustShow)
    for (const char of name.replace(/\s/g, '')) expect(mapped, `${name}: ${char}`).toContain(char);
}

test('the sample: a one- or two-page PDF, its code fetched only when asked for', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const scripts = pageScripts(page);
  await page.goto('./');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('nav-segments')).toBeEnabled({ timeout: 90_000 });
  await expect(page.getByTestId('download-pdf')).toBeEnabled({ timeout: 90_000 });
  expect(
    scripts.filter((s) => /report-pdf|jspdf/i.test(s)),
    'no PDF code before it is asked for',
  ).toEqual([]);

  const bytes = await downloadPdf(page, 'report-sample.pdf');
  expectPdf(bytes, ['Customer segments', 'Cleaning report', 'Champions']);
  expect(
    scripts.some((s) => /report-pdf/.test(s)),
    'the PDF code came on demand',
  ).toBe(true);
  expect(bytes.length).toBeLessThan(1_000_000);
});

test('names with accents, Greek and Cyrillic are in the PDF', async ({ page }) => {
  test.setTimeout(180_000);
  const path = internationalFile();
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('download-pdf')).toBeEnabled({ timeout: 90_000 });
  const bytes = await downloadPdf(page, 'report-international.pdf');
  expectPdf(bytes, ['Bäckerei', 'Łódź', 'Αθήνα', 'Ελλάδα', 'Россия', 'Österreich']);
});
