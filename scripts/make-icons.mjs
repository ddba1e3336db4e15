// Renders the app icons in public/icons/ from public/favicon.svg with the Chromium the e2e tests
// use (no image library needed). The output is committed; run again after changing the favicon.
//   npm run icons        (CHROMIUM_PATH overrides /usr/bin/chromium)
//
// - icon-192.png, icon-512.png: the favicon as is (rounded corners, transparent outside).
// - icon-maskable-512.png: a full-bleed square in the favicon's colour, for launchers that cut
//   their own shape; the dots sit well inside the central safe circle (80% of the width).
// - apple-touch-icon.png (180): opaque, as iOS wants it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { PNG } from 'pngjs';

const svg = readFileSync('public/favicon.svg', 'utf8');
const square = svg.replace(/<rect([^>]*) rx="[\d.]+"/, '<rect$1');
if (square === svg) throw new Error('favicon.svg: expected a rounded <rect> background');

const icons = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: square },
  { file: 'apple-touch-icon.png', size: 180, svg: square },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  mkdirSync('public/icons', { recursive: true });
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const src = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
    await page.setContent(
      `<body style="margin:0;background:transparent"><img src="${src}" width="${icon.size}" height="${icon.size}" style="display:block"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const bytes = await page.screenshot({ omitBackground: true });
    const png = PNG.sync.read(bytes);
    if (png.width !== icon.size || png.height !== icon.size)
      throw new Error(`${icon.file}: rendered ${png.width}x${png.height}, not ${icon.size}`);
    writeFileSync(`public/icons/${icon.file}`, bytes);
    console.log(`public/icons/${icon.file} ${icon.size}x${icon.size} ${bytes.length} bytes`);
  }
} finally {
  await browser.close();
}
