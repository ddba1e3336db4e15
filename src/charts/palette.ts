/**
 * One colour per segment number, the same in every chart and table. Segment 0 is the most
 * valuable (the engine orders them), so the palette runs from strong to muted. Colour-blind safe
 * (Okabe-Ito based) and distinguishable on white.
 */
export const SEGMENT_COLOURS = [
  '#0072B2', // blue
  '#009E73', // green
  '#E69F00', // orange
  '#CC79A7', // purple
  '#56B4E9', // sky
  '#D55E00', // vermillion
  '#7F7F7F', // grey
  '#F0E442', // yellow
  '#882255', // wine
  '#44AA99', // teal
  '#999933', // olive
  '#332288', // indigo
] as const;

export function segmentColour(cluster: number): string {
  return SEGMENT_COLOURS[
    ((cluster % SEGMENT_COLOURS.length) + SEGMENT_COLOURS.length) % SEGMENT_COLOURS.length
  ]!;
}
