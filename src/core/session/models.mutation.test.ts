/**
 * The session with saved models (session/models.ts) on 24 customers: a scored file's clustering
 * is the model's, two periods are compared under one model, and each refusal says what to do.
 */
import { describe, expect, it } from 'vitest';
import { compareCut } from '../model/periods.ts';
import { expectAnalysisError, fixtureSource, lines, prepareText } from '../testing/fixtures.ts';
import { AnalysisSession } from './session.ts';
import { noReport, SMALL_HEADER, smallFile, smallSession } from './small.testing.ts';

const meta = { createdAt: new Date(0), appVersion: 'test', nonProductCodes: [] };

/** The small file's lines up to a day (YYYY-MM-DD), as an export made then. */
const upTo = (day: string) =>
  lines(
    SMALL_HEADER,
    ...smallFile()
      .trim()
      .split('\n')
      .slice(1)
      .filter((line) => line.split(',')[3]!.slice(0, 10) <= day),
  );

describe('scoring with a saved model', () => {
  it("the clustering is the model's: its features, scaler, one fit of its k, no sweep", async () => {
    const fitted = await smallSession();
    const { model } = fitted.saveModel({ k: 3, names: { 0: 'Best' } }, meta);
    const session = new AnalysisSession();
    await session.prepare(fixtureSource(smallFile()), {}, noReport);
    const scored = session.score(model);
    const { options, scaler, sweep } = session.current;
    expect(options).toMatchObject({ features: 'rfm', kMin: 3, kMax: 3, transform: 'log1p' });
    expect(options.scaling).toBe('standard');
    expect(options.outliers).toBe('keep');
    expect(scaler.features).toEqual(['Recency', 'Frequency', 'Monetary']);
    expect(Array.from(scaler.center)).toEqual(model.scaler.center);
    expect(Array.from(scaler.scale)).toEqual(model.scaler.scale);
    expect(sweep.points).toEqual([]);
    expect(sweep.suggestedK).toBe(3);
    expect(sweep.fits).toHaveLength(1);
    expect(sweep.fits[0]).toMatchObject({ k: 3, iterations: 0, inertia: scored.inertia });
    expect(Array.from(sweep.fits[0]!.centroids)).toEqual(model.centroids.flat());
    expect(Array.from(sweep.fits[0]!.labels)).toEqual(Array.from(scored.labels));
    expect(Array.from(scored.labels)).toEqual(Array.from(fitted.segments({ k: 3 }).labels));
    expect(session.current.outliers.count).toBe(fitted.current.outliers.count);
    expect(scored.segments[0]!.name).toBe('Best');
  });

  it('refuses a model whose features are not a set the app uses', async () => {
    const fitted = await smallSession();
    const { model } = fitted.saveModel({ k: 2 }, meta);
    const session = new AnalysisSession();
    await session.prepare(fixtureSource(smallFile()), {}, noReport);
    let caught: unknown;
    try {
      session.score({ ...model, features: ['Monetary', 'Recency', 'Frequency'] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'model-invalid' });
    expect((caught as Error).message).toBe(
      'This model file is damaged (its features Monetary, Recency, Frequency are not a set this app uses), so it cannot be used.',
    );
  });
});

describe('comparing two periods', () => {
  it('cut at a date: the migration of the cut against the whole file, labelled', async () => {
    const session = await smallSession();
    const comparison = await session.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport);
    const data = await prepareText(smallFile());
    const { model } = session.saveModel({ k: 3 }, meta);
    const direct = compareCut(model, data.tx, data.cleaned.kept, '2011-06-30');
    expect(comparison.migration.matrix).toEqual(direct.matrix);
    expect(comparison.earlier).toEqual({
      label: 'up to 2011-06-30',
      customers: direct.earlier.ids.length,
      snapshot: direct.earlier.snapshot,
    });
    expect(comparison.later).toEqual({
      label: 'small.csv',
      customers: 24,
      snapshot: session.customers.table.snapshot,
    });
    expect(comparison.until).toBe('2011-06-30');
    expect(comparison.summary.length).toBeGreaterThan(0);
  });

  it('an earlier file gives the migration of the cut at its end, without an until', async () => {
    const session = await smallSession();
    const cut = await session.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport);
    const earlier = fixtureSource(upTo('2011-06-30'), { name: 'june.csv' });
    const files = await session.comparePeriods({ k: 3 }, { earlier, load: {} }, noReport);
    expect(files.migration.matrix.customers).toEqual(cut.migration.matrix.customers);
    expect(files.earlier.label).toBe('june.csv');
    expect(files.later.label).toBe('small.csv');
    expect('until' in files).toBe(false);
  });

  it('refuses a date with no sales on one side, a file not earlier, or no lines kept', async () => {
    const session = await smallSession();
    const before = await expectAnalysisError(
      session.comparePeriods({ k: 3 }, { until: '2010-06-30' }, noReport),
      'compare-periods',
    );
    expect(before.message).toBe(
      'Choose a date between 2011-01-01 and the day before 2011-11-24: there must be sales on both sides of it.',
    );
    expect(before.detail).toBe('2010-06-30');
    // The last day itself leaves nothing after it.
    await expectAnalysisError(
      session.comparePeriods({ k: 3 }, { until: '2011-11-24' }, noReport),
      'compare-periods',
    );
    const same = await expectAnalysisError(
      session.comparePeriods({ k: 3 }, { earlier: fixtureSource(smallFile()), load: {} }, noReport),
      'compare-periods',
    );
    expect(same.message).toBe(
      "The earlier file's sales run up to 2011-11-24, not before this file's last sale (2011-11-24). Choose an export made before this one as the earlier file.",
    );
    const restored = new AnalysisSession();
    restored.restore(session.snapshot());
    const needs = await expectAnalysisError(
      restored.comparePeriods({ k: 3 }, { until: '2011-06-30' }, noReport),
      'compare-needs-file',
    );
    expect(needs.message).toMatch(/^Comparing periods needs the sales lines/);
  });
});
