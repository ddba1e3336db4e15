/**
 * The worker bridge with a fake Worker: a real Comlink endpoint over a MessageChannel in this
 * process, plus `terminate` and the `error` events a dying worker fires. Cancelling must settle at
 * once (a busy worker cannot be interrupted, so it is terminated), a crash must reject whatever is
 * pending with WorkerCrashError, and only a `fresh` call (one that reads a file) may start a new
 * worker: any other call would reach a worker without data.
 */
import type * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisError, isAnalysisError } from '../core/errors.ts';
import { type AnalysisClient, createAnalysisClient, WorkerCrashError } from './analysis-client.ts';
import { FakeWorker } from './fake-worker.ts';

/** How often the fake worker was asked to warm up. */
let warmUps = 0;

const fakeApi = {
  echo: <T>(value: T): T => value,
  warmUp: (): void => void warmUps++,
  /** Never answers, like a worker busy with a 1 GB file. */
  never: (): Promise<never> => new Promise<never>(() => undefined),
  fail: (): never => {
    throw new AnalysisError('no-rows', 'This file has a header but no rows.', 'detail for us');
  },
  boom: (): never => {
    throw new TypeError('x is undefined');
  },
};
type FakeApi = typeof fakeApi;

let workers: FakeWorker[] = [];
let client: AnalysisClient;

function newClient(): AnalysisClient {
  return createAnalysisClient(() => {
    const worker = new FakeWorker(fakeApi);
    workers.push(worker);
    return worker as unknown as Worker;
  });
}

/** Calls the fake API through the client (its type is the real worker's). */
const call = <T>(work: (api: Comlink.Remote<FakeApi>) => Promise<T>, signal?: AbortSignal) =>
  client.call((api) => work(api as unknown as Comlink.Remote<FakeApi>), signal);
/** The same through `fresh`, as reading a file does. */
const fresh = <T>(work: (api: Comlink.Remote<FakeApi>) => Promise<T>, signal?: AbortSignal) =>
  client.fresh((api) => work(api as unknown as Comlink.Remote<FakeApi>), signal);

/** Rejects if `promise` has not settled within `ms`: "at once" in a test. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms),
    ),
  ]);
}

/** Resolves once the worker answers a call: it is up, and busy with nothing before this. */
const answering = () =>
  within(
    call((api) => api.echo(1)),
    1000,
  );

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  client?.reset();
  for (const w of workers) w.terminate();
  workers = [];
});

