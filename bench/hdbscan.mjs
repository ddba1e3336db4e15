// HDBSCAN on about 20,000 customers in Node (issue 13: "20,000 customers in a few seconds"):
// min_cluster_size 30, min_samples 15 on the five standard-scaled features (bench/hdbscan-points.mjs).
// Prints each run's wall and CPU time with the time of each phase, then the medians.
// With --base COMMIT the engine of that commit runs too, alternating with the working tree's in
// one process (timings drift on a shared machine; alternating keeps the comparison fair), and the
// two must give the same labels, strengths and outlier scores.
//   node bench/hdbscan.mjs [--n 20000] [--runs 5] [--base COMMIT] [--min-cluster-size 30] [--min-samples 15]
// Profile: node --cpu-prof --cpu-prof-dir=out/prof bench/hdbscan.mjs --runs 1
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { benchPoints } from './hdbscan-points.mjs';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    base: { type: 'string' },
    'min-cluster-size': { type: 'string', default: '30' },
    'min-samples': { type: 'string', default: '15' },
  },
});
const settings = {
  minClusterSize: Number(opts['min-cluster-size']),
  minSamples: Number(opts['min-samples']),
};
const root = resolve(new URL('..', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'segment-hdbscan-bench-'));

/** The engine of one source tree, bundled in memory-free esm for this process. */
async function engine(dir, name) {
  const outfile = join(work, `${name}.mjs`);
  await build({
    entryPoints: [join(dir, 'src/core/hdbscan/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(outfile).href)).hdbscan;
}

const variants = [];
if (opts.base) {
  const oldDir = join(work, 'old');
  execSync(`mkdir -p ${oldDir} && git -C ${root} archive ${opts.base} src | tar -x -C ${oldDir}`);
  variants.push({ name: `old (${opts.base})`, hdbscan: await engine(oldDir, 'old'), runs: [] });
}
variants.push({ name: 'working tree', hdbscan: await engine(root, 'new'), runs: [] });

const { values, n, d } = benchPoints(Number(opts.n));
console.log(
  `${n} customers x ${d} features, min_cluster_size ${settings.minClusterSize}, ` +
    `min_samples ${settings.minSamples}, ${opts.runs} run(s) each`,
);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function run(hdbscan) {
  const phases = {};
  const start = performance.now();
  const busy = cpuMs();
  const result = hdbscan(values, n, d, settings, (_fraction, phase) => {
    phases[phase] ??= performance.now() - start;
  });
  const wall = performance.now() - start;
  return {
    wall,
    cpu: cpuMs() - busy,
    // Each phase's share: from its first report to the next phase's.
    core: phases['spanning-tree'] - phases['core-distances'],
    tree: phases.hierarchy - phases['spanning-tree'],
    hierarchy: wall - phases.hierarchy,
    result,
  };
}

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
let first = null;
for (let r = 0; r < Number(opts.runs); r++) {
  for (const variant of variants) {
    const timing = run(variant.hdbscan);
    variant.runs.push(timing);
    const { result } = timing;
    console.log(
      `${variant.name.padEnd(22)} wall ${seconds(timing.wall)}, CPU ${seconds(timing.cpu)} ` +
        `(core distances ${seconds(timing.core)}, spanning tree ${seconds(timing.tree)}, ` +
        `hierarchy ${seconds(timing.hierarchy)}): ${result.clusters} groups, ${result.noise} noise`,
    );
    if (first === null) first = result;
    else if (
      !same(first.labels, result.labels) ||
      !same(first.strengths, result.strengths) ||
      !same(first.outlierScores, result.outlierScores)
    )
      throw new Error(`${variant.name} gives other labels, strengths or scores than the first run`);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
console.log('medians:');
for (const { name, runs } of variants) {
  const of = (key) => seconds(median(runs.map((t) => t[key])));
  console.log(
    `  ${name.padEnd(22)} wall ${of('wall')}, CPU ${of('cpu')} (core distances ${of('core')}, ` +
      `spanning tree ${of('tree')}, hierarchy ${of('hierarchy')})`,
  );
}
