// `npx tsx bench/validation-parts.ts [FILE] [--k K]`: what the Validation screen computes, part by
// part, in the order the app asks for it (the first stability resamples, the quality report, the
// model comparison, the rest of stability), each timed in wall-clock and CPU time after the default
// analysis of the file. One thread (no k-means pool): the work of each part, not the app's overlap
// of them. Figures, not a pass/fail test.
import { parseArgs } from 'node:util';
import { fileSource } from '../src/node/file-source.ts';
import { analyze } from '../src/core/session/analyze.ts';
import { timed, timedAsync } from './timed.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { k: { type: 'string' } },
});
const file = positionals[0] ?? '../shared/data/online_retail.csv';

const { session, k } = await timedAsync('default analysis', () =>
  analyze(fileSource(file), opts.k ? { k: Number(opts.k) } : {}),
);
console.log(`${file}: ${session.current.points.count} customers, k = ${k}`);
await timedAsync('stability, first call (200 ms)', () => session.stability(k));
timed('quality report', () => session.quality({ k }));
timed('model comparison', () => session.comparison(k));
await timedAsync('stability, the rest', () => session.stability(k, Infinity));