describe('analysis client', () => {
  it('warms a worker up while waiting for a file, keeps it on reset, and reads with it', async () => {
    client = newClient();
    warmUps = 0;
    client.warm();
    expect(workers).toHaveLength(1);
    await vi.waitFor(() => expect(warmUps).toBe(1));
    expect(client.alive).toBe(false); // no data in it
    client.warm(); // one worker is enough
    client.reset(); // as choosing a file does: the warmed worker holds no data
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
    expect(await fresh((api) => api.echo('file'))).toBe('file');
    expect(workers).toHaveLength(1);
    // Now it holds the file's data: reset ends it, and warming up again starts a new one.
    client.reset();
    expect(workers[0]!.terminated).toBe(true);
    client.warm();
    expect(workers).toHaveLength(2);
    expect(warmUps).toBe(1);
  });

  it('does not start a second worker to warm up beside one with data', async () => {
    client = newClient();
    warmUps = 0;
    await fresh((api) => api.echo(1));
    client.warm();
    await answering();
    expect(workers).toHaveLength(1);
    expect(warmUps).toBe(0);
    client.reset();
    expect(workers[0]!.terminated).toBe(true);
  });

  it('starts the worker on the first call, not before, and reuses it', async () => {
    client = newClient();
    expect(workers).toHaveLength(0);
    expect(client.alive).toBe(false);
    expect(await call((api) => api.echo(41))).toBe(41);
    expect(await call((api) => api.echo('again'))).toBe('again');
    expect(workers).toHaveLength(1);
    expect(client.alive).toBe(true);
  });

  it('abort terminates the busy worker and rejects at once with "cancelled"', async () => {
    client = newClient();
    const controller = new AbortController();
    const pending = call((api) => api.never(), controller.signal);
    await answering(); // the worker is up and answering
    const t0 = performance.now();
    controller.abort();
    const error = await within(rejection(pending), 100);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(isAnalysisError(error) && error.code).toBe('cancelled');
    expect(workers[0]!.terminated).toBe(true);
    expect(client.alive).toBe(false);
  });

  it('an already aborted signal rejects without starting a worker', async () => {
    client = newClient();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(call((api) => api.echo(1), controller.signal));
    expect(isAnalysisError(error) && error.code).toBe('cancelled');
    expect(workers).toHaveLength(0);
  });

  it('a crash rejects every pending call with WorkerCrashError; a fresh call starts a new worker', async () => {
    client = newClient();
    const first = call((api) => api.never());
    const second = call((api) => api.never(), new AbortController().signal);
    await answering();
    const event = workers[0]!.crash('Uncaught RangeError: Array buffer allocation failed');
    expect(event.defaultPrevented).toBe(true); // handled: not also reported as uncaught
    for (const pending of [first, second]) {
      const error = await within(rejection(pending), 100);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).message).toMatch(/stopped unexpectedly.*try again/i);
      expect((error as Error).stack).toContain('Array buffer allocation failed');
    }
    expect(workers[0]!.terminated).toBe(true);
    expect(client.alive).toBe(false);

    expect(
      await within(
        fresh((api) => api.echo('fresh')),
        1000,
      ),
    ).toBe('fresh');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.terminated).toBe(false);
    expect(await call((api) => api.echo('on the new data'))).toBe('on the new data');
    expect(workers).toHaveLength(2);
  });

  it('after a crash between calls, the next call gets the crash, not a new worker without data', async () => {
    client = newClient();
    expect(await fresh((api) => api.echo('read'))).toBe('read');
    // The worker dies while idle: between reading a file and clustering it.
    workers[0]!.crash('Uncaught RangeError: Array buffer allocation failed');
    for (let i = 0; i < 2; i++) {
      const error = await within(rejection(call((api) => api.echo(1))), 100);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).stack).toContain('Array buffer allocation failed');
    }
    expect(workers).toHaveLength(1);
    expect(client.alive).toBe(false);
  });

  it('after a cancel or reset, calls are cancelled until a fresh call reads again', async () => {
    client = newClient();
    const controller = new AbortController();
    const pending = fresh((api) => api.never(), controller.signal);
    await answering();
    controller.abort();
    await rejection(pending);
    const error = await rejection(call((api) => api.echo(2)));
    expect(isAnalysisError(error) && error.code).toBe('cancelled');
    expect(await fresh((api) => api.echo(3))).toBe(3);
    client.reset();
    const afterReset = await rejection(call((api) => api.echo(4)));
    expect(isAnalysisError(afterReset) && afterReset.code).toBe('cancelled');
    expect(workers).toHaveLength(2);
  });

  it('a message that cannot be read is a crash too', async () => {
    client = newClient();
    const pending = call((api) => api.never());
    await answering();
    workers[0]!.dispatchEvent(new Event('messageerror'));
    expect(await within(rejection(pending), 100)).toBeInstanceOf(WorkerCrashError);
    expect(await fresh((api) => api.echo(2))).toBe(2);
    expect(workers).toHaveLength(2);
  });

  it('an error thrown in the worker keeps its code and detail, and the worker lives on', async () => {
    client = newClient();
    const error = await rejection(call((api) => api.fail()));
    expect(isAnalysisError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'no-rows',
      message: 'This file has a header but no rows.',
      detail: 'detail for us',
    });
    const bug = await rejection(call((api) => api.boom()));
    expect(bug).toBeInstanceOf(Error);
    expect(bug).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
    expect(await call((api) => api.echo(3))).toBe(3);
    expect(workers).toHaveLength(1);
  });

  it('reset() stops the worker and settles what was pending as cancelled', async () => {
    client = newClient();
    const pending = call((api) => api.never());
    await answering();
    client.reset();
    const error = await within(rejection(pending), 100);
    expect(isAnalysisError(error) && error.code).toBe('cancelled');
    expect(workers[0]!.terminated).toBe(true);
  });
});
