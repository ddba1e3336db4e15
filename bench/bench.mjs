// `npm run bench`: the CLI's whole analysis of a file (default: the full UCI Online Retail file),
// run as a separate process several times. Prints the median (and min/max) of the wall time, of
// each stage and of peak memory (max RSS). When Debian's pandas + scikit-learn are installed, the
// pandas pipeline doing the same work (bench/pandas.mjs) runs alternately with ours, one of each
// per round, and the ratios of the medians are printed: on a shared machine absolute times move
// with the load, ratios measured in the same run much less. Figures, not a pass/fail test.
//   npm run bench -- [FILE] [--runs N] [--no-pandas] [--python PATH] [--pandas-threads N]
import { CLI_NODE_FLAGS, cliArgs } from '../scripts/cli-node.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findPandas,
  firstTouchMsPerMiB,
  median,
  printPandas,
  runPandas,
  spread,
  timedSpawn,
} from './pandas.mjs';

const args = process.argv.slice(2);
const valued = new Set(['--runs', '--python', '--pandas-threads']);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const file =
  args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1])) ??
  '../shared/data/online_retail.csv';
const out = mkdtempSync(join(tmpdir(), 'segment-bench-'));
const pandas = findPandas(args);
if (!pandas.python) process.stderr.write(`pandas comparison skipped: ${pandas.why}\n`);
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

function runCli() {
  const { run, wall, cpu, pageFaults } = timedSpawn(
    process.execPath,
    cliArgs(file, '--out', out, '--quiet', '--timings', '--skip-validation'),
    { encoding: 'utf8' },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  return { wall, cpu, pageFaults, ...JSON.parse(run.stdout.trim().split('\n').pop()) };
}

const touchBefore = firstTouchMsPerMiB();
const ours = [];
const theirs = [];
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so neither always runs on the warmer (or busier) side of a round.
  const order = i % 2 === 0 || !pandas.python ? ['ours', 'pandas'] : ['pandas', 'ours'];
  for (const who of order) {
    if (who === 'ours') ours.push(runCli());
    else if (pandas.python) theirs.push(runPandas(pandas, file));
  }
  const last = ours[ours.length - 1];
  const them = theirs[theirs.length - 1];
  const cpu = (ms) => (Number.isFinite(ms) ? `, CPU ${ms.toFixed(0)} ms` : '');
  process.stderr.write(
    `round ${i + 1}/${runs}: ours ${last.wall.toFixed(0)} ms${cpu(last.cpu)}, ${last.peakRssMiB.toFixed(0)} MiB` +
      (them ? `; pandas ${them.total.toFixed(0)} ms after imports${cpu(them.cpu)}\n` : '\n'),
  );
}
rmSync(out, { recursive: true, force: true });
const touchAfter = firstTouchMsPerMiB();

console.log(
  `\n${file}: ${runs} runs of \`node ${CLI_NODE_FLAGS.join(' ')} dist-cli/analyze.cjs --skip-validation\` (default analysis: k = 2..10, 10 restarts, exact silhouette)`,
);
// The analysis bundle's V8 code cache (src/node/code-cache.ts), as every run found it.
const caches = [...new Set(ours.map((r) => r.codeCache))].join(', ');
console.log(
  `code cache: ${caches}${caches === 'used' ? '' : ' (expected "used": run npm run build:cli)'}`,
);
console.log('stage            median   (min .. max)');
for (const stage of Object.keys(ours[0].stages)) {
  const xs = ours.map((r) => r.stages[stage]);
  console.log(`  ${stage.padEnd(12)} ${fmt(median(xs))}   ${spread(xs)}`);
}
const walls = ours.map((r) => r.wall);
console.log(`  ${'whole process'.padEnd(12)} ${fmt(median(walls))}   ${spread(walls)}`);
const cpus = ours.map((r) => r.cpu);
if (cpus.every(Number.isFinite))
  console.log(
    `  ${'CPU time'.padEnd(12)} ${fmt(median(cpus))}   ${spread(cpus)}   (user + system, both threads)`,
  );
const faults = ours.map((r) => r.pageFaults);
if (faults.every(Number.isFinite))
  console.log(
    `  page faults  ${median(faults).toFixed(0).padStart(9)}      ${spread(faults)}   (minor)`,
  );
const rss = ours.map((r) => r.peakRssMiB);
console.log(
  `peak memory (max RSS): median ${median(rss).toFixed(0)} MiB, max ${Math.max(...rss).toFixed(0)} MiB`,
);

console.log(
  `first touch of new memory: ${touchBefore.toFixed(2)} ms per MiB before the rounds, ${touchAfter.toFixed(2)} after (it drifts on a shared VM; pandas touches more memory than ours, so it moves the ratios)`,
);
if (theirs.length > 0) {
  const pandasTotal = printPandas(theirs);
  const stageSum = (runsOf, names) =>
    median(runsOf.map((r) => names.reduce((s, n) => s + (r.stages[n] ?? 0), 0)));
  const ratio = (a, b) => (a / b).toFixed(2);
  console.log('\nratios, ours / pandas (medians of the same run):');
  console.log(
    `  whole analysis   ${ratio(median(walls), pandasTotal)}   (our whole process, start-up included, against pandas after its imports)`,
  );
  console.log(
    `                   ${ratio(median(walls), median(theirs.map((r) => r.wall)))}   (both whole processes)`,
  );
  // Lifetime value (BG/NBD + Gamma-Gamma) is part of our default analysis; the pandas pipeline
  // fits nothing like it, so the same work is our whole process without that stage.
  const sameWork = median(ours.map((r) => r.wall - (r.stages.clv ?? 0)));
  console.log(
    `                   ${ratio(sameWork, pandasTotal)}   (the same work: our whole process without the lifetime-value stage, against pandas after its imports)`,
  );
  if (cpus.every(Number.isFinite))
    console.log(
      `  CPU time         ${ratio(median(cpus), median(theirs.map((r) => r.cpu)))}   (whole processes: the work done, whatever share of a core each got)`,
    );
  console.log(
    `  read and parse   ${ratio(stageSum(ours, ['read', 'decode']), stageSum(theirs, ['read_parse']))}`,
  );
  console.log(
    `  k sweep + final  ${ratio(stageSum(ours, ['sweep', 'segments']), stageSum(theirs, ['sweep', 'final']))}`,
  );
  console.log(`  peak memory      ${ratio(median(rss), median(theirs.map((r) => r.peakMiB)))}`);
  if (faults.every(Number.isFinite))
    console.log(
      `  page faults      ${ratio(median(faults), median(theirs.map((r) => r.pageFaults)))}`,
    );
}
