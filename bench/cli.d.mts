// Types of cli.mjs, for the tests that run the bundled CLI as the benchmarks do.
/** Node's flags for the CLI, as `npm run analyze` passes them. */
export const CLI_NODE_FLAGS: string[];
/** The arguments of `node` that run the bundled CLI with `args`. */
export function cliArgs(...args: string[]): string[];
