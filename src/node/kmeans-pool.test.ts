/**
 * The CLI's second thread for real: kmeans-thread.ts bundled as the CLI bundles it, reading the
 * second half of a file on disk, fitting k-means and adding up silhouette sums, with the answers of
 * the same work done here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitKMeans, type KMeansFit } from '../core/cluster/kmeans.ts';
import { fitTasks } from '../core/cluster/sweep.ts';
import { silhouettePartSums } from '../core/cluster/silhouette.ts';
import { readTable, type RawTable, type ReadSettings } from '../core/ingest/read.ts';
import type { RestReader, RestRequest } from '../core/ingest/split.ts';
import type { Points } from '../core/types.ts';
import { type FileRange, fileSource } from './file-source.ts';
import { nodeKMeansPool } from './kmeans-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'segment-pool-'));
let pool: ReturnType<typeof nodeKMeansPool>;

beforeAll(async () => {
  await build({
    entryPoints: { 'kmeans-thread': join(import.meta.dirname, 'kmeans-thread.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  // Parts of 1 MiB or more end the thread that read them (32 MiB in the CLI).
  pool = nodeKMeansPool(pathToFileURL(join(dir, 'kmeans-thread.mjs')), { endReaderFrom: 1 << 20 });
}, 60_000);

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const noReport = () => undefined;

/** A two-row file in `dir`, and what the thread is asked to read of it: the rows after the header. */
function twoRowPart(name: string): { range: FileRange; request: RestRequest } {
  const path = join(dir, name);
  writeFileSync(path, 'Invoice;Customer\r\n1;A\r\n2;B\r\n');
  const settings: ReadSettings = {
    encoding: 'utf-8',
    delimiter: ';',
    newline: '\r\n',
    headers: ['Invoice', 'Customer'],
    mapping: { invoice: 0, customer: 1 },
  };
  return { range: { path, start: 17, end: 27 }, request: { settings, encoding: 'utf-8' } };
}
const columnsOf = (table: RawTable) =>
  Object.entries(table.columns).map(([role, c]) => [role, Array.from(c.codes), c.values]);

