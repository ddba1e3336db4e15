/** The command line's options, its usage line and its `--help` text (analyze.ts reads them). */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_CLV_HORIZON } from '../core/clv/predict.ts';
import { DEFAULT_SEED } from '../core/random.ts';

export const USAGE =
  'usage: npm run analyze -- FILE [--k N] [--features rfm|ext|beh] [--transform none|log1p] [--scaling standard|robust] [--outliers keep|cap|exclude] [--seed S] [--out DIR] [--skip-validation] [--hdbscan M[,S]] [--clv-months N] [--discount D] [--calibration-end YYYY-MM-DD] [--until YYYY-MM-DD] [--save-model PATH] [--model PATH [--compare EARLIER_FILE]]';

/** The options `parse` accepts (each is in HELP; `--timings` is for the benchmark only). */
export const OPTIONS = {
  k: { type: 'string' },
  features: { type: 'string', default: 'rfm' },
  transform: { type: 'string', default: 'log1p' },
  scaling: { type: 'string', default: 'standard' },
  outliers: { type: 'string', default: 'keep' },
  // Leaves the validation block (stability, other models, audit...) out of summary.json.
  'skip-validation': { type: 'boolean', default: false },
  seed: { type: 'string', default: String(DEFAULT_SEED) },
  // HDBSCAN min_cluster_size[,min_samples]: writes hdbscan.csv.
  hdbscan: { type: 'string' },
  out: { type: 'string', default: 'out' },
  // Saved segmentation models (issue #11): write the run's, score with one, compare periods.
  'save-model': { type: 'string' },
  model: { type: 'string' },
  compare: { type: 'string' },
  until: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  // Lifetime value: horizon in months, monthly discount rate, calibration/holdout check date.
  'clv-months': { type: 'string', default: String(DEFAULT_CLV_HORIZON.months) },
  discount: { type: 'string', default: String(DEFAULT_CLV_HORIZON.monthlyDiscount) },
  'calibration-end': { type: 'string' },
  // For `npm run bench`: one JSON line on stdout with stage timings and peak memory.
  timings: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

/** `--help`: what the command does and each option, on stdout. */
export const HELP = `Segments the customers of a sales file (CSV, .csv.gz, Excel or OpenDocument), on this machine.
Writes DIR/customers.csv (one row per customer: features, segment, lifetime value) and
DIR/summary.json (the segments, the k sweep, validation, lifetime value).

${USAGE}

  --k N                  segments to make (default: the k the sweep suggests, 2 to 10)
  --features rfm|ext|beh recency, frequency, monetary (default); plus quantity and products; or
                         behaviour over time
  --transform none|log1p log1p (default) softens big spenders before scaling
  --scaling standard|robust
  --outliers keep|cap|exclude
  --seed S               random seed of the k-means starts (default ${DEFAULT_SEED})
  --out DIR              where the files go (default out)
  --skip-validation      leave the validation block (stability, other models) out: faster
  --hdbscan M[,S]        also DIR/hdbscan.csv: HDBSCAN with min_cluster_size M, min_samples S
  --clv-months N         lifetime value horizon, 1 to 120 months (default ${DEFAULT_CLV_HORIZON.months})
  --discount D           monthly discount rate of lifetime value (default ${DEFAULT_CLV_HORIZON.monthlyDiscount})
  --calibration-end DATE check lifetime value: fit up to DATE, compare with what came after
  --until DATE           only orders up to DATE (YYYY-MM-DD)
  --save-model PATH      save this segmentation, to score later files into the same segments
  --model PATH           score FILE into a saved model's segments
  --compare EARLIER_FILE with --model: who moved between segments since EARLIER_FILE
  --quiet                no progress on stderr
  --help                 this text
`;
