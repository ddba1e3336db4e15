import { describe, expect, it, vi } from 'vitest';
import { WARM_UP_CHARTS, type WarmUpDocument, type WarmUpPlotly, warmUpCharts } from './warm-up.ts';

/** A document whose one element records what is done to it. */
function fakeDocument() {
  const element = {
    attributes: new Map<string, string>(),
    style: { cssText: '' },
    setAttribute(name: string, value: string) {
      this.attributes.set(name, value);
    },
    attached: false,
    tag: '',
    remove() {
      this.attached = false;
    },
  };
  const doc = {
    createElement: (tag: string) => {
      element.tag = tag;
      return element as unknown as HTMLDivElement;
    },
    body: {
      append: (node: HTMLDivElement) => {
        (node as unknown as typeof element).attached = true;
      },
    },
  } satisfies WarmUpDocument;
  return { doc, element };
}

function fakePlotly(failAt = -1) {
  const drawn: { types: string[]; layout: Record<string, unknown>; config: unknown }[] = [];
  const plotly = {
    react: vi.fn(
      async (_div: unknown, data: { type: string }[], layout: object, config: object) => {
        if (drawn.length === failAt) throw new Error('no canvas');
        drawn.push({
          types: data.map((t) => t.type),
          layout: layout as Record<string, unknown>,
          config,
        });
        return _div;
      },
    ),
    purge: vi.fn(),
  };
  return { plotly: plotly as unknown as WarmUpPlotly & typeof plotly, drawn };
}

const now = () => Promise.resolve();
const lastMark = () =>
  performance.getEntriesByName('segment: charts warmed up').at(-1) as PerformanceMark;

describe('warmUpCharts', () => {
  it('draws one chart of each kind the first screens draw, off screen, then removes it', async () => {
    const { doc, element } = fakeDocument();
    const { plotly, drawn } = fakePlotly();
    const base = { font: { family: 'system-ui', size: 12 } };
    const count = await warmUpCharts(plotly, () => true, base, now, doc);
    expect(count).toBe(WARM_UP_CHARTS.length);
    expect(drawn.map((d) => d.types.join('+'))).toEqual([
      'scatter+scatter',
      'bar',
      'pie',
      'heatmap',
      'scatterpolar',
    ]);
    // With the app's font, so text is measured as the real charts' will be.
    for (const d of drawn) expect(d.layout.font).toEqual(base.font);
    // No resize listener left behind: the element is thrown away.
    for (const d of drawn) expect(d.config).toMatchObject({ responsive: false });
    expect(element.tag).toBe('div');
    expect(element.style.cssText).toContain('left:-10000px');
    expect(element.attributes.get('aria-hidden')).toBe('true');
    expect(plotly.purge).toHaveBeenCalledOnce();
    expect(element.attached).toBe(false);
    expect(lastMark().detail).toBe(WARM_UP_CHARTS.length);
  });

  it('waits for an idle moment before each chart and stops once no longer wanted', async () => {
    const { doc, element } = fakeDocument();
    const { plotly } = fakePlotly();
    let moments = 0;
    const count = await warmUpCharts(
      plotly,
      () => moments <= 2,
      {},
      async () => void moments++,
      doc,
    );
    expect(count).toBe(2);
    expect(moments).toBe(3);
    expect(plotly.react).toHaveBeenCalledTimes(2);
    expect(element.attached).toBe(false);
    expect(lastMark().detail).toBe(2);
  });

  it('gives up quietly when plotly fails, and still removes its element', async () => {
    const { doc, element } = fakeDocument();
    const { plotly } = fakePlotly(1);
    plotly.purge.mockImplementation(() => {
      throw new Error('nothing to purge');
    });
    await expect(warmUpCharts(plotly, () => true, {}, now, doc)).resolves.toBe(1);
    expect(element.attached).toBe(false);
  });
});
