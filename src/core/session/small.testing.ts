/**
 * A small file for the session's mutation tests: 24 customers with a deterministic spread of
 * recency, orders and spend, analysed in milliseconds (the session's other tests use 50 to 60
 * customers and share one session between tests, which Stryker cannot attribute to a test).
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../clustering.ts';
import { fixtureSource, lines } from '../testing/fixtures.ts';
import { AnalysisSession } from './session.ts';

export const SMALL_HEADER = 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
export const noReport = () => undefined;

/** Customer c buys 1 + (5c mod 7) times across 2011, at prices 1 + (c^2 mod 23). */
export function smallFile(customers = 24): string {
  const rows = [SMALL_HEADER];
  let invoice = 1;
  for (let c = 0; c < customers; c++) {
    const orders = 1 + ((c * 5) % 7);
    for (let o = 0; o < orders; o++) {
      const day = 1 + ((c * 11 + o * 37) % 340);
      const date = new Date(Date.UTC(2011, 0, day, 10)).toISOString().slice(0, 16);
      const country = c % 3 === 0 ? 'France' : 'UK';
      rows.push(
        `${invoice++},P${o % 3},${1 + (c % 3)},${date.replace('T', ' ')},${1 + ((c * c) % 23)},C${c},${country}`,
      );
    }
  }
  return lines(...rows);
}

export const SMALL_OPTIONS = { ...DEFAULT_CLUSTER_OPTIONS, kMax: 4, restarts: 2 };

/** A session with the small file prepared and clustered for k = 2..4. */
export async function smallSession(customers = 24): Promise<AnalysisSession> {
  const session = new AnalysisSession();
  await session.prepare(fixtureSource(smallFile(customers), { name: 'small.csv' }), {}, noReport);
  await session.cluster(SMALL_OPTIONS, noReport);
  return session;
}
