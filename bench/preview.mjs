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
 * Waits until the plotly chart inside the element with this test id (or any of these) is drawn:
 * it has data and a layout, and its frame is no longer busy (`Plot` clears `aria-busy` once
 * `Plotly.react` has finished; data and layout alone come at its start, long before a 3D scene is
 * drawn), checked every frame. Resolves to the page's `performance.now()` at the first frame it was drawn: a
 * `performance.now()` asked for afterwards waits for whatever long task the page runs next.
 */
export async function chartDrawn(page, testId, timeout = 120_000) {
  const seen = await page.waitForFunction(
    (ids) => {
      const drawn = ids.some((id) => {
        const el = document.querySelector(`[data-testid="${id}"] .js-plotly-plot`);
        return (
          !!el &&
          (el.data?.length ?? 0) > 0 &&
          !!el._fullLayout &&
          el.closest('[aria-busy="true"]') === null
        );
      });
      return drawn && performance.now();
    },
    [testId].flat(),
    { timeout, polling: 'raf' },
  );
  return seen.jsonValue();
}

/**
 * Records, in the page, when each click was made (`window.benchClicks`, by the test id of the
 * element clicked or its nearest ancestor with one; the first click on each): the event's time
 * stamp, set as the input arrives, so the wait for its handler counts against the app (about
 * 10 ms on an idle page here); with `clickAsUser`, also a click made during a long task. Not
 * Playwright's own clock: under load its round trips before a click took up to 2 s, neither the
 * app's time nor the user's.
 */
export function recordClicks(page) {
  return page.evaluate(() => {
    window.benchClicks = {};
    document.addEventListener(
      'click',
      (event) => {
        const id = event.target.closest?.('[data-testid]')?.dataset.testid ?? '?';
        // When the input arrived (a trusted event's time stamp), not when its handler ran.
        window.benchClicks[id] ??= event.timeStamp > 0 ? event.timeStamp : performance.now();
      },
      { capture: true },
    );
  });
}

/**
 * Clicks the element with this test id as a user would: at its centre, the moment it is visible
 * and enabled, without Playwright's checks that the page answers first (so a click made while the
 * page is busy is stamped then, and the wait for its handler counts). Falls back to Playwright's
 * click if something else took the raw click.
 */
export async function clickAsUser(page, testId) {
  const target = page.getByTestId(testId);
  await target.waitFor();
  await page.waitForFunction(
    (id) => !document.querySelector(`[data-testid="${id}"]`)?.matches(':disabled'),
    testId,
    { polling: 'raf' },
  );
  const box = await target.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  if ((await clickedAt(page, testId)) === undefined) await target.click();
}

/** When the click on the element with this test id was made (`recordClicks`). */
export const clickedAt = (page, testId) => page.evaluate((id) => window.benchClicks[id], testId);

/** Waits for the element with this test id; resolves to the page's time at the first frame seen. */
export async function shownAt(page, testId, timeout = 120_000) {
  const seen = await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`) !== null && performance.now(),
    testId,
    { timeout, polling: 'raf' },
  );
  return seen.jsonValue();
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
