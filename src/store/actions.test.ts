/**
 * The store's actions against a fake client: the real worker API (and so the real analysis
 * session) called in this process instead of through a Worker, every call recorded, and a fake
 * platform (downloads and the browser's storage in memory). What the actions ask the worker, what
 * they leave in the store, what each reset clears, and what is kept in the browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ClientModule from '../bridge/analysis-client.ts';
import type { AnalysisClient } from '../bridge/analysis-client.ts';
import { AnalysisError } from '../core/errors.ts';
import { lines } from '../core/testing/fixtures.ts';
import type { AnalysisApi } from '../worker/analysis.api.ts';

/** Every worker call, and whether it went through `fresh` (may start a worker without data). */
const calls = vi.hoisted(() => [] as { method: string; args: unknown[]; fresh: boolean }[]);

vi.mock('../bridge/analysis-client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof ClientModule>();
  const { default: api } = await import('../worker/analysis.api.ts');
  const recorded = (fresh: boolean) =>
    new Proxy(api, {
      get(target, method: keyof AnalysisApi) {
        const f = target[method] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          calls.push({ method, args, fresh });
          const answer = f(...args);
          // When an asynchronous answer comes, as `answered <method>` (not counted as fresh).
          if (answer instanceof Promise)
            void answer.then(
              () => calls.push({ method: `answered ${method}`, args, fresh: false }),
              () => undefined,
            );
          return answer;
        };
      },
    });
  const fake: AnalysisClient = {
    alive: true,
    warm: () => void calls.push({ method: 'warm', args: [], fresh: false }),
    reset: () => undefined,
    call: (work) => Promise.resolve().then(() => work(recorded(false) as never)),
    fresh: (work) => Promise.resolve().then(() => work(recorded(true) as never)),
  };
  return { ...real, analysisClient: fake };
});

const { platform } = await import('../platform/index.ts');
const { default: workerApi } = await import('../worker/analysis.api.ts');
const actions = await import('./actions.ts');
const { chooseModel, loadQualityNow, refreshValidation } =
  await import('../analyses/validation/validation-actions.ts');
const { toUserError } = await import('./errors.ts');
const { WorkerCrashError } = await import('../bridge/analysis-client.ts');
const { appStore, clearedBySegments, initialState, PERSISTED_CHOICES } = await import('./store.ts');

const get = appStore.getState;

/** 60 customers with varied recency, frequency and spend. */
function csv(): File {
  const rows = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  let invoice = 1;
  for (let c = 0; c < 60; c++) {
    for (let o = 0; o < 1 + ((c * 7) % 11); o++) {
      const day = 1 + ((c * 13 + o * 29) % 330);
      const date = new Date(Date.UTC(2011, 0, day, 9)).toISOString().slice(0, 16);
      rows.push(
        `${invoice++},P${o % 5},${1 + (c % 4)},${date.replace('T', ' ')},${1 + ((c * c) % 41)},C${c}`,
      );
    }
  }
  return new File([lines(...rows)], 'shop.csv', { type: 'text/csv' });
}

const saved: { name: string; text: string }[] = [];
let kept: unknown;
platform.saveBytes = (bytes, name) => saved.push({ name, text: new TextDecoder().decode(bytes) });
platform.lastAnalysis = {
  get: () => Promise.resolve(kept),
  put: (value) => Promise.resolve(void (kept = structuredClone(value))),
  clear: () => Promise.resolve(void (kept = undefined)),
};

const called = (method: string) => calls.filter((c) => c.method === method);

async function analysed(): Promise<void> {
  actions.startOver();
  await actions.chooseFile(csv(), true);
  expect(get().phase).toBe('results');
}

beforeEach(() => {
  calls.length = 0;
  saved.length = 0;
});

describe('slices', () => {
  it('the store starts from every slice, the registry analyses included', () => {
    expect(initialState).toMatchObject({
      phase: 'start',
      view: 'overview',
      prepared: null,
      segmentsChoice: null,
      selectedCustomer: null,
      whatIf: null,
      quality: null,
      dbscan: {},
      restored: null,
    });
  });

  it('other segments clear only what describes the segments on screen', () => {
    expect(clearedBySegments).toEqual({
      customerDetail: null,
      whatIf: null,
      periodComparison: null,
      exploreComparison: null,
    });
  });

  it('the choices kept in the browser are those saved before the slices', () => {
    expect([...PERSISTED_CHOICES].sort()).toEqual(
      [
        'mapping',
        'dateFormat',
        'nonProductCodes',
        'clusterOptions',
        'k',
        'segmentNames',
        'model',
        'dbscan',
        'clvHorizon',
        'atRiskBelow',
        'scoringModel',
        'periodComparison',
        'exploreSettings',
        'hdbscan',
        'advanced',
      ].sort(),
    );
  });
});

