// The pandas + scikit-learn pipeline that does the same work as the default analysis
// (../shared/bench/py_pipeline.py: read, clean, RFM, scale, k = 2..10 with 10 restarts and exact
// silhouette, final k-means, cohorts), for the benchmarks to run alternately with ours: absolute
// times do not carry from machine to machine (or from a quiet machine to a busy one), ratios
// measured in the same run do. Needs Debian's python3-pandas and python3-sklearn; `python3` on
// PATH may be another Python without them, so /usr/bin/python3 is the default.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PIPELINE = new URL('../../shared/bench/py_pipeline.py', import.meta.url).pathname;

/**
 * `--python PATH` (default /usr/bin/python3), or null with the reason pandas cannot run.
 * `--pandas-threads N` caps scikit-learn's OpenMP and BLAS threads: on a machine busy with other
 * work, OpenMP threads spin while they wait for each other, so both its wall and CPU times grow
 * far beyond the work done; with one thread its CPU time is the work itself.
 */
export function findPandas(args) {
  if (args.includes('--no-pandas')) return { python: null, why: '--no-pandas' };
  const threadsAt = args.indexOf('--pandas-threads');
  const threads = threadsAt >= 0 ? args[threadsAt + 1] : null;
  const env = threads
    ? {
        ...process.env,
        OMP_NUM_THREADS: threads,
        OPENBLAS_NUM_THREADS: threads,
        MKL_NUM_THREADS: threads,
      }
    : process.env;
  const at = args.indexOf('--python');
  const python = at >= 0 ? args[at + 1] : '/usr/bin/python3';
  if (!existsSync(PIPELINE)) return { python: null, why: `${PIPELINE} is missing` };
  const check = spawnSync(python, ['-c', 'import pandas, sklearn'], { encoding: 'utf8' });
  if (check.status !== 0)
    return {
      python: null,
      why: `${python} has no pandas + scikit-learn (apt-get install python3-pandas python3-sklearn)`,
    };
  return { python, env, why: '' };
}

/**
 * Runs `command` under GNU time when there is one (/usr/bin/time), which adds the CPU time (user +
 * system, every thread) of the process: on a machine shared with other work, wall times mostly
 * measure how much of a core each process was given, CPU times the work it did.
 */
export function timedSpawn(command, args, options = {}) {
  const gnuTime = existsSync('/usr/bin/time');
  const dir = gnuTime ? mkdtempSync(join(tmpdir(), 'segment-bench-time-')) : '';
  const t0 = performance.now();
  const run = gnuTime
    ? spawnSync(
        '/usr/bin/time',
        ['-f', '%U %S %R', '-o', join(dir, 'cpu'), command, ...args],
        options,
      )
    : spawnSync(command, args, options);
  const wall = performance.now() - t0;
  let cpu = NaN;
  let pageFaults = NaN;
  if (gnuTime) {
    const [user, system, faults] = readFileSync(join(dir, 'cpu'), 'utf8')
      .trim()
      .split(/\s+/)
      .slice(-3);
    cpu = (Number(user) + Number(system)) * 1000;
    pageFaults = Number(faults);
    rmSync(dir, { recursive: true, force: true });
  }
  return { run, wall, cpu, pageFaults };
}

// Runs the pipeline as a script and then prints its peak memory, so the figure is the whole
// process's (ru_maxrss is in KiB on Linux).
const WRAPPER = `
import resource, runpy, sys
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
`;

/**
 * One run of the pipeline on `file`: its own stage times and total in ms (after its imports),
 * the whole process's wall time (Python start-up and the imports of pandas and scikit-learn
 * included) and peak memory in MiB.
 */
export function runPandas({ python, env }, file) {
  const { run, wall, cpu, pageFaults } = timedSpawn(python, ['-c', WRAPPER, PIPELINE, file], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`pandas pipeline failed:\n${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  const peakMiB = Number(lines.pop());
  const report = JSON.parse(lines.pop());
  const stages = {};
  for (const [name, seconds] of Object.entries(report))
    if (name !== 'customers' && name !== 'total') stages[name] = seconds * 1000;
  return {
    total: report.total * 1000,
    wall,
    cpu,
    pageFaults,
    peakMiB,
    stages,
    customers: report.customers,
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const spread = (xs) => `(${Math.min(...xs).toFixed(0)} .. ${Math.max(...xs).toFixed(0)})`;

/**
 * What first touching memory costs this machine now, in ms per MiB: a fresh process fills 64 MiB
 * of new memory. On the small VMs we measure on it is 3 to 4.5 ms and it drifts within the hour;
 * the pandas pipeline touches about three times the memory the CLI does, so a cheaper touch
 * moves the ratio (printed before and after the rounds to show such drift).
 */
export function firstTouchMsPerMiB() {
  const code =
    'const t = performance.now(); new Uint8Array(64 << 20).fill(1); process.stdout.write(String((performance.now() - t) / 64))';
  const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return Number(run.stdout);
}

/** Medians of the pandas runs, printed; returns the median of its total (after imports). */
export function printPandas(runs) {
  const totals = runs.map((r) => r.total);
  console.log(
    `\npandas + scikit-learn (${PIPELINE.split('/').slice(-3).join('/')}), ${runs.length} runs alternating with ours:`,
  );
  for (const stage of Object.keys(runs[0].stages)) {
    const xs = runs.map((r) => r.stages[stage]);
    console.log(`  ${stage.padEnd(14)} ${median(xs).toFixed(0).padStart(7)} ms   ${spread(xs)}`);
  }
  console.log(
    `  ${'total'.padEnd(14)} ${median(totals).toFixed(0).padStart(7)} ms   ${spread(totals)}   (after its imports)`,
  );
  const walls = runs.map((r) => r.wall);
  console.log(
    `  ${'whole process'.padEnd(14)} ${median(walls).toFixed(0).padStart(7)} ms   ${spread(walls)}   (Python start-up and imports included)`,
  );
  const cpus = runs.map((r) => r.cpu);
  if (cpus.every(Number.isFinite))
    console.log(
      `  ${'CPU time'.padEnd(14)} ${median(cpus).toFixed(0).padStart(7)} ms   ${spread(cpus)}   (user + system, whole process)`,
    );
  console.log(`  peak memory    ${median(runs.map((r) => r.peakMiB)).toFixed(0)} MiB (median)`);
  const faults = runs.map((r) => r.pageFaults);
  if (faults.every(Number.isFinite))
    console.log(
      `  page faults  ${median(faults).toFixed(0).padStart(9)}      ${spread(faults)}   (minor)`,
    );
  return median(totals);
}
