// `npx tsx bench/validation-parts.ts [FILE] [--k K]`: what the Validation screen computes, part by
// part, in the order the app asks for it (the first stability resamples, the quality report, the
// model comparison, the rest of stability), each timed in wall-clock and CPU time after the default
// analysis of the file. Figures, not a pass/fail test.
import { parseArgs } from 'node:util';
import { fileSource } from '../src/node/file-source.ts';
import { analyze } from '../src/core/session/analyze.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { k: { type: 'string' } },
});
const file = positionals[0] ?? '../shared/data/online_retail.csv';
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function timed<T>(label: string, run: () => T): T {
  const wall = performance.now();
  const busy = cpu();
  const result = run();
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  console.log(`${label.padEnd(34)} wall ${s(performance.now() - wall)}, CPU ${s(cpu() - busy)}`);
  return result;
}

const { session, k } = await timed('default analysis', () =>
  analyze(fileSource(file), opts.k ? { k: Number(opts.k) } : {}),
);
console.log(`${file}: ${session.current.points.count} customers, k = ${k}`);
timed('stability, first call (200 ms)', () => session.stability(k));
timed('quality report', () => session.quality({ k }));
timed('model comparison', () => session.comparison(k));
timed('stability, the rest', () => session.stability(k, Infinity));
