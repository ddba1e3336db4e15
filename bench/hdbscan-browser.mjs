// HDBSCAN on about 20,000 customers in the browser, in the app's own HDBSCAN worker (issue 13:
// "20,000 customers in a few seconds in the worker"): the same points as bench/hdbscan.mjs
// (bench/hdbscan-points.mjs), min_cluster_size 30 and min_samples 15. Each run starts a fresh
// worker from the built app, as the page does for every fit, and times from handing it the points
// (transferred) to the fit arriving. Figures, not a test. Needs a build (`npm run build`, or
// `vite build --outDir DIR` and --dist DIR) and Debian's Chromium.
//   node bench/hdbscan-browser.mjs [--n 20000] [--runs 3] [--port 4203] [--dist dist]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startPreview } from './preview.mjs';
import { benchPoints } from './hdbscan-points.mjs';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    port: { type: 'string', default: '4203' },
    dist: { type: 'string', default: 'dist' },
  },
});
const worker = readdirSync(join(opts.dist, 'assets')).find((f) =>
  /^hdbscan\.worker-.*\.js$/.test(f),
);
if (!worker) throw new Error(`no HDBSCAN worker in ${opts.dist}/assets: build the app first`);
const { values, n, d } = benchPoints(Number(opts.n));

const server = await startPreview(opts.dist, opts.port);
const origin = `http://127.0.0.1:${opts.port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});
const times = [];
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  console.log(`${n} customers x ${d} features, min_cluster_size 30, min_samples 15, ${worker}`);
  for (let run = 0; run < Number(opts.runs); run++) {
    // One call in Comlink's message format (what the page's client sends), answered in kind.
    const result = await page.evaluate(
      async ({ url, list, count, dims }) => {
        const points = { count, dims, values: Float64Array.from(list) };
        const w = new Worker(url, { type: 'module', name: 'hdbscan' });
        const start = performance.now();
        const answer = await new Promise((resolve, reject) => {
          w.addEventListener('message', (event) => resolve(event.data));
          w.addEventListener('error', (event) => reject(new Error(event.message)));
          w.postMessage(
            {
              id: 'bench',
              type: 'APPLY',
              path: ['fit'],
              argumentList: [
                { type: 'RAW', value: points },
                { type: 'RAW', value: { minClusterSize: 30, minSamples: 15 } },
                { type: 'RAW', value: undefined },
              ],
            },
            [points.values.buffer],
          );
        });
        const ms = performance.now() - start;
        w.terminate();
        if (answer.type !== 'RAW') throw new Error(`the worker answered ${JSON.stringify(answer)}`);
        return { ms, clusters: answer.value.clusters, noise: answer.value.noise };
      },
      { url: `./assets/${worker}`, list: Array.from(values), count: n, dims: d },
    );
    times.push(result.ms);
    console.log(
      `run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, ` +
        `${result.clusters} groups, ${result.noise} noise`,
    );
  }
} finally {
  await browser.close();
  server.kill();
}
const sorted = [...times].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(
  `median ${(median / 1000).toFixed(2)} s (wall time in the worker, this machine's load)`,
);
