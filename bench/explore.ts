// `npx tsx bench/explore.ts [FILE] [--k K] [--features rfm|ext|beh] [--transform none|log1p]
// [--scaling standard|robust] [--latent 2|3] [--no-map]`: the Explore analysis of a file in Node
// (default: the full UCI Online Retail file, default features and k = 4): autoencoder training,
// the latent-vs-raw comparison (every grouping's groups, sizes, noise share and stability) and the
// customer map, each timed in wall-clock and this process' CPU time (the CPU time is the steadier
// figure on a shared machine). Figures, not a pass/fail test.
import { parseArgs } from 'node:util';
import { fileSource } from '../src/node/file-source.ts';
import { analyze } from '../src/core/session/analyze.ts';
import { DEFAULT_EXPLORE_SETTINGS } from '../src/core/latent/explore.ts';
import type { FeatureSetName, Scaling, Transform } from '../src/core/types.ts';
import { timed, timedAsync } from './timed.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    k: { type: 'string', default: '4' },
    features: { type: 'string' },
    transform: { type: 'string' },
    scaling: { type: 'string' },
    latent: { type: 'string', default: '2' },
    'no-map': { type: 'boolean', default: false },
  },
});
const k = Number(opts.k);
const latentDims = Number(opts.latent);
const file = positionals[0] ?? '../shared/data/online_retail.csv';

const { session } = await analyze(fileSource(file), {
  k,
  ...(opts.features && { features: opts.features as FeatureSetName }),
  ...(opts.transform && { transform: opts.transform as Transform }),
  ...(opts.scaling && { scaling: opts.scaling as Scaling }),
});
const customers = session.current.points.count;
const { features, transform, scaling } = session.current.options;
console.log(`${file}: ${customers} customers, features ${features}, ${transform}, ${scaling}`);

const training = timed(`autoencoder (${latentDims} latent)`, () => {
  for (;;) {
    const step = session.exploreTraining(latentDims, Infinity);
    if (step.result) return step.result;
  }
});
console.log(
  `  error ${training.reconstructionError.toFixed(4)}, PCA ${training.pcaError.toFixed(4)}, ` +
    `knowing nothing ${training.baselineError.toFixed(4)}`,
);
const comparison = timed('latent vs raw (4 fits + 10 resamples)', () => {
  for (;;) {
    const settings = { ...DEFAULT_EXPLORE_SETTINGS, latentDims };
    const step = session.exploreComparison({ k }, settings, Infinity);
    if (step.result) return step.result;
  }
});
for (const line of comparison.summary) console.log(`  ${line}`);
for (const row of comparison.rows)
  console.log(
    `  ${row.space} ${row.model}: ${row.groups} groups (${row.sizes.slice(0, 8).join(', ')}${
      row.sizes.length > 8 ? ', ...' : ''
    }), noise ${row.noiseCount} (${(100 * row.noiseShare).toFixed(1)}%), stability ${JSON.stringify(
      row.stability,
    )}`,
  );
if (opts['no-map']) process.exit(0);
const map = await timedAsync('customer map (UMAP, 200 epochs)', async () => {
  for (;;) {
    const step = await session.customerMap(Infinity);
    if (step.result) return step.result;
  }
});
console.log(`  ${map.customers.length} of ${map.total} customers on the map`);
