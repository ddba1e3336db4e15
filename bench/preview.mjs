// The built app served by `vite preview` for the browser benchmarks (bench/browser.mjs,
// bench/hdbscan-browser.mjs, bench/validation-browser.mjs), the browser, and waiting for a chart to
// be drawn.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Starts `vite preview` of `dist` on 127.0.0.1:`port` and resolves once it answers (seconds on a
 * busy machine, at most a minute). Node runs vite directly (not through npx), so that killing the
 * returned process stops the server.
 */
export async function startPreview(dist, port) {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      '--outDir',
      dist,
    ],
    { stdio: 'ignore' },
  );
  for (let waited = 0; ; waited += 250) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    if (waited > 60_000) {
      server.kill();
      throw new Error(`vite preview did not answer on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until the plotly chart inside the element with this test id has data and a layout
 * (drawn), checked every frame.
 */
export function chartDrawn(page, testId, timeout = 120_000) {
  return page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"] .js-plotly-plot`);
      return !!el && (el.data?.length ?? 0) > 0 && !!el._fullLayout;
    },
    testId,
    { timeout, polling: 'raf' },
  );
}

/**
 * A browser benchmark's command line: `option(name, fallback)` reads `--name value`, and `file` is
 * the first argument that is neither an option nor the value of one of `valued` (the options that
 * take a value), or the UCI file.
 */
export function benchArgs(valued) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const file =
    args.find((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1]?.slice(2))) ??
    '../shared/data/online_retail.csv';
  return { args, option, file };
}

/**
 * Debian's Chromium (or CHROMIUM_PATH), headless, with software WebGL as the app's users without a
 * GPU have it. `jsFlags` go to V8 (`--js-flags`).
 */
export function launchChromium({ jsFlags } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      ...(jsFlags ? [`--js-flags=${jsFlags}`] : []),
    ],
  });
}

/**
 * A process's or thread's `/proc/.../stat` (Linux): its name, parent and CPU time so far (user +
 * system, ms; the kernel counts clock ticks of 10 ms). Throws if it has ended.
 */
export function procStat(path) {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    parent: Number(fields[1]),
    ms: (Number(fields[11]) + Number(fields[12])) * 10,
  };
}
