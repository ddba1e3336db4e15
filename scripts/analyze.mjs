// `npm run analyze -- FILE [options]`: bundles the CLI if its sources changed since the last build
// (scripts/build-cli.mjs), then runs it with the Node flags for this machine (cli-node.mjs).
import { spawnSync } from 'node:child_process';
import { cliArgs, cliIsUpToDate } from './cli-node.mjs';

const run = (args) => {
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.signal) process.kill(process.pid, child.signal);
  return child.status ?? 1;
};

if (!cliIsUpToDate()) {
  const built = run(['scripts/build-cli.mjs']);
  if (built !== 0) process.exit(built);
}
process.exit(run(cliArgs(...process.argv.slice(2))));
