import { afterEach, describe, expect, it, vi } from 'vitest';
import { painted } from './idle.ts';

describe('painted', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('resolves after two animation frames, not one', async () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    let done = false;
    const frame = painted().then(() => (done = true));
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    await Promise.resolve();
    expect(done).toBe(false);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    await frame;
    expect(done).toBe(true);
  });

  it('resolves after the fallback where frames do not come (a background tab)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    let done = false;
    const frame = painted(300).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(299);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await frame;
    expect(done).toBe(true);
  });

  it('resolves at once without animation frames (Node)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', undefined);
    let done = false;
    const frame = painted(5000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    await frame;
    expect(done).toBe(true);
  });
});
