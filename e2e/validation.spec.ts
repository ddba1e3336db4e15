/**
 * The Validation screen (issue 6) on the full Online Retail file at k = 4 with the default
 * features (log1p + standard scaled RFM, the reference's rfm_log_standard): stability within the
 * reference's bootstrap spread, the silhouette the reference reports, the audit, the other models
 * with their charts, the RFM grid and outliers as the engine computes them from the reference
 * features, and another model's groups used as the segments everywhere.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { RF_GRID_SEGMENTS, gridSegments, rfmQuintiles } from '../src/core/validation/rfm-scores.ts';
import { flagOutliers } from '../src/core/validation/outliers.ts';
import { referenceVariantPoints } from '../src/core/validation/reference-points.testing.ts';
import {
  expectChartDrawn,
  FULL_FILE,
  openTab,
  referenceCustomers,
  screenshotBoth,
  shared,
} from './support.ts';

const summary = JSON.parse(
  readFileSync(shared('reference', 'online_retail.summary.json'), 'utf8'),
) as {
  customers: number;
  variants: Record<
    string,
    { bootstrap_ari_k4: { mean: number; std: number }; sweep: { k: number; silhouette: number }[] }
  >;
};
const variant = summary.variants.rfm_log_standard!;
const fmt = (n: number) => n.toLocaleString('en-US');
/** The first number in the element's text ("0.89 ± 0.07" is 0.89; "1,234" is 1234). */
const number = async (page: Page, selector: string) =>
  Number(
    /-?[\d,]*\.?\d+/
      .exec((await page.locator(selector).first().textContent())!)![0]
      .replace(/,/g, ''),
  );

test.describe.configure({ mode: 'serial' });

