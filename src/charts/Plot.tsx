import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import { useContext, useEffect, useRef, useState } from 'react';

import { useTouch } from '../ui/useTouch.ts';
import { drawingChart, drawsIn3d, drawsWithWebGl, ScreenShown, webGlTurn } from './draw-order.ts';
import type PlotlyBundle from './plotly-bundle.ts';

type PlotlyModule = typeof PlotlyBundle;
let plotlyPromise: Promise<PlotlyModule> | null = null;

/** Loads our plotly bundle once, on the first chart. */
export function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('./plotly-bundle.ts').then((m) => m.default);
  return plotlyPromise;
}

export interface PlotProps {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
  /** Accessible description of what the chart shows. */
  label: string;
  className?: string;
  onClick?: (point: { curveNumber: number; pointNumber: number; customdata?: unknown }) => void;
  /** Receives the graph div once drawn (for PNG export). */
  onReady?: (graph: PlotlyHTMLElement) => void;
}

/** What every chart's layout starts from (also the warm-up's: charts/warm-up.ts). */
export const BASE_LAYOUT: Partial<Layout> = {
  autosize: true,
  margin: { l: 56, r: 16, t: 16, b: 48 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: {
    family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    size: 12,
    color: '#1d2733',
  },
  hoverlabel: { align: 'left' },
  // Every axis's tick labels drawn as laid out. By default plotly hides the labels of a numeric
  // axis that reach past the chart's edge, measuring each label's box in the page to find them:
  // each measure made the browser lay the page out again, about 50 ms of the cohort heatmap's
  // 220 ms draw. The margins leave room for the labels: every screen photographed at both sizes,
  // compared pixel for pixel, changed only where an end label had been hidden, now shown whole.
  template: {
    layout: { xaxis: { ticklabeloverflow: 'allow' }, yaxis: { ticklabeloverflow: 'allow' } },
  },
};

const BASE_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  // Plotly's "edit in Chart Studio" link would send data off the device.
  showLink: false,
  showSendToCloud: false,
  modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d'],
  toImageButtonOptions: { format: 'png', scale: 2 },
};

/**
 * The toolbar on a touch screen: saving the picture and undoing a zoom or a turn. The whole bar
 * (eight buttons, about 190 px) covered the legend of the charts that show one above the plot on
 * a phone, the segments one taps to hide among them; zooming and turning are done with fingers.
 */
const TOUCH_BUTTONS_2D: NonNullable<Config['modeBarButtons']> = [['toImage', 'resetScale2d']];
const TOUCH_BUTTONS_3D: NonNullable<Config['modeBarButtons']> = [
  ['toImage', 'resetCameraDefault3d'],
];

/** The layout's legend position, margins and height, as a string to compare. */
function legendPlacement(layout: Partial<Layout>): string {
  return JSON.stringify([layout.legend ?? null, layout.margin ?? null, layout.height ?? null]);
}

/**
 * A plotly chart drawn with `Plotly.react`, so updates reuse the graph (and its WebGL context)
 * instead of rebuilding it, but for a 2D chart whose legend, margins or height change. Purged on
 * unmount to give WebGL contexts back. A WebGL chart draws (and redraws) only while its screen is
 * shown, after the 2D charts (draw-order.ts).
 */
export function Plot({ data, layout, config, label, className, onClick, onReady }: PlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const touch = useTouch();
  const shown = useContext(ScreenShown);
  // On a touch screen the toolbar, once shown, stays: it gets a strip of its own above the chart
  // (app.css, .plot-frame-touch) and only its few buttons.
  const touchBar = touch && config?.displayModeBar !== false;
  const webGl = drawsWithWebGl(data);
  // The camera's reset for a 3D scene; a 2D chart drawn with WebGL (scattergl) has 2D axes.
  const in3d = drawsIn3d(data);
  // Only a WebGL chart waits for its screen: a 2D one draws ahead, hidden.
  const waitForScreen = webGl && !shown;
  // The legend, margins and height the chart was last drawn with (`legendPlacement`).
  const placed = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const div = ref.current;
    if (!div || waitForScreen) return;
    const drawing = loadPlotly()
      .then(async (Plotly) => {
        if (webGl) await webGlTurn();
        if (cancelled) return;
        // When the legend or the margins move (the window crossing a phone's width: the customer
        // map's legend goes from below the plot to above it, the countries' legend takes fewer
        // rows), plotly's update left the legend where the old layout had put it, over the data;
        // so such a change draws the chart afresh. Not a WebGL chart, whose context would be made
        // again (the 3D scatter's legend moved correctly).
        const placement = webGl ? null : legendPlacement(layout ?? {});
        if (placed.current !== null && placed.current !== placement) Plotly.purge(div);
        placed.current = placement;
        const graph = await Plotly.react(
          div,
          data,
          { ...BASE_LAYOUT, ...layout },
          {
            ...BASE_CONFIG,
            ...config,
            ...(touchBar ? { modeBarButtons: in3d ? TOUCH_BUTTONS_3D : TOUCH_BUTTONS_2D } : {}),
          },
        );
        if (cancelled) return;
        graph.removeAllListeners?.('plotly_click');
        graph.on('plotly_click', (event) => {
          const point = event.points[0];
          if (point && clickRef.current)
            clickRef.current({
              curveNumber: point.curveNumber,
              pointNumber: point.pointNumber,
              customdata: point.customdata,
            });
        });
        setDrawn(true);
        onReady?.(graph);
      })
      .catch((error: unknown) => setFailed(String(error)));
    void drawingChart(drawing, webGl);
    return () => {
      cancelled = true;
    };
  }, [data, layout, config, onReady, touchBar, webGl, in3d, waitForScreen]);

  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div) void loadPlotly().then((Plotly) => Plotly.purge(div));
    };
  }, []);

  if (failed)
    return (
      <p className="chart-error" role="alert">
        This chart could not be drawn: {failed}
      </p>
    );
  return (
    <div className={touchBar ? 'plot-frame plot-frame-touch' : 'plot-frame'} aria-busy={!drawn}>
      {!drawn && <p className="plot-loading muted">Drawing the chart…</p>}
      <div ref={ref} className={className ?? 'plot'} role="img" aria-label={label} />
    </div>
  );
}
