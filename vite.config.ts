/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import {
  isGl3dScene,
  isStackglModules,
  patchGl3d,
  placedSceneContainer,
} from './src/build/gl3d-patches.ts';

/**
 * The built page's Content-Security-Policy: nothing may be loaded from, or sent to, another
 * origin. Styles allow 'unsafe-inline' because plotly adds <style> rules and inline styles at run
 * time. Only the build gets it: the dev server's HMR client relies on inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'segment:csp',
    apply: 'build',
    // Right after <meta charset> and before every script, so the policy covers them all.
    transformIndexHtml(html) {
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html)) throw new Error('index.html: <meta charset> not found');
      return html.replace(
        charset,
        (tag) =>
          `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

/**
 * plotly's 3D charts read their hover buffer only when hovered, rest while off screen and make
 * their canvas at its final size (src/build/gl3d-patches.ts says why). A transform for the build,
 * and the same as a plugin of the dev server's dependency pre-bundling, where transforms do not
 * reach.
 */
const gl3dTransform = {
  name: 'segment:plotly-gl3d',
  transform(code: string, id: string) {
    if (isStackglModules(id)) return { code: patchGl3d(code), map: null };
    if (isGl3dScene(id)) return { code: placedSceneContainer(code), map: null };
    return null;
  },
};
const plotlyGl3d = (): Plugin => ({ ...gl3dTransform, apply: 'build' });

/**
 * Fails the build when a file in the output is missing from the service worker's precache
 * manifest: Workbox leaves out what its patterns miss, and the app would then break offline.
 * Source maps and the service worker's own files are the only files not needed offline.
 */
function precacheCheck(): Plugin {
  let config: ResolvedConfig;
  const notNeededOffline = (file: string) =>
    file.endsWith('.map') || /^(sw\.js|workbox-[\w-]+\.js)$/.test(file);
  // What an analysis needs, by name, so a renamed chunk cannot slip past the check unnoticed.
  const required = [
    /^index\.html$/,
    /^manifest\.webmanifest$/,
    /^assets\/index-[\w-]+\.js$/,
    /^assets\/index-[\w-]+\.css$/,
    /^assets\/analysis\.worker-[\w-]+\.js$/,
    /^assets\/kmeans\.worker-[\w-]+\.js$/,
    /^assets\/plotly-bundle-[\w-]+\.js$/,
    /^sample\/online-retail-sample\.csv$/,
    /^icons\/icon-512\.png$/,
  ];
  return {
    name: 'segment:precache-check',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // After vite-plugin-pwa has written sw.js in its own (sequential) closeBundle.
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) =>
            relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'),
          );
        const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
        const precached = new Set([...sw.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1]!));
        const problems = [
          ...files
            .filter((file) => !notNeededOffline(file) && !precached.has(file))
            .map((file) => `not precached: ${file}`),
          ...required
            .filter((pattern) => !files.some((file) => pattern.test(file) && precached.has(file)))
            .map((pattern) => `missing from the build or the precache: ${pattern}`),
        ];
        if (problems.length > 0)
          throw new Error(`The app would not work offline:\n  ${problems.join('\n  ')}`);
        config.logger.info(
          `precache check: all ${precached.size} files needed offline are precached`,
        );
      },
    },
  };
}

export default defineConfig({
  // Relative by default, so one build works from the root or any sub-path of a static host.
  base: process.env.BASE_PATH ?? './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      // Registered by src/app/pwa/ReloadPrompt.tsx (an inline script would break the CSP).
      injectRegister: false,
      // The icons are in globPatterns already.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Segment: private customer segmentation',
        short_name: 'Segment',
        description:
          'Customer segmentation (RFM and k-means) that runs entirely in your browser, offline too. Your sales file never leaves your device.',
        lang: 'en',
        theme_color: '#1f3a5f',
        background_color: '#f5f7fa',
        display: 'standalone',
        // Relative to the manifest, so the app installs from the root or from a sub-path.
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,csv,webmanifest}'],
        // The plotly chunk (1.7 MB) and the sample (5.3 MB) are over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // The first visit is controlled (and works offline) without a reload. An update still
        // waits for the user: skipWaiting stays off and the prompt asks.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
    precacheCheck(),
    plotlyGl3d(),
  ],
  optimizeDeps: { rolldownOptions: { plugins: [gl3dTransform] } },
  // plotly.js (and its gl3d dependencies) read Node's `global`, which browsers do not have.
  define: { global: 'globalThis' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, which on CI's two cores runs the test
    // files one at a time while the main process mostly waits: use both.
    maxWorkers: availableParallelism(),
  },
});
