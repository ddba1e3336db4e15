// `node bench/browser-profile.mjs [FILE] [--dist DIR] [--port P] [--out DIR] [--deopts]`:
// JavaScript CPU profiles of one analysis in headless Chromium (as bench/browser.mjs runs it),
// from the click on "Analyse customers" to the overview: of the page and of every worker, each
// written to OUT (default: a temp folder) as a .cpuprofile (Chrome DevTools' Performance panel or
// speedscope open it), with its top functions by self time printed. Build with
// `npx vite build --minify false --outDir DIR` for readable names.
// With --deopts V8 logs its deoptimizations (--log-deopt, one log per isolate in OUT), counted by
// source position and reason from the page's load to the overview: code deoptimized again and
// again is compiled again and again, on the core the analysis would otherwise have (kmeans.ts
// says what that once cost).
// The page is left idle for 3 s before the click, as a user choosing columns would.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, launchChromium, startPreview } from './preview.mjs';

const { args, option, file } = benchArgs(['port', 'out', 'dist']);
const port = Number(option('port', '4212'));
const out = option('out', undefined) ?? mkdtempSync(join(tmpdir(), 'segment-profile-'));
mkdirSync(out, { recursive: true });
const deopts = args.includes('--deopts');

/** Self time (ms) by function, from a V8 CPU profile. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...times].sort((a, b) => b[1] - a[1]);
}

const server = await startPreview(option('dist', 'dist'), port);
const browser = await launchChromium({
  jsFlags: deopts ? `--log-deopt --logfile=${join(out, 'v8.log')}` : undefined,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  // Workers are reached through the page's session (flatten: false): messages to each go
  // through Target.sendMessageToTarget and their answers come back as events.
  const workers = new Map();
  const answers = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) =>
    workers.set(sessionId, targetInfo),
  );
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { id, result } = JSON.parse(message);
    answers.get(id)?.(result);
    answers.delete(id);
  });
  const inWorker = (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });

  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('mapping-confirm').waitFor();
  await page.waitForTimeout(3000);

  const interval = { interval: 250 };
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', interval);
  await cdp.send('Profiler.start');
  for (const sessionId of workers.keys()) {
    await inWorker(sessionId, 'Profiler.enable');
    await inWorker(sessionId, 'Profiler.setSamplingInterval', interval);
    await inWorker(sessionId, 'Profiler.start');
  }
  await page.getByTestId('mapping-confirm').click();
  await page.getByTestId('kpi-customers').waitFor({ timeout: 120_000 });

  const profiles = [['page', (await cdp.send('Profiler.stop')).profile]];
  for (const [sessionId, info] of workers) {
    const { profile } = await inWorker(sessionId, 'Profiler.stop');
    profiles.push([`${info.type} ${info.url.split('/').pop()}`, profile]);
  }
  profiles.forEach(([name, profile], i) => {
    const path = join(out, `${i}-${name.split(' ')[0]}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    const times = selfTimes(profile);
    const busy = times.filter(([key]) => !key.startsWith('(idle)'));
    const total = busy.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`\n${name}: ${total.toFixed(0)} ms busy -> ${path}`);
    for (const [key, ms] of busy.slice(0, 15))
      console.log(`  ${ms.toFixed(0).padStart(6)}  ${key}`);
  });
} finally {
  await browser.close();
  server.kill();
}

if (deopts) {
  // code-deopt,<time>,<size>,<code>,<inlining>,<offset>,<bailout kind>,<<position>>,<reason>
  const counts = new Map();
  for (const log of readdirSync(out).filter((name) => name.endsWith('-v8.log')))
    for (const line of readFileSync(join(out, log), 'utf8').split('\n')) {
      if (!line.startsWith('code-deopt,')) continue;
      const fields = line.split(',');
      const key = `${fields[7]?.replace(/^<.*\//, '<')} ${fields.slice(8).join(',')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  console.log('\ndeoptimizations from the page load to the overview (position, reason):');
  for (const [key, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${String(n).padStart(5)}  ${key}`);
}
