// `npm run bench`: the CLI's whole analysis of a file (default: the full UCI Online Retail file),
// run as a separate process several times. Prints the median (and min/max) of the wall time, of
// each stage and of peak memory (max RSS). Figures, not a pass/fail test.
//   npm run bench -- [FILE] [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const file =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ??
  '../shared/data/online_retail.csv';
const out = mkdtempSync(join(tmpdir(), 'segment-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

const walls = [];
const rss = [];
const stages = {};
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    ['dist-cli/analyze.mjs', file, '--out', out, '--quiet', '--timings', '--skip-validation'],
    {
      encoding: 'utf8',
    },
  );
  const wall = performance.now() - t0;
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  const report = JSON.parse(run.stdout.trim().split('\n').pop());
  walls.push(wall);
  rss.push(report.peakRssMiB);
  for (const [stage, ms] of Object.entries(report.stages)) (stages[stage] ??= []).push(ms);
  process.stderr.write(
    `run ${i + 1}/${runs}: ${wall.toFixed(0)} ms, ${report.peakRssMiB.toFixed(0)} MiB\n`,
  );
}
rmSync(out, { recursive: true, force: true });

console.log(
  `\n${file}: ${runs} runs of \`node dist-cli/analyze.mjs\` (default analysis: k = 2..10, 10 restarts, exact silhouette)`,
);
console.log('stage            median   (min .. max)');
for (const [stage, xs] of Object.entries(stages))
  console.log(
    `  ${stage.padEnd(12)} ${fmt(median(xs))}   (${Math.min(...xs).toFixed(0)} .. ${Math.max(...xs).toFixed(0)})`,
  );
console.log(
  `  ${'whole process'.padEnd(12)} ${fmt(median(walls))}   (${Math.min(...walls).toFixed(0)} .. ${Math.max(...walls).toFixed(0)})`,
);
console.log(
  `peak memory (max RSS): median ${median(rss).toFixed(0)} MiB, max ${Math.max(...rss).toFixed(0)} MiB`,
);
