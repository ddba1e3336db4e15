/**
 * A file read while the user still looks at its columns. The app starts it when the mapping
 * screen shows (and again when the columns or the date order change); most people confirm what
 * was found, and then the read is done or well on its way when they click. It is kept apart from
 * the session until a `prepare` asks for the same read (the same key: the file and every setting
 * that changes what is read), which takes it as it stands, finished or not; a read for other
 * settings is stopped. Nothing of it reaches the session before that, so a session already
 * holding an analysis is never changed by a read the user has not asked for.
 */
import { cancelledError } from '../errors.ts';
import type { FileSniff } from '../ingest/sniff.ts';
import type { ByteSource } from '../ingest/source.ts';
import { type LoadOptions, prepare, type PreparedData } from '../pipeline.ts';
import type { Reporter } from '../progress.ts';

type Progress = Parameters<Reporter>;

/** A read's progress: the last, for whoever takes the read, and from then on to them. */
interface Relay {
  last: Progress | null;
  taker: Reporter | null;
}

interface Read {
  key: string;
  controller: AbortController;
  result: Promise<PreparedData>;
  relay: Relay;
}

/** What a read ahead runs: the pipeline's `prepare` (a fake in tests). */
export type ReadWith = (
  source: ByteSource,
  load: LoadOptions,
  report: Reporter,
  signal: AbortSignal,
  sniff: FileSniff,
) => Promise<PreparedData>;

export class ReadAhead {
  private read: Read | null = null;

  constructor(private readonly readWith: ReadWith = prepare) {}

  /** Starts reading for `key`, stopping a read for another key; a read for this key goes on. */
  start(key: string, source: ByteSource, load: LoadOptions, sniff: FileSniff): void {
    if (this.read?.key === key) return;
    this.stop();
    const controller = new AbortController();
    const relay: Relay = { last: null, taker: null };
    const report: Reporter = (...progress) => {
      relay.last = progress;
      relay.taker?.(...progress);
    };
    const result = this.readWith(source, load, report, controller.signal, sniff);
    // Settled by whoever takes it; a read stopped or never taken fails unheard.
    result.catch(() => undefined);
    this.read = { key, controller, result, relay };
  }

  /**
   * The read for `key`, if one was started: its progress so far goes to `report` at once, then
   * as it comes. Null for any other key (that read is stopped) or none.
   */
  take(key: string, report: Reporter): Promise<PreparedData> | null {
    const read = this.read;
    this.read = null;
    if (!read) return null;
    if (read.key !== key) {
      read.controller.abort(cancelledError());
      return null;
    }
    read.relay.taker = report;
    if (read.relay.last) report(...read.relay.last);
    return read.result;
  }

  /** Stops the read ahead, if any. */
  stop(): void {
    this.read?.controller.abort(cancelledError());
    this.read = null;
  }
}
