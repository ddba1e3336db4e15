// Old reader against new, in one process, alternating, on the same file: the "read" stage (sniff,
// open, read into interned columns) of a commit's src/ and of the working tree's. On a machine
// shared with other work, timings drift from minute to minute; alternating the two in one run and
// taking medians compares them under the same load. Also checks that both give the same table.
//   node bench/read-ab.mjs <file> [--base HEAD] [--runs 7]
// CPU time of the main thread is printed beside the wall time (the read is single-threaded).
import { execSync } from 'node:child_process';
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
  return (await import(pathToFileURL(outfile).href)).read;
}

const oldDir = join(work, 'old');
execSync(`mkdir -p ${oldDir} && git -C ${root} archive ${base} src | tar -x -C ${oldDir}`);
execSync(`ln -s ${join(root, 'node_modules')} ${join(oldDir, 'node_modules')}`);
const variants = [
  { name: `old (${base})`, read: await bundle(oldDir, 'old'), wall: [], cpu: [] },
  { name: 'new (working tree)', read: await bundle(root, 'new'), wall: [], cpu: [] },
];

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

const megabytes = statSync(file).size / 1e6;
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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const v of variants)
  console.log(
    `${v.name}: wall median ${median(v.wall).toFixed(2)} s (${(megabytes / median(v.wall)).toFixed(0)} MB/s), CPU median ${median(v.cpu).toFixed(2)} s; wall ${v.wall.map((t) => t.toFixed(2)).join(' ')}`,
  );
console.log(digests.size === 1 ? 'same table from both' : 'TABLES DIFFER');
rmSync(work, { recursive: true, force: true });
