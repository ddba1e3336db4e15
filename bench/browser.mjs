// `npm run bench:browser`: the app in headless Chromium (Debian's) on the full Online Retail file,
// several fresh page loads. Prints medians of: confirm (the click, as its event is stamped) -> overview
// shown, -> first chart (elbow) drawn, -> every chart drawn (each tab opened as soon as the previous
// chart is drawn), the CPU time of every Chromium process over that (Linux), and the worker's own
// stage times (User Timing detail). When Debian's pandas +
// scikit-learn are installed, the pandas pipeline doing the same work (bench/pandas.mjs) runs
// between the page loads, alternately, and the ratios of the medians are printed. Needs
// `npm run build` (or `vite build --outDir DIR` and --dist DIR).
//   npm run bench:browser -- [FILE] [--runs N] [--port P] [--dist DIR] [--no-pandas] [--python PATH] [--pandas-threads N] [--think MS] [--landing MS]
import { readdirSync } from 'node:fs';
import {
  benchArgs,
  chartDrawn,
  clickAsUser,
  clickedAt,
  launchChromium,
  procStat,
  recordClicks,
  shownAt,
  startPreview,
} from './preview.mjs';
import { findPandas, median, printPandas, runPandas } from './pandas.mjs';

const { args, option, file } = benchArgs([
  'runs',
  'port',
  'dist',
  'python',
  'pandas-threads',
  'think',
  'landing',
]);
const runs = Number(option('runs', '5'));
const port = Number(option('port', '4199'));
const dist = option('dist', 'dist');
const think = Number(option('think', '0'));
const landing = Number(option('landing', '0'));
const pandas = findPandas(args);
if (!pandas.python) process.stderr.write(`pandas comparison skipped: ${pandas.why}\n`);

const server = await startPreview(dist, port);

/**
 * CPU time (user + system, ms) so far of every live Chromium process (those descended from this
 * script, the preview server's left out), from /proc: on a machine busy with other work, wall
 * times measure the scheduler, CPU times the work. NaN where there is no /proc.
 */
function browserCpuMs() {
  const processes = new Map();
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const { parent, ms } = procStat(`/proc/${pid}/stat`);
        processes.set(Number(pid), { parent, ms });
      } catch {
        // ended meanwhile
      }
    }
  } catch {
    return NaN;
  }
  const ours = (pid) => {
    for (let at = pid; at > 1; at = processes.get(at)?.parent ?? 0) {
      if (at === server.pid) return false;
      if (processes.get(at)?.parent === process.pid) return true;
    }
    return false;
  };
  let total = 0;
  for (const [pid, { ms }] of processes) if (ours(pid)) total += ms;
  return total;
}

const browser = await launchChromium();
const results = [];
const theirs = [];
try {
  for (let run = 0; run < runs; run++) {
    // pandas before the page on odd rounds, after it on even ones (below).
    if (pandas.python && run % 2 === 1) theirs.push(runPandas(pandas, file));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    // A user finding the file on the start screen (`--landing MS`; 0, dropping it at once, unless
    // given): the page loads its chart code and readies its workers meanwhile.
    await page.waitForTimeout(landing);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('mapping-confirm').waitFor();
    // A user checking the columns before the click (`--think MS`; 0, clicking at once, unless given).
    await page.waitForTimeout(think);
    const drawn = (testId) => chartDrawn(page, testId);
    // Times are the page's own, from each click (its event's time stamp) to the frame that shows
    // the result.
    await recordClicks(page);
    const cpu0 = browserCpuMs();
    await clickAsUser(page, 'mapping-confirm');
    const overview = await shownAt(page, 'kpi-customers');
    const t0 = await clickedAt(page, 'mapping-confirm');
    // Choose k is an advanced tab: the simple mode the app opens in hides it behind the switch.
    if ((await page.getByTestId('nav-k').count()) === 0)
      await page.getByTestId('advanced-toggle').check();
    await clickAsUser(page, 'nav-k');
    const firstChart = await drawn('elbow-chart');
    await drawn('silhouette-chart');
    await clickAsUser(page, 'nav-segments');
    // The chart Segments opens with: the 2D map (the 3D scatter in builds from before it).
    const segmentsChart = await drawn(['segment-map', 'scatter3d']);
    await clickAsUser(page, 'nav-cohorts');
    const allCharts = await drawn('cohort-heatmap');
    const segmentsOpened = await clickedAt(page, 'nav-segments');
    const cohortsOpened = await clickedAt(page, 'nav-cohorts');
    const browserCpu = browserCpuMs() - cpu0;
    // Then the 3D scatter, asked for on Segments (not counted in every chart, which is what the
    // screens show when opened): from its button's click to drawn.
    let scatter3d = NaN;
    await page.getByTestId('nav-segments').click();
    if ((await page.getByTestId('scatter-view').count()) > 0) {
      await clickAsUser(page, 'scatter-view');
      const drawn3d = await drawn('scatter3d');
      scatter3d = drawn3d - (await clickedAt(page, 'scatter-view'));
    }
    const measures = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('measure')
          .map((m) => [m.name, { ms: m.duration, detail: m.detail }]),
      ),
    );
    const row = {
      overview: overview - t0,
      firstChart: firstChart - t0,
      allCharts: allCharts - t0,
      'browser CPU': browserCpu,
      'segments chart': segmentsChart - segmentsOpened,
      '3D on request': scatter3d,
      'cohort tab': allCharts - cohortsOpened,
      readAndClean: measures['segment: read and clean']?.ms ?? NaN,
      sweep: measures['segment: k sweep']?.ms ?? NaN,
      ...Object.fromEntries(
        Object.entries(measures['segment: read and clean']?.detail ?? {}).map(([k, v]) => [
          `worker ${k}`,
          v,
        ]),
      ),
    };
    results.push(row);
    const them = theirs[theirs.length - 1];
    process.stderr.write(
      `run ${run + 1}/${runs}: overview ${row.overview.toFixed(0)} ms, all charts ${row.allCharts.toFixed(0)} ms` +
        (them
          ? `; pandas so far: ${them.total.toFixed(0)} ms after imports, CPU ${them.cpu.toFixed(0)} ms\n`
          : '\n'),
    );
    await page.close();
    if (pandas.python && run % 2 === 0) theirs.push(runPandas(pandas, file));
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(
  `\n${file} in headless Chromium, ${runs} fresh page loads (times from clicking "Analyse"${landing ? `, the file dropped ${landing} ms after the page loaded` : ''}${think ? `, ${think} ms after the columns showed` : ''})`,
);
for (const key of Object.keys(results[0])) {
  const xs = results.map((r) => r[key]).filter((x) => Number.isFinite(x));
  console.log(
    `  ${key.padEnd(22)} ${median(xs).toFixed(0).padStart(6)} ms   (${Math.min(...xs).toFixed(0)} .. ${Math.max(...xs).toFixed(0)})`,
  );
}
if (theirs.length > 0) {
  const pandasTotal = printPandas(theirs);
  console.log('\nratios, ours / pandas after its imports (medians of the same run):');
  for (const key of ['overview', 'firstChart', 'allCharts']) {
    const ours = median(results.map((r) => r[key]));
    console.log(`  ${key.padEnd(22)} ${(ours / pandasTotal).toFixed(2)}`);
  }
  const cpus = [results.map((r) => r['browser CPU']), theirs.map((r) => r.cpu)];
  if (cpus.every((xs) => xs.every(Number.isFinite)))
    console.log(
      `CPU time, every Chromium process from the click to every chart drawn / pandas' whole process: ${(median(cpus[0]) / median(cpus[1])).toFixed(2)}`,
    );
}
