import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { StageName } from '../core/types.ts';
import { collectingBetweenStages, fullCollection } from './collect.ts';

describe('fullCollection', () => {
  it('frees what nothing refers to any more, when called', async () => {
    const collect = fullCollection();
    // Referred to by the WeakRef only.
    const ref = new WeakRef(new Float64Array(1 << 20));
    // A WeakRef keeps its target alive until the end of the job that made or read it.
    await setImmediate();
    expect(ref.deref()).toBeDefined();
    await setImmediate();
    collect();
    expect(ref.deref()).toBeUndefined();
  });

  it('leaves alone what is still referred to', async () => {
    const collect = fullCollection();
    const held = new Float64Array(16).fill(7);
    const ref = new WeakRef(held);
    await setImmediate();
    collect();
    expect(ref.deref()).toBe(held);
    expect(held[15]).toBe(7);
  });
});

describe('collectingBetweenStages', () => {
  it('collects once as cleaning starts and once as grouping starts, before passing each report on', () => {
    const seen: string[] = [];
    const onProgress = collectingBetweenStages(
      (p) => seen.push(`${p.stage} ${p.fraction}`),
      () => seen.push('collect'),
    );
    const stages: [StageName, number][] = [
      ['read', 0],
      ['read', 0.5],
      ['read', 1],
      ['clean', 0],
      ['clean', 1],
      ['features', 0],
      ['features', 1],
      ['cohort', 1],
      ['sweep', 0.1],
      ['sweep', 1],
    ];
    for (const [stage, fraction] of stages) onProgress({ stage, fraction, rows: 10 });
    expect(seen).toEqual([
      'read 0',
      'read 0.5',
      'read 1',
      'collect',
      'clean 0',
      'clean 1',
      'collect',
      'features 0',
      'features 1',
      'cohort 1',
      'sweep 0.1',
      'sweep 1',
    ]);
  });

  it('collects again when a stage comes back (a file read again in one piece)', () => {
    let collected = 0;
    const onProgress = collectingBetweenStages(
      () => undefined,
      () => collected++,
    );
    for (const stage of ['clean', 'clean', 'read', 'clean', 'features'] as StageName[])
      onProgress({ stage, fraction: 0, rows: 0 });
    expect(collected).toBe(3);
  });
});
