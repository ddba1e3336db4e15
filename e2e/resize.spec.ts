/**
 * A chart whose layout depends on the width (the customer map's legend goes below the plot on a
 * phone, above it on a wide screen) is laid out afresh when the window crosses that width, as
 * when a phone is turned: plotly's update had left the legend over the dots.
 */
import { expect, type Page, test } from '@playwright/test';
import { expectChartDrawn, SIZES } from './support.ts';

/** The map's legend box against its plot area, in page pixels. */
async function legendAndPlot(page: Page) {
  return page.getByTestId('segment-map').evaluate((chart) => {
    const legend = chart.querySelector('.legend')!.getBoundingClientRect();
    const plot = chart.querySelector('.nsewdrag')!.getBoundingClientRect();
    return {
      legendTop: legend.top,
      legendBottom: legend.bottom,
      plotTop: plot.top,
      plotBottom: plot.bottom,
    };
  });
}

test('the customer map keeps its legend clear of the dots when the window narrows and widens', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SIZES.desktop);
  await page.goto('./');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-segments').click();
  await expectChartDrawn(page, 'segment-map');
  const wide = await legendAndPlot(page);
  expect(wide.legendBottom).toBeLessThanOrEqual(wide.plotTop + 1);

  await page.setViewportSize(SIZES.phone);
  await expect
    .poll(async () => {
      const narrow = await legendAndPlot(page);
      return narrow.legendTop >= narrow.plotBottom - 1;
    })
    .toBe(true);

  await page.setViewportSize(SIZES.desktop);
  await expect
    .poll(async () => {
      const again = await legendAndPlot(page);
      return again.legendBottom <= again.plotTop + 1 && again.plotBottom - again.plotTop > 300;
    })
    .toBe(true);
  // And it stays there once plotly's own resize has run.
  await page.waitForTimeout(1500);
  const settled = await legendAndPlot(page);
  expect(settled.legendBottom).toBeLessThanOrEqual(settled.plotTop + 1);
});
