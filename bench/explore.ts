// `npx tsx bench/explore.ts [FILE] [--k K]`: the Explore analysis of a file in Node (default: the
// full UCI Online Retail file, default features and k = 4): autoencoder training, the latent-vs-
// raw comparison and the customer map, each timed in wall-clock and this process' CPU time (the
// CPU time is the steadier figure on a shared machine). Figures, not a pass/fail test.
import { fileSource } from '../src/node/file-source.ts';
import { analyze } from '../src/core/session/analyze.ts';
import { DEFAULT_EXPLORE_SETTINGS } from '../src/core/latent/explore.ts';

const args = process.argv.slice(2);
const kAt = args.indexOf('--k');
const k = kAt >= 0 ? Number(args[kAt + 1]) : 4;
const file =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--k') ??
  '../shared/data/online_retail.csv';

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function timed<T>(label: string, run: () => T): T {
  const wall = performance.now();
  const busy = cpu();
  const result = run();
  const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
  console.log(`${label.padEnd(34)} wall ${ms(performance.now() - wall)}, CPU ${ms(cpu() - busy)}`);
  return result;
}

const { session } = await analyze(fileSource(file), { k });
const customers = session.current.points.count;
console.log(`${file}: ${customers} customers, features ${session.current.options.features}`);

const training = timed('autoencoder (2 latent, 200 passes)', () => {
  for (;;) {
    const step = session.exploreTraining(2, Infinity);
    if (step.result) return step.result;
  }
});
console.log(
  `  error ${training.reconstructionError.toFixed(4)}, PCA ${training.pcaError.toFixed(4)}, ` +
    `knowing nothing ${training.baselineError.toFixed(4)}`,
);
const comparison = timed('latent vs raw (4 fits + 10 resamples)', () => {
  for (;;) {
    const step = session.exploreComparison({ k }, DEFAULT_EXPLORE_SETTINGS, Infinity);
    if (step.result) return step.result;
  }
});
for (const line of comparison.summary) console.log(`  ${line}`);
const map = timed('customer map (UMAP, 200 epochs)', () => {
  for (;;) {
    const step = session.customerMap(Infinity);
    if (step.result) return step.result;
  }
});
console.log(`  ${map.customers.length} of ${map.total} customers on the map`);
