import type { Data } from 'plotly.js';
import { describe, expect, it } from 'vitest';
import { chartsDrawn, drawingChart, drawsIn3d, drawsWithWebGl, webGlTurn } from './draw-order.ts';

describe('drawsWithWebGl', () => {
  it('is true for 3D and gl traces only', () => {
    expect(drawsWithWebGl([{ type: 'bar' }, { type: 'scatter3d' }] as Data[])).toBe(true);
    expect(drawsWithWebGl([{ type: 'scattergl' }] as Data[])).toBe(true);
    expect(drawsWithWebGl([{ type: 'heatmap' }, { type: 'scatterpolar' }] as Data[])).toBe(false);
    expect(drawsWithWebGl([{ type: 'choropleth' }, {}] as Data[])).toBe(false);
    expect(drawsWithWebGl([])).toBe(false);
  });
});

describe('drawsIn3d', () => {
  it('is true for 3D traces only, not for 2D ones drawn with WebGL', () => {
    expect(drawsIn3d([{ type: 'bar' }, { type: 'scatter3d' }] as Data[])).toBe(true);
    expect(drawsIn3d([{ type: 'mesh3d' }] as Data[])).toBe(true);
    expect(drawsIn3d([{ type: 'scattergl' }, { type: 'scatter' }] as Data[])).toBe(false);
    expect(drawsIn3d([{}] as Data[])).toBe(false);
  });
});

describe('webGlTurn', () => {
  it('waits for every 2D chart being drawn, also one started while it waited', async () => {
    const order: string[] = [];
    let finishFirst!: () => void;
    void drawingChart(new Promise<void>((resolve) => (finishFirst = resolve)), false).then(() =>
      order.push('first 2D'),
    );
    const turn = webGlTurn().then(() => order.push('WebGL'));
    await Promise.resolve();
    expect(order).toEqual([]);
    finishFirst();
    // A second 2D chart starts before the WebGL chart's frame has come.
    let finishSecond!: () => void;
    void drawingChart(new Promise<void>((resolve) => (finishSecond = resolve)), false).then(() =>
      order.push('second 2D'),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first 2D']);
    finishSecond();
    await turn;
    expect(order).toEqual(['first 2D', 'second 2D', 'WebGL']);
  });

  it('goes at once (after a frame) when no 2D chart is drawn, and a failed one counts as done', async () => {
    await expect(webGlTurn()).resolves.toBeUndefined();
    const failed = drawingChart(Promise.reject(new Error('not drawn')), false);
    await expect(failed).rejects.toThrow('not drawn');
    await expect(webGlTurn()).resolves.toBeUndefined();
  });
});

describe('chartsDrawn', () => {
  it('waits for WebGL charts too, which webGlTurn does not', async () => {
    let finish!: () => void;
    void drawingChart(new Promise<void>((resolve) => (finish = resolve)), true);
    let quiet = false;
    const all = chartsDrawn().then(() => (quiet = true));
    // The WebGL chart does not hold up another WebGL chart's turn…
    await expect(webGlTurn()).resolves.toBeUndefined();
    // …but work that waits for every chart waits for it.
    expect(quiet).toBe(false);
    finish();
    await all;
    expect(quiet).toBe(true);
  });
});
