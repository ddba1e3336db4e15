/**
 * throttledProgress (progress.ts): at most one report per interval, except the start or end of a
 * stage and a stage's last chunk, which always get through; fractions are clamped to [0, 1].
 */
import { describe, expect, it } from 'vitest';
import { throttledProgress } from './progress.ts';
import type { StageProgress } from './types.ts';

function recorder(times: number[]) {
  const seen: StageProgress[] = [];
  let i = 0;
  const report = throttledProgress(
    (p) => seen.push(p),
    100,
    () => times[i++]!,
  );
  return { seen, report };
}

describe('throttledProgress', () => {
  it('passes the first report, then one per 100 ms; forced and finished reports always', () => {
    const { seen, report } = recorder([0, 50, 99, 100, 150, 160, 170]);
    report('read', 0.1, 10); // t 0: the first one passes
    report('read', 0.2, 20); // t 50: too soon
    report('read', 0.3, 30); // t 99: still too soon
    report('read', 0.4, 40); // t 100: exactly 100 ms after the last one passed
    report('clean', 0, 0, true); // t 150: forced
    report('clean', 1, 5); // t 160: the stage is done
    report('clean', 0.5, 6); // t 170: 10 ms after the last one
    expect(seen).toEqual([
      { stage: 'read', fraction: 0.1, rows: 10 },
      { stage: 'read', fraction: 0.4, rows: 40 },
      { stage: 'clean', fraction: 0, rows: 0 },
      { stage: 'clean', fraction: 1, rows: 5 },
    ]);
  });

  it('clamps the fraction to [0, 1]', () => {
    const { seen, report } = recorder([0, 1000, 2000]);
    report('sweep', -0.5, 1);
    report('sweep', 1.5, 2);
    report('sweep', 0.25, 3);
    expect(seen.map((p) => p.fraction)).toEqual([0, 1, 0.25]);
  });

  it('the default interval is 100 ms of the default clock; no callback, no work', () => {
    const seen: number[] = [];
    const report = throttledProgress((p) => seen.push(p.fraction));
    report('read', 0.1, 1);
    report('read', 0.2, 2); // within 100 ms of the first on any machine
    expect(seen).toEqual([0.1]);
    let asked = 0;
    const silent = throttledProgress(undefined, 100, () => asked++);
    silent('read', 0.5, 1, true);
    expect(asked).toBe(0);
  });
});
