/**
 * The date order from dropping a file to the overview: automatic unless the user picks one, so
 * the engine decides from every date in the file (not from the first rows), and the overview's
 * switch reads the file again the other way. The worker is replaced by the engine itself.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sniffFile } from '../core/ingest/sniff.ts';
import { blobSource } from '../core/ingest/source.ts';
import { type LoadOptions, prepare } from '../core/pipeline.ts';
import { preparedView } from '../core/results.ts';

const prepareCalls: LoadOptions[] = [];
const readAheadCalls: LoadOptions[] = [];

vi.mock('../bridge/analysis-client.ts', () => {
  const api = {
    sniff: (file: File) => sniffFile(blobSource(file)),
    // The worker takes a read ahead when prepare asks with the same options (read-ahead.ts).
    readAhead: async (_file: File, _sniff: unknown, options: LoadOptions) => {
      readAheadCalls.push(options);
    },
    async prepare(file: File, sniff: Awaited<ReturnType<typeof sniffFile>>, options: LoadOptions) {
      prepareCalls.push(options);
      const data = await prepare(blobSource(file), options, () => undefined, undefined, sniff);
      return preparedView(data, []);
    },
    // The clustering is not what these tests are about: stop once the file is prepared.
    cluster: () => Promise.reject(new Error('not clustered in this test')),
  };
  return {
    analysisClient: {
      call: <T>(work: (remote: typeof api) => Promise<T>) => work(api),
      fresh: <T>(work: (remote: typeof api) => Promise<T>) => work(api),
      reset: () => undefined,
      alive: false,
    },
    WorkerCrashError: class extends Error {},
  };
});

const { backToMapping, chooseFile, editMapping, runAnalysis, switchDateFormat } =
  await import('./actions.ts');
const { appStore, initialState } = await import('./store.ts');

/**
 * 300 lines on days 1-9 of December 2010 (both orders read them: 01/12/2010 is also 12 January),
 * past the 200 rows the Columns screen sees, then 3 lines on 15 December, which only day-first
 * reads. Semicolons and decimal commas, as a French or British spreadsheet in a European locale.
 */
function europeanFile(): File {
  const lines = ['Invoice;Customer ID;InvoiceDate;Quantity;UnitPrice'];
  for (let i = 0; i < 300; i++)
    lines.push(
      `${1000 + i};K${i % 3};0${1 + (i % 9)}/12/2010 ${String(10 + (i % 10))}:${String(i % 60).padStart(2, '0')};2;1,50`,
    );
  for (let i = 0; i < 3; i++) lines.push(`${2000 + i};K9;15/12/2010 11:0${i};1;10,00`);
  return new File([lines.join('\n')], 'european.csv', { type: 'text/csv' });
}

beforeEach(() => {
  appStore.setState(initialState, true);
  prepareCalls.length = 0;
  readAheadCalls.length = 0;
});

describe('date order', () => {
  it('leaves the order to the engine although the first rows read month-first', async () => {
    await chooseFile(europeanFile());
    const state = appStore.getState();
    expect(state.phase).toBe('mapping');
    // The first rows alone suggest month-first (SPEC's tie-break for slashes) ...
    expect(state.sniff?.dateGuess).toMatchObject({ format: 'mdy', ambiguous: true });
    // ... but that guess is not passed on.
    expect(state.dateFormat).toBeNull();

    await runAnalysis();
    expect(prepareCalls[0]?.dateFormat).toBeUndefined();
    // The read started while the columns were on screen is for what the click asked.
    expect(readAheadCalls).toEqual([prepareCalls[0]]);
    const prepared = appStore.getState().prepared;
    expect(prepared?.file.dateFormat).toBe('dmy');
    expect(prepared?.file.dateAmbiguous).toBe(false);
    expect(prepared?.cleaning.bad_date).toBe(0);
    expect(prepared?.totals.customers).toBe(4);
    // 300 lines of 2 x 1.50 and 3 of 1 x 10.00.
    expect(prepared?.totals.revenue).toBeCloseTo(930, 9);
  });

  it('reads the file again in the order the user switches to', async () => {
    await chooseFile(europeanFile());
    await runAnalysis();
    await switchDateFormat('mdy');
    expect(appStore.getState().dateFormat).toBe('mdy');
    expect(prepareCalls.map((o) => o.dateFormat)).toEqual([undefined, 'mdy']);
    const prepared = appStore.getState().prepared;
    expect(prepared?.file.dateFormat).toBe('mdy');
    // 15/12/2010 has no month 15: those 3 lines (customer K9's) are bad dates.
    expect(prepared?.cleaning.bad_date).toBe(3);
    expect(prepared?.totals.customers).toBe(3);
  });

  it('does nothing without a file (an analysis brought back from storage)', async () => {
    await switchDateFormat('dmy');
    expect(prepareCalls).toEqual([]);
    expect(appStore.getState().dateFormat).toBeNull();
  });

  it('reads ahead again for the columns and order confirmed, but not beside an analysis', async () => {
    await chooseFile(europeanFile());
    const { mapping } = appStore.getState();
    editMapping(mapping, 'mdy');
    expect(readAheadCalls.map((o) => o.dateFormat)).toEqual([undefined, 'mdy']);
    await runAnalysis();
    expect(prepareCalls).toEqual([readAheadCalls[1]]);
    // Back on the columns with the results kept: no second copy of the file is read.
    backToMapping();
    editMapping(mapping, 'dmy');
    expect(readAheadCalls).toHaveLength(2);
  });
});