describe('the CLI thread beside the main one', () => {
  it('reads the second half of a large file, giving the table one pass gives', async () => {
    const lines = ['Invoice;Customer;Date;Amount'];
    for (let i = 0; lines.length * 30 < 3 << 20; i++)
      lines.push(`${100000 + (i >> 2)};K${i % 997};0${(i % 9) + 1}.03.2024;${i % 100},50`);
    const path = join(dir, 'large.csv');
    writeFileSync(path, lines.join('\r\n'), 'latin1');
    const settings: ReadSettings = {
      encoding: 'utf-8',
      delimiter: ';',
      newline: '\r\n',
      headers: lines[0]!.split(';'),
      mapping: { invoice: 0, customer: 1, date: 2, amount: 3 },
    };
    let asked = 0;
    // Split from 1 MiB (SPLIT_MIN_BYTES is for files large enough to gain from it).
    const reader: RestReader = {
      minBytes: 1 << 20,
      readRest: (handle, request) => {
        asked++;
        return pool.readRest(handle, request);
      },
    };
    const once = await readTable(fileSource(path), settings, noReport);
    const split = await readTable(fileSource(path), settings, noReport, undefined, reader);
    expect(asked).toBe(1);
    expect(split.rowCount).toBe(lines.length - 1);
    expect(columnsOf(split)).toEqual(columnsOf(once));
    expect({ ...split, columns: null }).toEqual({ ...once, columns: null });
    // The thread that read 1.5 MiB is ended once its part is here, not warmed up; the next request
    // starts another.
    expect(pool.warmUps).toBe(0);
    const before = pool.threads;
    const points: Points = {
      values: Float64Array.from({ length: 30 }, (_, i) => i % 7),
      count: 10,
      dims: 3,
    };
    await pool.fitMany(points, [2], { seed: 1, restarts: 1 });
    expect(pool.threads).toBe(before + 1);
  });

  it('fits k-means as the main thread would', async () => {
    const values = Float64Array.from(
      { length: 600 },
      (_, i) => (Math.sin(i * 12.9898) * 437.5) % 1,
    );
    const points: Points = { values, count: 200, dims: 3 };
    const options = { seed: 7, restarts: 3 };
    const fits = await pool.fitMany(points, [2, 4], options);
    expect(fits.map((f) => f.inertia)).toEqual(
      [2, 4].map((k) => fitKMeans(points, k, options).inertia),
    );
    expect(Array.from(fits[1]!.labels)).toEqual(Array.from(fitKMeans(points, 4, options).labels));
  });

  it('takes fit tasks from a counter it shares with this thread, each made once', async () => {
    const values = Float64Array.from({ length: 900 }, (_, i) => (Math.sin(i * 3.7) * 91.3) % 1);
    const points: Points = { values, count: 300, dims: 3 };
    const options = { seed: 3, restarts: 4 };
    const tasks = fitTasks([2, 3, 4, 5], 4);
    const claims = new Int32Array(new SharedArrayBuffer(4));
    const byThread = new Map<number, KMeansFit>();
    const byHere = new Map<number, KMeansFit>();
    const pooled = pool.fitClaimed(points, tasks, options, claims, (task, fit) =>
      byThread.set(task, fit),
    );
    // This thread takes tasks too, until none is left, once the other has begun.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    for (let task = Atomics.add(claims, 0, 1); task < tasks.length;) {
      const { k, firstRestart, restarts } = tasks[task]!;
      byHere.set(task, fitKMeans(points, k, { ...options, firstRestart, restarts }));
      task = Atomics.add(claims, 0, 1);
    }
    await pooled;
    expect(byThread.size).toBeGreaterThan(0);
    expect([...byThread.keys(), ...byHere.keys()].sort((a, b) => a - b)).toEqual(
      tasks.map((_, i) => i),
    );
    for (const [task, fit] of byThread) {
      const { k, firstRestart, restarts } = tasks[task]!;
      const here = fitKMeans(points, k, { ...options, firstRestart, restarts });
      expect(fit.inertia).toBe(here.inertia);
      expect(Array.from(fit.labels)).toEqual(Array.from(here.labels));
    }
  });

  it('adds up a part of the silhouette pairs as the main thread would', async () => {
    const values = Float64Array.from({ length: 300 }, (_, i) => (Math.cos(i * 7.31) * 91.7) % 1);
    const points: Points = { values, count: 100, dims: 3 };
    const labelings = [2, 3].map((k) => ({
      labels: Int32Array.from({ length: 100 }, (_, i) => (i * 7) % k),
      k,
    }));
    const sums = await pool.silhouetteSums(points, labelings, 1);
    expect(Array.from(sums)).toEqual(Array.from(silhouettePartSums(points, labelings, 1)));
    expect(sums.some((sum) => sum > 0)).toBe(true);
  });

  it('keeps the thread that read while other work is asked of it', async () => {
    const before = pool.threads;
    const { range, request } = twoRowPart('small.csv');
    const values = Float64Array.from({ length: 90 }, (_, i) => (i * 0.37) % 1);
    const points: Points = { values, count: 30, dims: 3 };
    const reading = pool.readRest(range, request);
    // This thread sleeps while the other reads, then asks for fits before it takes the read's
    // answer: the answer comes while the fits are asked for.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    const fitting = pool.fitMany(points, [2, 3], { seed: 1, restarts: 2 });
    const [outcome, fits] = await Promise.all([reading, fitting]);
    expect('part' in outcome && outcome.part.rowCount).toBe(2);
    expect(fits.map((f) => f.k)).toEqual([2, 3]);
    // Still the same thread: the read's end did not stop the fits.
    expect(pool.threads).toBe(before === 0 ? 1 : before);
    const again = await pool.fitMany(points, [2], { seed: 1, restarts: 2 });
    expect(again[0]!.inertia).toBe(fits[0]!.inertia);
  });

  it('keeps a thread that read a smaller part, warmed up, and boots one ahead when started', async () => {
    const own = nodeKMeansPool(pathToFileURL(join(dir, 'kmeans-thread.mjs')));
    try {
      own.start();
      expect(own.threads).toBe(1);
      const { range, request } = twoRowPart('part.csv');
      const outcome = await own.readRest(range, request);
      expect('part' in outcome && outcome.part.rowCount).toBe(2);
      // Asked to warm up once its part is here; a fit asked for during the warm-up is the same.
      expect(own.warmUps).toBe(1);
      const points: Points = {
        values: Float64Array.from({ length: 30 }, (_, i) => i % 7),
        count: 10,
        dims: 3,
      };
      const [fit] = await own.fitMany(points, [2], { seed: 1, restarts: 1 });
      expect(Array.from(fit!.labels)).toEqual(
        Array.from(fitKMeans(points, 2, { seed: 1, restarts: 1 }).labels),
      );
      // The thread booted by start() read the part and then fitted: no other was started.
      expect(own.threads).toBe(1);
      // A second read on it (the fallback to Windows-1252 reads again) does not warm it up again.
      await own.readRest(range, request);
      expect(own.warmUps).toBe(1);
    } finally {
      await own.close();
    }
  });
});
