/**
 * A build-time change to plotly's 3D charts (the `gl-select-static` module inside plotly.js'
 * stackgl_modules bundle), applied by vite.config.ts. No option turns it off, and nothing outside
 * the module can reach it, hence a patch.
 *
 * After every redraw of a 3D scene plotly draws a "pick buffer" (each point in a colour that is
 * its id) and, 1 ms later, reads the whole of it back with `gl.readPixels` so that hovering can
 * find the point under the mouse. A read-back waits for the GPU to finish everything queued.
 * Where the browser renders in software (no usable GPU: VMs, remote desktops, blocklisted
 * drivers, headless Chromium) that wait was 1.0 s of the page's main thread in the 3D scatter's
 * first draw (two redraws, 1182 x 540 pixels each; a CPU profile of `bench/browser-cpu.mjs`'s run),
 * and it comes again on every frame while the chart is turned. Here the buffer is read on the
 * first hover query after a redraw instead: one read per redraw the user actually hovers, none
 * for redraws nobody points at.
 */

/** What the module does at the end of drawing the pick buffer: schedule the read-back. */
const SCHEDULED_READ = 'this._readTimeout = setTimeout(this._readCallback, 1)';
/** The start of the hover query, which reads the buffer's pixels. */
const QUERY_START =
  'proto.query = function(x, y, radius) {\n  if(!this.gl) {\n    return null\n  }\n';

/** The file the change applies to, as Vite names the module. */
export const isStackglModules = (id: string): boolean =>
  /[\\/]plotly\.js[\\/]stackgl_modules[\\/]index\.js$/.test(id.split('?')[0] ?? '');

function replaceOnce(code: string, search: string, replacement: string): string {
  const at = code.indexOf(search);
  if (at === -1 || code.indexOf(search, at + 1) !== -1)
    throw new Error(
      `lazy-pick: expected exactly one "${search.split('\n')[0]}" in plotly's stackgl_modules; has plotly.js changed? See src/build/lazy-pick.ts.`,
    );
  return code.slice(0, at) + replacement + code.slice(at + search.length);
}

/**
 * `code` with the pick buffer read on demand: the end of a pick pass marks the copy in memory
 * stale, and the next query reads the pixels first (then unbinds the buffer, as a redraw expects
 * the screen bound). Throws if the module no longer has the code this expects.
 */
export function lazyPickReadback(code: string): string {
  const marked = replaceOnce(code, SCHEDULED_READ, 'this._stale = true');
  return replaceOnce(
    marked,
    QUERY_START,
    `${QUERY_START}  if(this._stale) {\n    this._stale = false\n    this._readCallback()\n    this.gl.bindFramebuffer(this.gl.FRAMEBUFFER, null)\n  }\n`,
  );
}
