import type { Data, Layout } from 'plotly.js';
import type { SegmentProfile } from '../../core/cluster/segments.ts';
import { loadPlotly } from '../../charts/Plot.tsx';
import {
  DONUT_LAYOUT,
  donutTrace,
  meanBarsFigure,
  radarLayout,
  radarTraces,
} from '../../charts/segment-charts.ts';

/** A chart drawn as a PNG data URL, with its size in CSS pixels (drawn at twice that). */
export interface ReportImage {
  url: string;
  width: number;
  height: number;
}

export interface ReportCharts {
  donut: ReportImage;
  radar: ReportImage;
  means: ReportImage;
}

const FONT = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  size: 12,
  color: '#1d2733',
};

/** The report's charts as PNG data URLs, drawn off-screen by plotly from the same mappers. */
export async function renderReportCharts(
  segments: readonly SegmentProfile[],
): Promise<ReportCharts> {
  const Plotly = await loadPlotly();
  const image = async (
    data: Data[],
    layout: Partial<Layout>,
    width: number,
    height: number,
  ): Promise<ReportImage> => ({
    url: await Plotly.toImage(
      { data, layout: { ...layout, font: FONT, width, height, paper_bgcolor: '#ffffff' } },
      { format: 'png', width, height, scale: 2 },
    ),
    width,
    height,
  });
  const means = meanBarsFigure(segments, false);
  // The radar's layout adds its legend's room to the height asked for.
  const radarLayoutFor = radarLayout(200);
  const [donut, radar, meansPng] = await Promise.all([
    image([donutTrace(segments)], DONUT_LAYOUT, 340, 260),
    image(radarTraces(segments), radarLayoutFor, 360, Number(radarLayoutFor.height)),
    image(means.data, means.layout, 720, Number(means.layout.height ?? 200)),
  ]);
  return { donut, radar, means: meansPng };
}