describe('actions', () => {
  it('the workers warm up while the start screen waits for a file, not after', async () => {
    appStore.setState(initialState);
    actions.warmUpWhileWaiting();
    expect(called('warm')).toHaveLength(1);
    await actions.chooseFile(csv());
    expect(get().phase).toBe('mapping');
    actions.warmUpWhileWaiting();
    appStore.setState({ phase: 'start' }); // the file is still chosen (an error, say)
    actions.warmUpWhileWaiting();
    expect(called('warm')).toHaveLength(1);
    // Starting over: the start screen waits for a file again, with a new worker.
    actions.startOver();
    await vi.waitFor(() => expect(called('warm')).toHaveLength(2));
  });

  it('a chosen file is sniffed, read, clustered and segmented at the suggested k', async () => {
    await actions.chooseFile(csv(), true);
    const s = get();
    expect(s.phase).toBe('results');
    expect(s.prepared?.totals.customers).toBe(60);
    expect(s.clustering?.sweep.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.k).toBe(s.clustering?.suggestedK);
    expect(s.segmentation?.k).toBe(s.k);
    expect(s.segmentsChoice).toEqual({ k: s.k, model: 'kmeans', dbscan: {} });
    expect(called('sniff')).toHaveLength(1);
    expect(called('prepare')).toHaveLength(1);
    // Only reading a file may start a worker of its own; all else works on what it read.
    expect(calls.filter((c) => c.fresh).map((c) => c.method)).toEqual(['sniff', 'prepare']);
    expect(called('segment')[0]!.args[0]).toEqual({
      k: s.k,
      model: 'kmeans',
      dbscan: {},
      names: {},
    });
  });

  it('another k clears the customer profile and the what-if, and asks them again for that k', async () => {
    await analysed();
    await actions.selectCustomer(5);
    await actions.runWhatIf({ Recency: 10, Frequency: 5, Monetary: 500 });
    expect(get().whatIf).not.toBeNull();
    calls.length = 0;
    await actions.chooseK(4);
    expect(get().whatIf).toBeNull();
    expect(get().selectedCustomer).toBe(5);
    expect(get().customerDetail?.distances).toHaveLength(4);
    expect(called('customerDetail')[0]!.args).toEqual([{ k: 4, model: 'kmeans', dbscan: {} }, 5]);
  });

  it('reading the file again clears the results but keeps the choices and the names given', async () => {
    await analysed();
    await actions.chooseK(3);
    actions.renameSegment(0, 'Best');
    actions.setView('customers');
    await actions.selectCustomer(2);
    await actions.runAnalysis();
    const s = get();
    expect(s.k).toBe(3);
    expect(s.view).toBe('customers');
    // The same file gives the same profiles: the renamed segment keeps its name (issue 14.3).
    expect(s.segmentNames).toEqual({ 3: { 0: 'Best' } });
    expect(s.segmentation?.segments[0]?.name).toBe('Best');
    expect(s.renamesDropped).toEqual([]);
    expect(s.model).toBe('kmeans');
    expect(s.selectedCustomer).toBeNull();
    expect(s.quality).toBeNull();
  });

  it('a name another segment has is refused, with a message, and nothing changes', async () => {
    await analysed();
    await actions.chooseK(3);
    expect(actions.renameSegment(0, 'VIP')).toBeNull();
    expect(actions.renameSegment(1, ' vip ')).toBe(
      'Segment 1 is already called “VIP”. Choose another name.',
    );
    expect(get().segmentNames).toEqual({ 3: { 0: 'VIP' } });
    expect(get().segmentation?.segments[1]?.name).not.toBe('vip');
  });

  it('a rename shows everywhere and goes into the customers export; the worker is asked for those names', async () => {
    await analysed();
    await actions.chooseK(3);
    actions.renameSegment(1, '  Regulars ');
    expect(get().segmentation?.segments[1]?.name).toBe('Regulars');
    expect(get().segmentNames).toEqual({ 3: { 1: 'Regulars' } });
    await actions.exportCustomersCsv();
    expect(called('exportCustomers')[0]!.args[0]).toEqual({
      k: 3,
      model: 'kmeans',
      dbscan: {},
      names: { 1: 'Regulars' },
    });
    expect(saved[0]!.name).toBe('shop-segments-k3-customers.csv');
    const inOne = Array.from(get().segmentation!.labels).filter((l) => l === 1).length;
    // Segment numbers as the app shows them, 1..k (the second segment is 2), lifetime value after.
    expect(saved[0]!.text.split(/\r?\n/).filter((l) => l.includes(',2,Regulars,'))).toHaveLength(
      inOne,
    );
    // Back to the suggested name: the rename is forgotten.
    actions.renameSegment(1, get().segmentation!.segments[1]!.suggestedName);
    expect(get().segmentNames).toEqual({ 3: {} });
  });

  it('Validation asks for the model comparison after the quality and the first stability answer', async () => {
    await analysed();
    await actions.chooseK(3);
    calls.length = 0;
    // Stability's first answer comes 300 ms after the quality report's.
    const stability = workerApi.stability;
    workerApi.stability = (k, budget) =>
      new Promise((wait) => setTimeout(wait, 300)).then(() => stability(k, budget));
    try {
      appStore.setState({ view: 'validation' });
      refreshValidation();
      await vi.waitFor(() => expect(get().comparison).not.toBeNull(), { timeout: 20_000 });
    } finally {
      workerApi.stability = stability;
    }
    const order = calls.map((c) => c.method);
    const compared = order.indexOf('compareModels');
    expect(order.indexOf('stability')).toBe(0);
    expect(order.indexOf('quality')).toBeGreaterThan(0);
    // Asked once the quality report (synchronous) and stability's first answer are in.
    expect(order.indexOf('answered stability')).toBeGreaterThan(0);
    expect(order.indexOf('answered stability')).toBeLessThan(compared);
    expect(order.indexOf('quality')).toBeLessThan(compared);
  });

  it('the quality is asked for the segments on screen, another model included', async () => {
    await analysed();
    await actions.chooseK(3);
    await chooseModel('gmm');
    expect(get().segmentation?.model).toBe('gmm');
    await loadQualityNow();
    expect(called('quality').at(-1)!.args[0]).toEqual({ k: 3, model: 'gmm', dbscan: {} });
    expect(get().quality?.for).toBe(get().segmentation);
  });

  it('keeps the analysis in the browser and brings it back without the file', async () => {
    await analysed();
    await actions.chooseK(3);
    actions.renameSegment(0, 'Best');
    await actions.flushSave();
    const record = kept as { settings: Record<string, unknown>; fileName: string };
    expect(record.fileName).toBe('shop.csv');
    expect(Object.keys(record.settings).sort()).toEqual([...PERSISTED_CHOICES].sort());
    expect(record.settings).toMatchObject({ k: 3, segmentNames: { 3: { 0: 'Best' } } });

    actions.startOver();
    expect(get().phase).toBe('start');
    calls.length = 0;
    expect(await actions.restoreLastSession()).toBe(true);
    expect(calls.filter((c) => c.fresh).map((c) => c.method)).toEqual(['restore']);
    const s = get();
    expect(s.phase).toBe('results');
    expect(s.file).toBeNull();
    expect(s.restored?.fileName).toBe('shop.csv');
    expect(s.k).toBe(3);
    expect(s.segmentation?.segments[0]?.name).toBe('Best');
    expect(s.segmentsChoice).toEqual({ k: 3, model: 'kmeans', dbscan: {} });

    await actions.forgetMyData();
    expect(kept).toBeUndefined();
    expect(get().phase).toBe('start');
  });
});

