/**
 * The session's Explore questions: the runs belong to the clustering in use, resume across calls
 * and start again when the clustering changes. On 80 customers of a small generated file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { AnalysisSession } from '../session/session.ts';
import { fixtureSource, lines } from '../testing/fixtures.ts';
import { GROUPINGS } from './compare.ts';
import { DEFAULT_EXPLORE_SETTINGS } from './explore.ts';

const noReport = () => undefined;

/** 80 customers: orders, spend and recency spread deterministically. */
function file(): string {
  const rows = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  let invoice = 1;
  for (let c = 0; c < 80; c++) {
    for (let o = 0; o < 1 + ((c * 5) % 9); o++) {
      const day = 1 + ((c * 17 + o * 31) % 330);
      const date = new Date(Date.UTC(2011, 0, day, 10)).toISOString().slice(0, 16);
      rows.push(
        `${invoice++},P${o % 4},${1 + (c % 3)},${date.replace('T', ' ')},${1 + ((c * c) % 37)},C${c}`,
      );
    }
  }
  return lines(...rows);
}

let session: AnalysisSession;
beforeAll(async () => {
  session = new AnalysisSession();
  await session.prepare(fixtureSource(file()), {}, noReport);
  await session.cluster({ ...DEFAULT_CLUSTER_OPTIONS, kMax: 4, restarts: 2 }, noReport);
});

describe('explore through the session', () => {
  it('trains, compares against the chosen segments and maps every customer', async () => {
    let training = session.exploreTraining(2, 0);
    expect(training.progress?.epoch).toBe(1);
    while (!training.result) training = session.exploreTraining(2, 1000);
    expect(training.result.losses.length).toBe(200);
    expect(training.result.reconstructionError).toBeLessThan(training.result.baselineError);

    const choice = { k: 3 };
    const settings = { ...DEFAULT_EXPLORE_SETTINGS, minClusterSize: 8, minSamples: 4 };
    let comparison = session.exploreComparison(choice, settings, 1000);
    while (!comparison.result) comparison = session.exploreComparison(choice, settings, 1000);
    expect(comparison.result.rows).toHaveLength(GROUPINGS.length);
    // Rows of every crosstab are the 3 segments on screen, all 80 customers.
    for (const row of comparison.result.rows)
      expect(row.crosstab.rowTotals.reduce((a, b) => a + b)).toBe(80);
    expect(comparison.result.rows[2]!.groups).toBe(3);

    let map = await session.customerMap(1000);
    while (!map.result) map = await session.customerMap(1000);
    expect(map.result.customers.length).toBe(80);
    expect(map.result.sampled).toBe(false);
  });

  it('another clustering starts the runs again', async () => {
    await session.cluster(
      { ...DEFAULT_CLUSTER_OPTIONS, kMax: 4, restarts: 2, features: 'ext' },
      noReport,
    );
    expect(session.exploreTraining(2, 0).progress?.epoch).toBe(1);
  });
});
