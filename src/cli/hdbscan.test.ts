/**
 * `npm run analyze -- FILE --hdbscan M[,S]` on the full UCI file against R dbscan's hdbscan
 * (../shared/reference/online_retail.hdbscan.*, minPts m = min_cluster_size = min_samples): the
 * run's own features and transform must give R's noise count and clusters (adjusted Rand index 1),
 * and the strengths of the engine on the reference's scaled customers (which
 * core/hdbscan/hdbscan.reference.test.ts checks against R).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { adjustedRandIndex } from '../core/cluster/metrics.ts';
import { hdbscan } from '../core/hdbscan/index.ts';
import {
  hdbscanReferenceColumns,
  hdbscanReferenceRun,
  scaledReferenceMatrix,
} from '../core/testing/hdbscanReference.ts';
import { sharedPath } from '../core/testing/reference.ts';
import { main } from './analyze.ts';
import { cliSandbox } from './sandbox.testing.ts';

const cli = cliSandbox('segment-hdbscan-');

function readHdbscanCsv(path: string) {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split(/\r?\n/);
  const cells = rows.map((r) => r.split(','));
  return {
    header,
    ids: cells.map((c) => c[0]!),
    labels: Int32Array.from(cells, (c) => Number(c[1])),
    strengths: Float64Array.from(cells, (c) => Number(c[2])),
  };
}

const uci = sharedPath('data', 'online_retail.csv');

describe.each([
  { variant: 'rfm_log_standard', args: ['--features', 'rfm', '--transform', 'log1p'], minPts: 15 },
  { variant: 'ext_standard', args: ['--features', 'ext', '--transform', 'none'], minPts: 30 },
] as const)('--hdbscan $minPts on $variant', ({ variant, args, minPts }) => {
  let csv: ReturnType<typeof readHdbscanCsv>;
  let log = '';
  beforeAll(async () => {
    const out = cli.path(variant);
    const argv = [uci, ...args, '--hdbscan', String(minPts), '--out', out, '--skip-validation'];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      log += String(chunk);
      return true;
    });
    expect(await main(argv)).toBe(0);
    spy.mockRestore();
    csv = readHdbscanCsv(join(out, 'hdbscan.csv'));
  }, 120_000);

  it("writes CustomerID,label,strength with R's noise count and clusters", () => {
    const run = hdbscanReferenceRun(variant, minPts);
    expect(csv.header).toBe('CustomerID,label,strength');
    expect(csv.ids).toHaveLength(4334);
    expect(csv.labels.filter((l) => l === -1)).toHaveLength(run.noise);
    const reference = hdbscanReferenceColumns(variant, minPts, csv.ids);
    const fromR = reference.cluster.map((c) => c - 1);
    expect(adjustedRandIndex(csv.labels, fromR)).toBe(1);
    expect(Math.max(...csv.labels) + 1).toBe(run.clusters);
    expect(log).toContain(
      `HDBSCAN (min_cluster_size ${minPts}, min_samples ${minPts}): ${run.clusters} groups, ${run.noise.toLocaleString('en')} customers as noise`,
    );
  });

  it("strengths are the engine's on the reference's scaled customers (1e-9), 0 for noise", () => {
    const matrix = scaledReferenceMatrix(variant);
    const engine = hdbscan(matrix.points, matrix.n, matrix.d, {
      minClusterSize: minPts,
      minSamples: minPts,
    });
    const at = new Map(matrix.customerIds.map((id, i) => [id, i]));
    let largest = 0;
    csv.ids.forEach((id, i) => {
      const j = at.get(id)!;
      largest = Math.max(largest, Math.abs(csv.strengths[i]! - engine.strengths[j]!));
      if (csv.labels[i] === -1) expect(csv.strengths[i]).toBe(0);
    });
    expect(largest).toBeLessThan(1e-9);
  });
});

describe('--hdbscan settings', () => {
  it('M,S sets min_samples apart; bad values are a usage error', async () => {
    const out = cli.path('ms');
    const argv = [uci, '--hdbscan', '30,15', '--out', out, '--skip-validation', '--quiet'];
    expect(await main(argv)).toBe(0);
    const { labels } = readHdbscanCsv(join(out, 'hdbscan.csv'));
    expect(labels).toHaveLength(4334);
    for (const bad of ['1', '30,0', 'x', '30,', '5,5,5']) {
      cli.clear();
      expect(await main([uci, '--hdbscan', bad, '--quiet'])).toBe(2);
      expect(cli.stderr()).toContain('--hdbscan must be min_cluster_size[,min_samples]');
    }
  }, 120_000);
});
