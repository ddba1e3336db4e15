// How the benchmarks run the CLI: with the Node flags of package.json's `analyze` script, so they
// measure the command users run (`npm run analyze -- FILE`), then the bundle and its arguments.
import { readFileSync } from 'node:fs';

const script = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts
  .analyze;
const match = /\bnode ((?:--\S+ )*)dist-cli\/analyze\.cjs\b/.exec(script);
if (!match)
  throw new Error(
    `bench/cli.mjs: package.json's analyze script should run "node [flags] dist-cli/analyze.cjs", not: ${script}`,
  );

/** Node's flags for the CLI, as `npm run analyze` passes them. */
export const CLI_NODE_FLAGS = match[1].split(' ').filter((flag) => flag !== '');

/** The arguments of `node` that run the bundled CLI with `args`. */
export const cliArgs = (...args) => [...CLI_NODE_FLAGS, 'dist-cli/analyze.cjs', ...args];
