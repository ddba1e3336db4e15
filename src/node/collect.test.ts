import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fullCollection } from './collect.ts';

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
