// Old reader against new, in one process, alternating, on the same file: the "read" stage (sniff,
// open, read into interned columns) of a commit's src/ and of the working tree's. On a machine
// shared with other work, timings drift from minute to minute; alternating the two in one run and
// taking medians compares them under the same load. Also checks that both give the same table.
//   node bench/read-ab.mjs <file> [--base HEAD] [--runs 7] [--processes]
// CPU time of the process is printed beside the wall time. With --processes each read runs in a
// fresh process (still alternating), and the sniff and the read are timed apart: in one process
// the two readers share a heap (each keeps its last workbook), which blurred the difference; the
// tables are compared only without it.
import { execSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const file = resolve(args[0] ?? '../shared/data/online_retail.csv');
const base = option('base', 'HEAD');
const runs = Number(option('runs', '7'));
const processes = args.includes('--processes');
const root = resolve(new URL('..', import.meta.url).pathname);

const entry = `
import { sniffFile } from './src/core/ingest/sniff.ts';
import { openAsText } from './src/core/ingest/workbook.ts';
import { readTable } from './src/core/ingest/read.ts';
import { fileSource } from './src/node/file-source.ts';
export async function read(path) {
  const source = fileSource(path);
  const sniff = await sniffFile(source);
  const { description: _description, ...mapping } = sniff.mapping;
  const text = await openAsText(source);
  return readTable(text.source, { ...sniff, mapping }, () => undefined);
}
export async function timed(path) {
  const cpu = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1e6; };
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const source = fileSource(path);
  const sniff = await sniffFile(source);
  const sniffCpu = cpu(cpu0);
  const sniffWall = (performance.now() - t0) / 1000;
  const { description: _description, ...mapping } = sniff.mapping;
  cpu0 = process.cpuUsage();
  t0 = performance.now();
  const text = await openAsText(source);
  const table = await readTable(text.source, { ...sniff, mapping }, () => undefined);
  return { sniffCpu, sniffWall, readCpu: cpu(cpu0), readWall: (performance.now() - t0) / 1000, table };
}`;

const work = mkdtempSync(join(tmpdir(), 'segment-read-ab-'));
async function bundle(dir, name) {
  const outfile = join(work, `${name}.mjs`);
  await build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

const oldDir = join(work, 'old');
execSync(`mkdir -p ${oldDir} && git -C ${root} archive ${base} src | tar -x -C ${oldDir}`);
execSync(`ln -s ${join(root, 'node_modules')} ${join(oldDir, 'node_modules')}`);
const variants = [
  { name: `old (${base})`, file: await bundle(oldDir, 'old'), wall: [], cpu: [], parts: [] },
  { name: 'new (working tree)', file: await bundle(root, 'new'), wall: [], cpu: [], parts: [] },
];
for (const variant of variants)
  variant.read = (await import(pathToFileURL(variant.file).href)).read;

function digest(table) {
  const hash = createHash('sha256');
  const { columns, ...rest } = table;
  hash.update(JSON.stringify(rest));
  for (const role of Object.keys(columns).sort()) {
    const column = columns[role];
    hash.update(role);
    hash.update(JSON.stringify(column.values));
    // As 32-bit codes whatever the array's width, so narrower code arrays compare equal.
    const codes = Int32Array.from(column.codes);
    hash.update(new Uint8Array(codes.buffer));
  }
  return hash.digest('hex').slice(0, 16);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const megabytes = statSync(file).size / 1e6;
if (processes) {
  const child = (variant) => {
    const script = `const { timed } = await import(${JSON.stringify(pathToFileURL(variant.file).href)});
      const { table, ...times } = await timed(${JSON.stringify(file)});
      console.log(JSON.stringify({ ...times, rows: table.rowCount }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').pop());
  };
  console.log(`${file}: ${megabytes.toFixed(1)} MB, ${runs} alternating pairs, a process each`);
  for (let run = 0; run < runs; run++)
    for (const variant of run % 2 === 0 ? variants : [...variants].reverse())
      variant.parts.push(child(variant));
  const show = (parts, key) => `${median(parts.map((p) => p[key])).toFixed(2)} s`;
  for (const { name, parts } of variants)
    console.log(
      `${name}: medians: sniff CPU ${show(parts, 'sniffCpu')}, wall ${show(parts, 'sniffWall')}; read CPU ${show(parts, 'readCpu')}, wall ${show(parts, 'readWall')}; rows ${parts[0].rows}`,
    );
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
console.log(`${file}: ${megabytes.toFixed(1)} MB, ${runs} alternating pairs`);
const digests = new Set();
for (let run = 0; run < runs; run++) {
  for (const variant of run % 2 === 0 ? variants : [...variants].reverse()) {
    globalThis.gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const table = await variant.read(file);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    variant.wall.push(wall / 1000);
    variant.cpu.push((cpu.user + cpu.system) / 1e6);
    if (run === 0) digests.add(digest(table));
  }
}
for (const v of variants)
  console.log(
    `${v.name}: wall median ${median(v.wall).toFixed(2)} s (${(megabytes / median(v.wall)).toFixed(0)} MB/s), CPU median ${median(v.cpu).toFixed(2)} s; wall ${v.wall.map((t) => t.toFixed(2)).join(' ')}`,
  );
console.log(digests.size === 1 ? 'same table from both' : 'TABLES DIFFER');
rmSync(work, { recursive: true, force: true });
