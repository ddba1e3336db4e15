/**
 * Charts whose layout depends on the width (the customer map's legend goes below the plot on a
 * phone and above it on a wide screen; the countries' legend takes more rows on a phone) are laid
 * out afresh when the window crosses that width, as when a phone is turned: plotly's update had
 * left each legend over the data (src/charts/Plot.tsx).
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectChartDrawn, openSample, SIZES } from './support.ts';

/** A chart's legend box against its plot area, in page pixels. */
async function legendAndPlot(chart: Locator) {
  return chart.evaluate((element) => {
    const legend = element.querySelector('.legend')!.getBoundingClientRect();
    const plot = element.querySelector('.nsewdrag')!.getBoundingClientRect();
    return {
      legendTop: legend.top,
      legendBottom: legend.bottom,
      plotTop: plot.top,
      plotBottom: plot.bottom,
    };
  });
}

const legendAbove = async (chart: Locator) => {
  const at = await legendAndPlot(chart);
  return at.legendBottom <= at.plotTop + 1;
};

/** Narrows the window to a phone, checks `onPhone`, widens it again: the legend above the plot. */
async function narrowAndWiden(page: Page, chart: Locator, onPhone: () => Promise<boolean>) {
  expect(await legendAbove(chart)).toBe(true);
  await page.setViewportSize(SIZES.phone);
  await expect.poll(onPhone).toBe(true);
  await page.setViewportSize(SIZES.desktop);
  await expect.poll(() => legendAbove(chart)).toBe(true);
  // And it stays there once plotly's own resize has run.
  await page.waitForTimeout(1500);
  expect(await legendAbove(chart)).toBe(true);
}

test('legends stay clear of the data when the window narrows and widens', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(SIZES.desktop);
  await page.goto('./');
  await openSample(page);

  await page.getByTestId('nav-segments').click();
  await expectChartDrawn(page, 'segment-map');
  const map = page.getByTestId('segment-map');
  // On a phone the map's legend is below the plot.
  await narrowAndWiden(page, map, async () => {
    const at = await legendAndPlot(map);
    return at.legendTop >= at.plotBottom - 1;
  });

  await page.getByTestId('nav-countries').click();
  await expectChartDrawn(page, 'country-mix');
  const bars = page.getByTestId('country-mix');
  // On a phone the countries' legend is above the bars still, in more rows.
  await narrowAndWiden(page, bars, () => legendAbove(bars));
});
