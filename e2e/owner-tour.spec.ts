/**
 * Every screen and sub-tab on the bundled sample, at 1280 x 800 and at a 390 px phone width:
 * screenshots to look at, and nothing wider than the phone's viewport.
 */
import { expect, test } from '@playwright/test';
import {
  openSample,
  overflowCulprits,
  screenshotBoth,
  shownScreen,
  SIZES,
  widestOverflow,
} from './support.ts';

test('every screen fits a 390 px phone, and is photographed at both sizes', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('./');
  await openSample(page);
  await page.getByTestId('advanced-toggle').check();

  const tabs = await page
    .locator('[data-testid^="nav-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice(4)));
  // A moment for the screen to mount its charts, then until every one on it has drawn.
  const chartsSettled = async () => {
    await page.waitForTimeout(500);
    await expect(shownScreen(page).locator('.plot-frame[aria-busy="true"]')).toHaveCount(0, {
      timeout: 60_000,
    });
  };
  const overflow: Record<string, number> = {};
  const visit = async (name: string) => {
    await page.setViewportSize(SIZES.phone);
    // Charts redraw for the phone's width once the resize has ended: wait for that, not a pause.
    await expect
      .poll(() => widestOverflow(page), { timeout: 15_000 })
      .toBe(0)
      .catch(() => undefined);
    overflow[name] = await widestOverflow(page);
    if (overflow[name] > 0) console.log(name, JSON.stringify(await overflowCulprits(page)));
    await page.setViewportSize(SIZES.desktop);
    await screenshotBoth(page, `tour-${name}`);
  };
  for (const view of tabs) {
    await page.getByTestId(`nav-${view}`).click();
    await chartsSettled();
    if (view === 'validation') {
      for (const panel of ['quality', 'models', 'rfm', 'features']) {
        await page.getByTestId(`validation-tab-${panel}`).click();
        await page.waitForTimeout(1000);
        await chartsSettled();
        await visit(`validation-${panel}`);
      }
    } else await visit(view);
  }
  console.log('overflow', JSON.stringify(overflow));
  for (const [name, px] of Object.entries(overflow)) expect(px, `${name} at 390 px`).toBe(0);

  // At 1280 px every table shows its columns whole (none scrolls sideways in its card), but the
  // customer table's dozen figures a customer (a spreadsheet's view). Looked at once every
  // screen has loaded what it shows: the segment table's value columns come with the lifetime
  // value, which made it 21 px too wide.
  const tablesScrolling: Record<string, string[]> = {};
  for (const view of tabs.filter((t) => t !== 'customers')) {
    await page.getByTestId(`nav-${view}`).click();
    await chartsSettled();
    tablesScrolling[view] = await shownScreen(page)
      .locator('.table-scroll')
      .evaluateAll((tables) =>
        tables
          .filter((t) => t.scrollWidth > t.clientWidth + 1)
          .map((t) => `${t.scrollWidth - t.clientWidth} px too wide`),
      );
  }
  expect(tablesScrolling).toEqual(
    Object.fromEntries(Object.keys(tablesScrolling).map((v) => [v, []])),
  );
});
