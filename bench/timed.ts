// For the Node benchmarks written in TypeScript (bench/explore.ts, bench/validation-parts.ts): runs
// a step and prints its wall-clock and this process' CPU time (the CPU time is the steadier figure
// on a shared machine).
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function print(label: string, wall: number, busy: number): void {
  console.log(
    `${label.padEnd(34)} wall ${seconds(performance.now() - wall)}, CPU ${seconds(cpu() - busy)}`,
  );
}

export function timed<T>(label: string, run: () => T): T {
  const wall = performance.now();
  const busy = cpu();
  const result = run();
  print(label, wall, busy);
  return result;
}

/** timed() for a step that returns a promise: the time until it settles. */
export async function timedAsync<T>(label: string, run: () => Promise<T>): Promise<T> {
  const wall = performance.now();
  const busy = cpu();
  const result = await run();
  print(label, wall, busy);
  return result;
}