describe('keeping the analysis in the browser', () => {
  const keptName = () =>
    (kept as { settings: { segmentNames?: Record<number, Record<number, string>> } } | undefined)
      ?.settings.segmentNames?.[3]?.[0];

  it('waits two seconds after the last change, and for the charts, before saving', async () => {
    await analysed();
    await actions.chooseK(3);
    await actions.flushSave();
    vi.useFakeTimers();
    try {
      actions.renameSegment(0, 'Later');
      await vi.advanceTimersByTimeAsync(1900);
      expect(keptName()).toBeUndefined();
      // A second change starts the wait again.
      actions.renameSegment(0, 'Later still');
      await vi.advanceTimersByTimeAsync(1900);
      expect(keptName()).toBeUndefined();
      // Then no chart is being drawn: saved at the next idle moment.
      await vi.advanceTimersByTimeAsync(200);
      expect(keptName()).toBe('Later still');
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves at once when the page is hidden, and not while it is in view', async () => {
    await analysed();
    await actions.chooseK(3);
    await actions.flushSave();
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const stop = actions.saveWhenHidden(page as unknown as Document);
    vi.useFakeTimers();
    try {
      actions.renameSegment(0, 'Put away');
      page.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(100);
      expect(keptName()).toBeUndefined();
      page.visibilityState = 'hidden';
      page.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(100);
      expect(keptName()).toBe('Put away');
      // No longer listening: a later change waits its two seconds again.
      stop();
      actions.renameSegment(0, 'Unheard');
      page.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(100);
      expect(keptName()).toBe('Put away');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('kAfterSweep', () => {
  const clustering = { sweep: [2, 3, 4, 5].map((k) => ({ k })), suggestedK: 4 };
  it('keeps the k in use when the new sweep has it, else takes the suggested one', () => {
    expect(actions.kAfterSweep(3, clustering)).toBe(3);
    expect(actions.kAfterSweep(5, clustering)).toBe(5);
    expect(actions.kAfterSweep(null, clustering)).toBe(4);
    expect(actions.kAfterSweep(9, clustering)).toBe(4);
  });
});

describe('errors', () => {
  it('a cancellation shows nothing; a crash and a bug say what to do next', () => {
    expect(toUserError(new AnalysisError('cancelled', 'stop'))).toBeNull();
    expect(toUserError(new AnalysisError('no-rows', 'No rows.', 'd'), 'analysis')).toEqual({
      code: 'no-rows',
      message: 'No rows.',
      detail: 'd',
      retry: 'analysis',
    });
    expect(toUserError(new WorkerCrashError('oom'))).toMatchObject({
      code: 'worker-crashed',
      retry: 'analysis',
    });
    expect(toUserError(new TypeError('x is undefined'), 'clustering')).toMatchObject({
      code: 'internal',
      retry: 'clustering',
      detail: expect.stringContaining('TypeError: x is undefined'),
    });
  });
});

const modelActions = await import('./model-actions.ts');
const { comparePeriods, exportMovers } = await import('../analyses/changes/actions.ts');

describe('saved models (issue #11)', () => {
  const file = (text: string) => new File([text], 'segment-model-2026-12-01.json');

  it('saves the segments on screen, scores the next file with them and compares periods', async () => {
    await analysed();
    const agreement = await modelActions.saveModel();
    expect(agreement).toBe(1);
    const [download] = saved;
    expect(download!.name).toMatch(/^segment-model-\d{4}-\d{2}-\d{2}\.json$/);
    const segments = get().segmentation!.segments.map((s) => s.name);

    // Not a model: a message, and the model chosen stays as it was (none).
    await modelActions.chooseModelFile(file('{"format":"something-else"}'));
    expect(get().error?.code).toBe('model-not-a-model');
    expect(get().scoringModel).toBeNull();

    await modelActions.chooseModelFile(file(download!.text));
    expect(get().scoringModel?.model.segments).toEqual(segments);
    await actions.chooseFile(csv(), true);
    const s = get();
    expect(called('cluster')).toHaveLength(1);
    expect(called('scoreWithModel')).toHaveLength(1);
    expect(s.clustering?.scoredWith?.kind).toBe('kmeans');
    expect(s.segmentation?.segments.map((x) => x.name)).toEqual(segments);
    expect(PERSISTED_CHOICES).toContain('scoringModel');

    await comparePeriods({ until: '2011-06-30' });
    const comparison = get().periodComparison!;
    expect(comparison.earlier.label).toBe('up to 2011-06-30');
    expect(comparison.migration.matrix.segments).toEqual(segments);
    exportMovers();
    expect(saved.at(-1)!.text.split(/\r?\n/)[0]).toBe(
      'CustomerID,from,to,earlier_revenue,later_revenue',
    );

    // Segmenting afresh drops the model and sweeps k again.
    await modelActions.dropModel();
    expect(get().scoringModel).toBeNull();
    expect(get().clustering?.scoredWith).toBeUndefined();
    expect(called('cluster')).toHaveLength(2);
  });
});
