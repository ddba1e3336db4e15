import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built app (`vite preview`) in Debian's Chromium: Playwright's own
 * browser download is not available here. CHROMIUM_PATH overrides the binary.
 *
 * The app is served under a sub-path (/segment/), as on a project page of a static host: the
 * default build uses relative URLs, so the same dist/ works there and at the root. E2E_PORT and
 * E2E_DIST (another build folder) let a second checkout run its tests alongside.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const basePath = '/segment/';
const outDir = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // Two browsers share CI's two cores for the specs that check what happens, not how fast. The
  // specs that time Cancel (control back within 1 s) are tagged @timed and run afterwards, one
  // at a time, on a quiet machine. (Layout checks wait for charts to finish resizing instead of
  // measuring after a fixed pause, so the load does not decide them.)
  workers: 2,
  projects: [
    { name: 'app', grepInvert: /@timed/ },
    { name: 'timed', grep: /@timed/, dependencies: ['app'], workers: 1 },
  ],
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // WebGL (the 3D scatter) without a GPU: software rendering.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    },
  },
  webServer: {
    // BASE_PATH here only tells `vite preview` where to serve dist/; it is not rebuilt.
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort${outDir}`,
    env: { BASE_PATH: basePath },
    url: `http://127.0.0.1:${port}${basePath}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
