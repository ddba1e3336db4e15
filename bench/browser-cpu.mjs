// `node bench/browser-cpu.mjs [FILE] [--dist DIR] [--port P]`: where the browser's CPU goes during
// one analysis in headless Chromium with software rendering (as bench/browser.mjs runs it): the
// CPU time of every Chromium thread, from /proc (Linux), summed by process type and thread name,
// for each step from the click on "Analyse customers" to every chart drawn. SwiftShader's threads
// show up as gpu-process/Thread<00> and <01>, the analysis worker as renderer/DedicatedWorker,
// V8's garbage collection and compilation as renderer/ThreadPoolForeg. Needs `npm run build`.
import { readdirSync, readFileSync } from 'node:fs';
import { benchArgs, chartDrawn, launchChromium, procStat, startPreview } from './preview.mjs';

const { option, file } = benchArgs(['port', 'dist']);
const port = Number(option('port', '4211'));
const server = await startPreview(option('dist', 'dist'), port);

/** CPU time (ms) of every thread of every Chromium process now, by pid/tid. */
function threadTimes() {
  const out = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let command;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!command.includes('chrom')) continue;
    const type = command.match(/--type=([a-z-]+)/)?.[1] ?? 'browser';
    let tids;
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const { name, ms } = procStat(`/proc/${pid}/task/${tid}/stat`);
        out.set(`${pid}/${tid}`, { key: `${type}/${name.replace(/\d+$/, '')}`, ms });
      } catch {
        // ended meanwhile
      }
    }
  }
  return out;
}

let last = threadTimes();
let lastAt = performance.now();
/** Prints the CPU each kind of thread used since the previous step (30 ms or more). */
function step(label) {
  const now = threadTimes();
  const at = performance.now();
  const by = new Map();
  for (const [id, { key, ms }] of now)
    by.set(key, (by.get(key) ?? 0) + ms - (last.get(id)?.ms ?? 0));
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  const parts = [...by]
    .filter(([, ms]) => ms >= 30)
    .sort((a, b) => b[1] - a[1])
    .map(([key, ms]) => `${key} ${ms}`);
  console.log(
    `${label}: ${(at - lastAt).toFixed(0)} ms wall, ${total} ms CPU\n    ${parts.join(', ')}`,
  );
  last = now;
  lastAt = at;
}
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').waitFor();
  await pause(1000);
  step('page loaded, file sniffed');
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('kpi-customers').waitFor({ timeout: 120_000 });
  step('click -> overview shown');
  if ((await page.getByTestId('nav-k').count()) === 0)
    await page.getByTestId('advanced-toggle').check();
  await page.getByTestId('nav-k').click();
  await chartDrawn(page, 'elbow-chart');
  await chartDrawn(page, 'silhouette-chart');
  step('-> Choose k charts drawn');
  await page.getByTestId('nav-segments').click();
  await chartDrawn(page, 'segment-map');
  step('-> Segments drawn (the 2D map)');
  await page.getByTestId('scatter-view').click();
  await chartDrawn(page, 'scatter3d');
  step('-> 3D scatter drawn, on request');
  await pause(3000);
  step('3 s more with the 3D scatter shown');
  await page.getByTestId('nav-cohorts').click();
  await chartDrawn(page, 'cohort-heatmap');
  step('-> cohort heatmap drawn');
  for (let i = 0; i < 2; i++) {
    await pause(2000);
    step('2 s idle');
  }
} finally {
  await browser.close();
  server.kill();
}