test('validation on the full file: stability, fit, audit, other models, RFM grid, outliers', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(FULL_FILE);
  await page.getByTestId('mapping-confirm').click();
  await expect(page.getByTestId('kpi-customers')).toHaveText(fmt(summary.customers), {
    timeout: 60_000,
  });
  await openTab(page, 'k');
  await expect(page.getByTestId('k-select')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('k-select').selectOption('4');
  await expect(page.getByTestId('elbow-chart')).toBeVisible();

  await openTab(page, 'validation');
  // Stability: the mean ARI over 30 resamples lands within the reference's spread.
  const stability = page.getByTestId('stability-summary');
  await expect(stability).toContainText('resamples', { timeout: 60_000 });
  const ari = await number(page, '[data-testid="stability-summary"] .kpi-value');
  const { mean, std } = variant.bootstrap_ari_k4;
  expect(Math.abs(ari - mean)).toBeLessThanOrEqual(std);
  await expect(stability).toContainText('highly stable');

  // Silhouette of k = 4: the reference's, to the three decimals shown.
  const silhouette = variant.sweep.find((p) => p.k === 4)!.silhouette;
  await expect(page.locator('[data-testid="silhouette-summary"] .kpi-value')).toHaveText(
    silhouette.toFixed(3),
  );
  await expectChartDrawn(page, 'silhouette-plot', 4);
  await expect(page.getByTestId('silhouette-table').locator('tbody tr')).toHaveCount(4);

  // The audit: k-means regions are linear, so a linear classifier finds them again.
  const accuracy = await number(page, '[data-testid="audit-accuracy"]');
  expect(accuracy).toBeGreaterThan(0.95);
  await expect(page.getByTestId('audit-report').locator('tbody tr')).toHaveCount(4);
  await expectChartDrawn(page, 'confusion-matrix');
  await screenshotBoth(page, '20-validation-quality');

  // Other models: five rows; k-means' silhouette is the sweep's.
  await page.getByTestId('validation-tab-models').click();
  const table = page.getByTestId('model-table');
  // Five once HDBSCAN's own worker is done (it starts when the screen opens).
  await expect(table.locator('tbody tr')).toHaveCount(5, { timeout: 60_000 });
  await expect(table.locator('tr[data-model="kmeans"] td').nth(4)).toHaveText(
    silhouette.toFixed(3),
  );
  await expectChartDrawn(page, 'model-crosstab');
  await expectChartDrawn(page, 'kdistance-chart');
  await expectChartDrawn(page, 'dendrogram');
  await screenshotBoth(page, '21-validation-models');

  // The Gaussian mixture's groups become the segments on every screen.
  const gmmSizes = (await table.locator('tr[data-model="gmm"] td').nth(3).textContent())!
    .split('·')
    .map((s) => Number(s.replace(/[^0-9]/g, '')));
  await page.getByTestId('use-model-gmm').check();
  await page.getByTestId('nav-segments').click();
  const rows = page.getByTestId('segment-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  // The table shows k-means' four segments until the mixture's arrive: wait for them.
  await expect
    .poll(async () =>
      (await rows.locator('td:nth-child(2)').allTextContents())
        .map((s) => Number(s.replace(/[^0-9]/g, '')))
        .sort((a, b) => b - a),
    )
    .toEqual(gmmSizes);
  await openTab(page, 'validation');
  await page.getByTestId('validation-tab-models').click();
  await page.getByTestId('use-model-kmeans').check();
  await expect(page.getByTestId('use-model-kmeans')).toBeChecked();

  // RFM scores: the grid segments' sizes are those of the engine on the reference features.
  await page.getByTestId('validation-tab-rfm').click();
  const reference = [...referenceCustomers().values()];
  const scores = rfmQuintiles(
    reference.map((c) => c.Recency!),
    reference.map((c) => c.Frequency!),
    reference.map((c) => c.Monetary!),
  );
  const sizes = new Array<number>(RF_GRID_SEGMENTS.length).fill(0);
  for (const g of gridSegments(scores)) sizes[g]!++;
  const ruleRows = page.getByTestId('rfm-rules').locator('tbody tr');
  await expect(ruleRows).toHaveCount(RF_GRID_SEGMENTS.length);
  for (let g = 0; g < RF_GRID_SEGMENTS.length; g++)
    await expect(ruleRows.nth(g).locator('td').nth(3)).toContainText(fmt(sizes[g]!));
  await expectChartDrawn(page, 'rfm-grid');
  await expectChartDrawn(page, 'rfm-crosstab');
  await screenshotBoth(page, '22-validation-rfm');

  // PCA and outliers; capping them re-clusters and the outliers stay counted.
  await page.getByTestId('validation-tab-features').click();
  await expectChartDrawn(page, 'pca-variance', 2);
  const outliers = page.getByTestId('outlier-report');
  await expect(outliers.locator('tbody tr')).toHaveCount(3);
  const flagged = flagOutliers(referenceVariantPoints('rfm_log_standard').points).count;
  await expect(outliers.locator('tfoot')).toContainText(`${fmt(flagged)} customers`);
  await expect(page.locator('[data-testid="outlier-summary"] .kpi-value')).toHaveText(fmt(flagged));
  await screenshotBoth(page, '23-validation-features');
  await page
    .getByTestId('outlier-handling')
    .getByLabel(/Cap their values/)
    .check();
  await expect(page.getByTestId('outlier-handling')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('outlier-handling').getByLabel(/Cap their values/)).toBeChecked();
  await openTab(page, 'k');
  await expect(page.getByRole('radio', { name: 'Cap at the fences' })).toBeChecked();

  // Five features: the 3D scatter can show the first three principal components.
  await page.getByRole('radio', { name: /RFM \+ total quantity/ }).check();
  await expect(page.getByTestId('k-select')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('scatter-view').click();
  await page.getByTestId('scatter-axes').selectOption('pca');
  await expect(page.getByRole('heading', { name: /principal components/ })).toBeVisible({
    timeout: 30_000,
  });
  await expectChartDrawn(page, 'scatter3d', 2);
  await screenshotBoth(page, '24-segments-pca');
});
