/**
 * Issue #11 end to end: save a model from the first half of the bundled sample, score the whole
 * sample with it (its segments, no Choose k), compare the two periods (the file cut at the same
 * date, then the first half as an earlier export), export the movers; the model and the
 * comparison survive a reload and "Forget my data" removes them. Screenshots of each new screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectChartDrawn, openTab, parseCsv, savedSession, screenshotBoth } from './support.ts';

const SAMPLE = join(import.meta.dirname, '..', 'public', 'sample', 'online-retail-sample.csv');
const CUT = '2011-06-05';

/** The sample's lines dated up to the cut (the date is the only ISO timestamp on a line). */
function firstHalf(): string {
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const kept = lines.filter((line) => {
    const date = /,(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}(:\d{2})?,/.exec(line)?.[1];
    return date !== undefined && date <= CUT;
  });
  const path = join(tmpdir(), 'segment-e2e-sample-first-half.csv');
  writeFileSync(path, [header, ...kept].join('\n') + '\n');
  return path;
}

test('save a model, score a later file with it, compare the periods, export the movers', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const earlierFile = firstHalf();
  await page.goto('./');

  // 1. The first half: segmented afresh, saved as a model.
  await page.getByTestId('file-input').setInputFiles(earlierFile);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('save-model')).toBeEnabled({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('save-model').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^segment-model-\d{4}-\d{2}-\d{2}\.json$/);
  const modelPath = join(tmpdir(), saved.suggestedFilename());
  await saved.saveAs(modelPath);
  const modelText = readFileSync(modelPath, 'utf8');
  const model = JSON.parse(modelText) as { format: string; segments: string[]; kind: string };
  expect(model.format).toBe('segment-model');
  expect(model.kind).toBe('kmeans');
  // No customer data: none of the file's customer ids (5-digit numbers) is in it.
  expect(modelText).not.toMatch(/"1\d{4}"/);

  // 2. Start over; a file that is not a model is refused and changes nothing.
  await page.getByRole('button', { name: 'Segment: start over' }).click();
  const notAModel = join(tmpdir(), 'segment-e2e-not-a-model.json');
  writeFileSync(notAModel, '{"name":"not a model"}');
  await page.getByTestId('model-input').setInputFiles(notAModel);
  await expect(page.getByTestId('error')).toContainText('not a saved segmentation model');
  await expect(page.getByTestId('model-chosen')).toHaveCount(0);
  await page.getByTestId('model-input').setInputFiles(modelPath);
  await expect(page.getByTestId('model-chosen')).toContainText(saved.suggestedFilename());
  await expect(page.getByTestId('error')).toHaveCount(0);
  await screenshotBoth(page, 'model-start');

  // 3. The whole sample, scored with the model: its names, no Choose k.
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await expect(page.getByTestId('model-chosen')).toBeVisible();
  await screenshotBoth(page, 'model-mapping');
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('model-banner')).toBeVisible({ timeout: 60_000 });
  // Not even with the Advanced switch on.
  await page.getByTestId('advanced-toggle').check();
  await expect(page.getByTestId('nav-k')).toHaveCount(0);
  await screenshotBoth(page, 'model-banner');
  await page.getByTestId('nav-segments').click();
  for (const [i, name] of model.segments.entries())
    await expect(page.getByRole('textbox', { name: `Name of segment ${i + 1}` })).toHaveValue(name);

  // Validation works on the scored labels.
  await openTab(page, 'validation');
  await expectChartDrawn(page, 'silhouette-plot');
  await expect(page.getByTestId('error')).toHaveCount(0);

  // 4. Compare: the sample cut at the same date.
  await page.getByTestId('nav-changes').click();
  const slider = page.getByTestId('cut-slider');
  const days = Math.round((Date.UTC(2011, 5, 5) - Date.UTC(2010, 11, 1)) / 86_400_000);
  await slider.fill(String(days));
  await expect(page.getByTestId('cut-date')).toHaveText(CUT);
  await page.getByTestId('compare-cut').click();
  const summary = page.getByTestId('changes-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText(/are now|is now|No customer moved/);
  await expect(summary).toContainText(/new customers?, worth/);
  await expectChartDrawn(page, 'migration-heatmap');
  await expectChartDrawn(page, 'migration-sankey');
  await screenshotBoth(page, 'model-changes');

  // The movers, exported like the customer export.
  const moversDownload = page.waitForEvent('download');
  await page.getByTestId('export-movers').click();
  const movers = parseCsv(readFileSync((await (await moversDownload).path())!, 'utf8'));
  expect(movers.header).toEqual(['CustomerID', 'from', 'to', 'earlier_revenue', 'later_revenue']);
  expect(movers.rows.length).toBeGreaterThan(0);
  for (const [, from, to] of movers.rows) {
    expect(model.segments.indexOf(to!)).toBeGreaterThan(model.segments.indexOf(from!));
  }

  // 5. The first half as an earlier export gives the same migration as the cut.
  const cutFlows = (await page.getByTestId('migration-flows').textContent())!;
  await page.getByLabel('Use an earlier export').check();
  await page.getByTestId('earlier-file-input').setInputFiles(earlierFile);
  await expect(
    page.getByRole('heading', { name: /^What changed from segment-e2e-sample-first-half\.csv/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('migration-flows')).toHaveText(cutFlows);
  await expect(page.getByTestId('error')).toHaveCount(0);

  // 6. A reload brings back the model and the comparison; Forget my data removes them.
  // Kept once the charts are drawn and two seconds have passed (longer on a slow machine).
  await expect
    .poll(async () => (await savedSession(page))?.comparedWith, { timeout: 30_000 })
    .toBe('segment-e2e-sample-first-half.csv');
  await page.reload();
  await expect(page.getByTestId('model-banner')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-changes').click();
  await expect(page.getByTestId('changes-summary')).toBeVisible();
  await page.getByTestId('forget-data').click();
  await page.getByTestId('forget-confirm').click();
  await expect(page.getByTestId('forget-status')).toContainText('Done');
  await expect(page.getByTestId('model-chosen')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('sample-button')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('model-banner')).toHaveCount(0);
  await expect(page.getByTestId('model-chosen')).toHaveCount(0);
});
