// Types of cli-node.mjs, for the tests that run the bundled CLI as users and the benchmarks do.
/** Node's flags for the CLI on a machine with `cores` logical cores (default: this one's). */
export function cliNodeFlags(cores?: number): string[];
/** Node's flags for the CLI on this machine. */
export const CLI_NODE_FLAGS: string[];
/** The arguments of `node` that run the bundled CLI (from the project's root) with `args`. */
export function cliArgs(...args: string[]): string[];
/** The analysis bundle's code cache in the bundle directory `out`. */
export function codeCacheOf(out: string): string;
/** Whether the CLI bundled in `out` (default dist-cli) is newer than its sources. */
export function cliIsUpToDate(out?: string): boolean;
