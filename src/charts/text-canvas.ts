/**
 * plotly's 3D axes turn every label into shapes by drawing it on one shared 8192 x 1024 canvas and
 * reading its pixels back (vectorize-text, whose canvas is made when the 3D code first loads).
 * Without the `willReadFrequently` hint that canvas is drawn by the GPU process, and each read
 * waits for it to finish everything queued: 1.2 s of the 3D scatter's first draw in a profile
 * under software WebGL on a busy machine. With the hint it is drawn and read in the page's memory.
 * Imported for its effect, before plotly, by plotly-bundle.ts. Only a 2D context of a canvas of
 * exactly that size, asked for without options, is changed.
 */
const TEXT_CANVAS_WIDTH = 8192;
const TEXT_CANVAS_HEIGHT = 1024;

type GetContext = (this: HTMLCanvasElement, type: string, options?: unknown) => unknown;

if (typeof HTMLCanvasElement !== 'undefined') {
  const proto = HTMLCanvasElement.prototype as unknown as { getContext: GetContext };
  const getContext = proto.getContext;
  proto.getContext = function (type, options) {
    const textCanvas =
      type === '2d' &&
      options === undefined &&
      this.width === TEXT_CANVAS_WIDTH &&
      this.height === TEXT_CANVAS_HEIGHT;
    return getContext.call(this, type, textCanvas ? { willReadFrequently: true } : options);
  };
}
