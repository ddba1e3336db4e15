/**
 * Plotly's first chart in a page is slow whatever it shows: its code is compiled on first use
 * and it sets itself up (styles, text measuring). Measured in a bare page with the real charts of
 * the UCI file, drawn in the app's order: the elbow took 110 to 126 ms as the page's first chart
 * and 43 to 53 ms after one small chart of each kind had been drawn; the seven charts the k sweep
 * brings took 690 to 750 ms cold and 575 to 610 ms warm. In the app those draws wait for the
 * sweep, with the page's main thread the bottleneck; the start and column screens leave it idle.
 *
 * So while the page waits for a file, one tiny chart of each kind the first screens draw (lines,
 * markers on a log axis, bars, a donut, a heatmap with cell text, a radar) is drawn off screen,
 * each in its own idle moment, and thrown away.
 */
import type { Config, Data, Layout } from 'plotly.js';
import { idle } from '../ui/idle.ts';
import type PlotlyBundle from './plotly-bundle.ts';

type PlotlyModule = typeof PlotlyBundle;

/** What each warm-up chart draws: made-up numbers, never the user's data. */
export const WARM_UP_CHARTS: readonly { data: Data[]; layout: Partial<Layout> }[] = [
  {
    data: [
      { type: 'scatter', mode: 'lines+markers', x: [2, 3, 4], y: [3, 2, 1.5], name: 'a' },
      {
        type: 'scatter',
        mode: 'markers',
        x: [10, 200],
        y: [5, 5000],
        name: 'b',
        hovertemplate: '%{x} days<br>%{y}<extra></extra>',
      },
    ],
    layout: { yaxis: { type: 'log', title: { text: 'y' } }, xaxis: { title: { text: 'x' } } },
  },
  {
    data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], text: ['1', '2'], textposition: 'auto' }],
    layout: { showlegend: false },
  },
  {
    data: [
      { type: 'pie', labels: ['a', 'b'], values: [1, 2], hole: 0.5, texttemplate: '%{percent}' },
    ],
    layout: { legend: { orientation: 'h' } },
  },
  {
    data: [
      {
        type: 'heatmap',
        z: [
          [1, 0.5],
          [1, null],
        ],
        text: [
          ['100%', '50%'],
          ['100%', ''],
        ] as unknown as string[],
        texttemplate: '%{text}',
        xgap: 2,
        ygap: 2,
      },
    ],
    layout: {},
  },
  {
    data: [{ type: 'scatterpolar', r: [1, 2, 3, 1], theta: ['a', 'b', 'c', 'a'], fill: 'toself' }],
    layout: {},
  },
];

const CONFIG: Partial<Config> = { responsive: false, displayModeBar: false };

/** The parts of plotly and of the document the warm-up uses (tests pass their own). */
export type WarmUpPlotly = Pick<PlotlyModule, 'react' | 'purge'>;
export type WarmUpDocument = {
  createElement(tag: 'div'): HTMLDivElement;
  body: { append(node: HTMLDivElement): void };
};

/**
 * Draws the warm-up charts into an off-screen element, one per idle moment, while `wanted()`;
 * then removes it, marks `segment: charts warmed up` (detail: the charts drawn) and returns how
 * many were drawn. Never throws: a warm-up that fails only leaves the first chart as slow as
 * before.
 */
export async function warmUpCharts(
  Plotly: WarmUpPlotly,
  wanted: () => boolean,
  baseLayout: Partial<Layout>,
  nextIdle: () => Promise<void> = () => idle(1000),
  doc: WarmUpDocument = document,
): Promise<number> {
  const div = doc.createElement('div');
  div.setAttribute('aria-hidden', 'true');
  div.style.cssText = 'position:fixed;left:-10000px;top:0;width:320px;height:240px;';
  doc.body.append(div);
  let drawn = 0;
  try {
    for (const chart of WARM_UP_CHARTS) {
      await nextIdle();
      if (!wanted()) break;
      await Plotly.react(div, chart.data, { ...baseLayout, ...chart.layout }, CONFIG);
      drawn++;
    }
  } catch {
    // Nothing to tell the user: their own charts are drawn as ever.
  } finally {
    try {
      Plotly.purge(div);
    } catch {
      // As above; the element goes regardless.
    }
    div.remove();
  }
  performance.mark('segment: charts warmed up', { detail: drawn });
  return drawn;
}
