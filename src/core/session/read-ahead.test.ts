/**
 * The read ahead (read-ahead.ts): taken by a `prepare` for the same key with its progress so far,
 * stopped by one for another key, its failures heard only by whoever takes it; and, on a real
 * file, the same data as a read started at the click.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import { sniffFile } from '../ingest/sniff.ts';
import type { PreparedData } from '../pipeline.ts';
import type { Reporter } from '../progress.ts';
import { expectAnalysisError, fixtureSource, lines } from '../testing/fixtures.ts';
import { ReadAhead, type ReadWith } from './read-ahead.ts';
import { AnalysisSession } from './session.ts';

const sniff = {} as FileSniff;
const source = fixtureSource('x');
const noReport = () => undefined;

/** A read that reports what it is told and ends when told, recording its signal. */
function controlledRead() {
  const reads: {
    report: Reporter;
    signal: AbortSignal;
    finish: (data: PreparedData) => void;
    fail: (error: Error) => void;
  }[] = [];
  const readWith: ReadWith = (_source, _load, report, signal) =>
    new Promise<PreparedData>((finish, fail) => reads.push({ report, signal, finish, fail }));
  return { reads, readWith };
}

const data = (name: string) => ({ timings: { name } }) as unknown as PreparedData;

describe('ReadAhead', () => {
  it('gives the read to a prepare for the same key, with its progress so far, then as it comes', async () => {
    const { reads, readWith } = controlledRead();
    const ahead = new ReadAhead(readWith);
    ahead.start('file|settings', source, {}, sniff);
    reads[0]!.report('read', 0.4, 1000);
    const seen: unknown[][] = [];
    const taken = ahead.take('file|settings', (...progress) => void seen.push(progress));
    expect(taken).not.toBeNull();
    expect(seen).toEqual([['read', 0.4, 1000]]);
    reads[0]!.report('clean', 1, 2000, true);
    expect(seen).toEqual([
      ['read', 0.4, 1000],
      ['clean', 1, 2000, true],
    ]);
    reads[0]!.finish(data('ahead'));
    await expect(taken).resolves.toEqual(data('ahead'));
    // Taken once: the next prepare reads for itself.
    expect(ahead.take('file|settings', noReport)).toBeNull();
  });

  it('stops the read when a prepare asks for other settings, and leaves that prepare to read', () => {
    const { reads, readWith } = controlledRead();
    const ahead = new ReadAhead(readWith);
    ahead.start('file|day first', source, {}, sniff);
    expect(ahead.take('file|month first', noReport)).toBeNull();
    expect(reads[0]!.signal.aborted).toBe(true);
  });

  it('a new start for other settings stops the last one; for the same settings it goes on', () => {
    const { reads, readWith } = controlledRead();
    const ahead = new ReadAhead(readWith);
    ahead.start('a', source, {}, sniff);
    ahead.start('a', source, {}, sniff);
    expect(reads).toHaveLength(1);
    ahead.start('b', source, {}, sniff);
    expect(reads).toHaveLength(2);
    expect(reads[0]!.signal.aborted).toBe(true);
    expect(reads[1]!.signal.aborted).toBe(false);
    ahead.stop();
    expect(reads[1]!.signal.aborted).toBe(true);
    expect(ahead.take('b', noReport)).toBeNull();
  });

  it('its failure reaches whoever takes it; a failure never taken is not left unhandled', async () => {
    const { reads, readWith } = controlledRead();
    const ahead = new ReadAhead(readWith);
    ahead.start('a', source, {}, sniff);
    reads[0]!.fail(
      new AnalysisError('missing-columns', 'We could not find the customer ID column.'),
    );
    await expectAnalysisError(ahead.take('a', noReport)!, 'missing-columns');
    // Started, failed and dropped: nothing else hears of it (vitest fails on unhandled rejections).
    ahead.start('b', source, {}, sniff);
    reads[1]!.fail(new Error('gone'));
    ahead.stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('on a real file: a session that takes the read ahead answers as one that read at the click', async () => {
    const text = lines(
      'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice',
      '1,C1,2011-01-03 10:00,2,3.5',
      '2,C2,2011-02-03 10:00,1,10',
      '3,C1,2011-03-05 11:00,4,2',
      '4,C3,2011-03-09 12:00,1,7',
    );
    const fileSniff = await sniffFile(fixtureSource(text));
    const ahead = new ReadAhead();
    ahead.start('k', fixtureSource(text), {}, fileSniff);
    const taken = ahead.take('k', noReport);
    const early = new AnalysisSession();
    early.adopt(await taken!);
    const late = new AnalysisSession();
    await late.prepare(fixtureSource(text), {}, noReport, undefined, fileSniff);
    expect(Array.from(early.customers.table.ids)).toEqual(Array.from(late.customers.table.ids));
    expect(early.customers.table).toEqual(late.customers.table);
  });
});
