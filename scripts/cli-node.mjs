// How the bundled CLI is run: the Node flags for this machine, and whether the bundle is up to date.
// `npm run analyze` (scripts/analyze.mjs), the build that makes the code cache
// (scripts/build-cli.mjs), the benchmarks and the bundle's test all take them from here, so the
// benchmarks measure what users run and the code cache is made under the flags it is used with.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/**
 * Node's flags for the CLI on a machine with `cores` logical cores.
 *
 * Always: V8's young generation capped at 2 MiB semi-spaces (it otherwise grew to 16 MiB just
 * when memory peaked), and garbage collected on the thread that made it (its helper threads took
 * turns on the two cores our two threads use).
 *
 * On two cores or fewer, V8 also optimizes hot functions on the thread that runs them instead of
 * on a helper thread. The CLI keeps two threads busy (the k sweep and the read of large files run
 * on both), so a helper thread only gets a core by taking turns with them, and meanwhile the hot
 * loops it is optimizing run unoptimized: on a 2-core machine the UCI file's whole analysis took
 * 1739 against 2006 ms and 1932 against 2131 ms (13 and 15 runs, alternating). With a core to
 * spare the helper thread costs nothing: the same analysis on one thread (a core free) took 2543
 * ms optimizing in the background against 2710 ms optimizing in place (15 runs).
 */
export function cliNodeFlags(cores = availableParallelism()) {
  const flags = ['--max-semi-space-size=2', '--single-threaded-gc'];
  if (cores <= 2) flags.push('--no-concurrent-recompilation', '--no-concurrent-osr');
  return flags;
}

/** Node's flags for the CLI on this machine. */
export const CLI_NODE_FLAGS = cliNodeFlags();

/** The arguments of `node` that run the bundled CLI (from the project's root) with `args`. */
export const cliArgs = (...args) => [...CLI_NODE_FLAGS, 'dist-cli/analyze.cjs', ...args];

/** The analysis bundle's code cache, written last by the build. */
export const codeCacheOf = (out) => join(out, 'engine', 'analyze.cjs.cache');

/** Newest modification time of the files under `dir`. */
const newest = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );

/**
 * Whether the CLI bundled in `out` is newer than its sources, the scripts and the lock file (run
 * from the project's root): its code cache is made last, so a build that did not finish, or whose
 * cache run failed, is built again.
 */
export function cliIsUpToDate(out = 'dist-cli') {
  const cache = codeCacheOf(out);
  return (
    existsSync(cache) &&
    statSync(cache).mtimeMs >
      Math.max(newest('src'), newest('scripts'), statSync('package-lock.json').mtimeMs)
  );
}
