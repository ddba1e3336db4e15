/**
 * The platform fixtures (testing/platform-fixtures.ts, cut from fixed UCI customers) with nothing
 * chosen by hand: each is recognised as its platform, and the recognised columns give every
 * customer the same Recency, Frequency and Monetary, and the same cleaning counts, as the columns
 * the fixture names explicitly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareText } from '../testing/fixtures.ts';
import { loadPlatformFixtures } from '../testing/platform-files.ts';
import { explicitMapping, PLATFORMS, type PlatformName } from '../testing/platform-fixtures.ts';
import type { PlatformId } from './platforms.ts';

const RECOGNISED_AS: Record<PlatformName, PlatformId | null> = {
  shopify: 'shopify-orders',
  square: 'square-items',
  stripe: 'stripe-payments',
  prestashop: 'prestashop-orders',
  woocommerce: 'woocommerce-orders',
  etsy: 'etsy-order-items',
  // A German shop's own spreadsheet: no platform, the generic guess.
  german: null,
};

let fixtures: ReturnType<typeof loadPlatformFixtures>['fixtures'];
beforeAll(() => {
  fixtures = loadPlatformFixtures().fixtures;
}, 60_000);

type Prepared = Awaited<ReturnType<typeof prepareText>>;

const rfm = ({ groups: { table } }: Prepared) => ({
  ids: table.ids,
  recency: [...table.features.Recency],
  frequency: [...table.features.Frequency],
  monetary: [...table.features.Monetary],
});

/** The counts of each cleaning rule (which rules could apply differs: see PrestaShop below). */
const counts = ({ cleaned: { report } }: Prepared) => {
  const { rules_applied: _rules, ...rest } = report;
  return rest;
};

describe.each(PLATFORMS)('%s, with nothing chosen by hand', (platform) => {
  it('is recognised, and analysed as with the columns chosen', async () => {
    const fixture = fixtures[platform];
    const recognised = await prepareText(fixture.content, { name: fixture.fileName });
    const chosen = await prepareText(fixture.content, {
      name: fixture.fileName,
      mapping: explicitMapping(fixture),
    });
    expect(recognised.sniff.platform?.id ?? null).toBe(RECOGNISED_AS[platform]);
    expect(rfm(recognised)).toEqual(rfm(chosen));
    // PrestaShop's order is its Reference (letters), where the fixture names the numeric ID; both
    // tell the same orders apart, and neither is a UCI-style invoice number starting with C.
    expect(counts(recognised)).toEqual(counts(chosen));
  });
});
