/**
 * The strip of result tabs (src/app/Nav.tsx), on the bundled sample: on a phone it scrolls
 * sideways and the open tab is always wholly in view, whether opened from either end of the strip
 * or brought there by the window narrowing; on a wide screen every tab fits and the strip never
 * scrolls.
 */
import { expect, type Page, test } from '@playwright/test';
import { openSample, SIZES } from './support.ts';

/** How far the open tab reaches out of the strip's visible box, in px (0 when wholly in view). */
async function openTabOutside(page: Page): Promise<number> {
  return page.locator('nav.tabs [role="tablist"]').evaluate((strip) => {
    const tab = strip.querySelector('[aria-selected="true"]');
    if (!tab) return Infinity;
    const box = strip.getBoundingClientRect();
    const own = tab.getBoundingClientRect();
    // A pixel's leeway: widths are fractional, and a tab at the strip's end can overhang by a part.
    return Math.max(0, box.left - own.left - 1, own.right - box.right - 1);
  });
}

/**
 * The open tab's distance from the nearer edge of the strip's box, in px; an edge the strip is
 * scrolled all the way to has no fading edge and counts as far.
 */
async function edgeClearance(page: Page): Promise<number> {
  return page.locator('nav.tabs [role="tablist"]').evaluate((strip) => {
    const tab = strip.querySelector('[aria-selected="true"]')!;
    const box = strip.getBoundingClientRect();
    const own = tab.getBoundingClientRect();
    const atStart = strip.scrollLeft <= 1;
    const atEnd = strip.scrollLeft + strip.clientWidth >= strip.scrollWidth - 1;
    return Math.min(
      atStart ? Infinity : own.left - box.left,
      atEnd ? Infinity : box.right - own.right,
    );
  });
}

const stripScroll = (page: Page) =>
  page.locator('nav.tabs [role="tablist"]').evaluate((strip) => ({
    left: strip.scrollLeft,
    overflow: strip.scrollWidth - strip.clientWidth,
  }));

test('the open tab is wholly in view on a phone, and the strip stays put on a wide screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SIZES.desktop);
  await page.goto('./');
  await openSample(page);
  await page.getByTestId('advanced-toggle').check();
  const views = await page
    .locator('nav.tabs [role="tab"]')
    .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')!));
  expect(views.length).toBeGreaterThanOrEqual(10);

  // Wide: all the tabs fit, so opening any of them scrolls nothing.
  for (const id of [views.at(-1)!, views[0]!]) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId(id)).toHaveAttribute('aria-selected', 'true');
    expect(await stripScroll(page)).toEqual({ left: 0, overflow: 0 });
  }

  // The last tab open while wide, then the window narrowed to a phone: the strip scrolls to it.
  await page.getByTestId(views.at(-1)!).click();
  await page.setViewportSize(SIZES.phone);
  await expect.poll(() => stripScroll(page).then((s) => s.overflow)).toBeGreaterThan(100);
  await expect.poll(() => openTabOutside(page)).toBe(0);
  expect((await stripScroll(page)).left).toBeGreaterThan(0);

  // On the phone, tabs tapped while cut in half by the strip's edge (a thumb scrolled it there),
  // from one end to the other and back: each is brought wholly into view, clear of the fading
  // edges (32 px, less a fraction) unless the strip is at its end.
  for (const id of [views[0]!, views[Math.floor(views.length / 2)]!, views.at(-2)!, views[1]!]) {
    await page.getByTestId(id).evaluate((tab) => {
      const strip = tab.closest('[role="tablist"]')!;
      const box = strip.getBoundingClientRect();
      const own = tab.getBoundingClientRect();
      const middle = own.left + own.width / 2 - box.left + strip.scrollLeft;
      // Its middle at the right edge, or at the left one when the strip cannot scroll that far.
      strip.scrollLeft = middle - strip.clientWidth;
      if (strip.scrollLeft === 0) strip.scrollLeft = middle;
    });
    expect(await openTabOutside(page), `${id} cut`).toBeGreaterThan(0);
    // A tap where it shows (Playwright's own click would scroll it into view first).
    await page.getByTestId(id).evaluate((tab) => (tab as HTMLElement).click());
    await expect(page.getByTestId(id)).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => openTabOutside(page), { message: id }).toBe(0);
    expect(await edgeClearance(page), id).toBeGreaterThanOrEqual(31);
  }
});
