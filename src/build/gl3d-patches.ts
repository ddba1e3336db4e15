/**
 * Build-time changes to plotly's 3D charts (modules inside plotly.js' stackgl_modules bundle, and
 * its gl3d scene.js), applied by vite.config.ts to the build and the dev server. No option turns
 * these behaviours off and nothing outside the bundle can reach them, hence patches; each fails
 * the build if the code it expects is gone (a plotly upgrade must look again).
 *
 * 1. The hover buffer is read back on demand (`gl-select-static`). After every redraw of a 3D
 * scene plotly draws a "pick buffer" (each point in a colour that is its id) and, 1 ms later,
 * reads the whole of it back with `gl.readPixels` so that hovering can find the point under the
 * mouse. A read-back waits for the GPU to finish everything queued.
 * Where the browser renders in software (no usable GPU: VMs, remote desktops, blocklisted
 * drivers, headless Chromium) that wait was 1.0 s of the page's main thread in the 3D scatter's
 * first draw (two redraws, 1182 x 540 pixels each; a CPU profile of the page during
 * `bench/browser-cpu.mjs`'s run), and it comes again on every frame while the chart is turned.
 * Here the buffer is read on the first hover query after a redraw instead: one read per redraw
 * the user actually hovers, none for redraws nobody points at.
 */

/*
 * 2. The render loop rests while the chart is off screen (`gl-plot3d`). The scene checks for
 * changes on every animation frame for as long as it exists, so a 3D chart on a tab kept open in
 * the background, or scrolled out of view, kept the page producing 60 frames a second: about 10%
 * of a core with nothing on screen changing (bench/browser-cpu.mjs, idle after the cohorts tab).
 * An IntersectionObserver stops the loop when the canvas leaves the viewport and starts it when
 * it comes back; forced redraws (plotly's own, on every update) still draw.
 */

/*
 * 3. The first frame waits for the data (`gl-plot3d`). Creating a scene drew it at once, empty:
 * axes, grid and tick labels for a default range, with every label turned into triangles on the
 * CPU, only for plotly to draw it again with the points within the same task. Under software
 * rendering that empty frame was one of the three full draws of the 3D scatter's first second
 * (bench/browser-profile.mjs). The loop now starts on the next animation frame, as it continues;
 * plotly's own redraw after adding the data draws the first frame.
 */

/*
 * 4. The camera is drawn where it is (`orbit-camera`'s tick). To smooth motion, each frame drew
 * the camera as it was 32 ms before (twice its `delay`). plotly sets the camera as it adds the
 * data and redraws at once, so that redraw showed the camera before it was set, and the next
 * frame drew the whole scene again to catch up: two full draws for one picture. Each frame now
 * draws the camera at the latest time it has, never earlier than before; the picture after the
 * first draw is the same, pixel for pixel (a screenshot of the scatter, compared), and turning the
 * chart still moves it smoothly, from its newest position.
 */

/*
 * 5. Axis labels are drawn on a canvas as large as they need (`vectorize-text`). Each label of a
 * 3D chart is drawn on a shared 2D canvas whose pixels are read back and traced into shapes. That
 * canvas was 8192 x 1024 pixels (32 MiB), painted black in full for every label: on first use the
 * page's memory for all of it, and about 2 ms more per label than its own area. It now starts at
 * 512 x 256 and grows to fit the widest label drawn so far (measured in its font, with room to
 * spare for bold and italic parts; never past the old 8192), so a label's pixels are the same as
 * before. It is made with `willReadFrequently`, so it lives in the page's memory: without it the
 * GPU process draws it and every read waits for that (1.2 s of the 3D scatter's first draw in a
 * profile under software WebGL). Growing it before the label is drawn also keeps vectorize-text
 * from resizing it mid-label, which reset the font it had just set.
 */

/*
 * 6. A new scene's canvas is made at its final size (`gl-plot3d` and plotly's gl3d `scene.js`).
 * Setting a WebGL canvas's width or height reallocates its drawing buffer, and the page waits
 * for the GPU process to finish everything queued before it can. gl-plot3d made its canvas at
 * the default 300 x 150, created the context on it, then set the width and the height to its
 * container's size (two reallocations); plotly's scene container filled the whole chart at first
 * and was moved to the scene's domain (inside the margins, below the legend) only when the data
 * came, so the first redraw set the height a third time. Under software WebGL these waits were
 * 210 ms of the 3D scatter's first draw (each assignment timed in the page), more than creating
 * the context at the right size costs. The container is now placed at its domain when plotly
 * knows it, as plotting would place it, and the canvas is sized to the container, exactly as
 * gl-plot3d's resize listener would, before the context is made; the listener then finds nothing
 * to change. A scene whose size is not known yet is resized as before.
 */

/** What the module does at the end of drawing the pick buffer: schedule the read-back. */
const SCHEDULED_READ = 'this._readTimeout = setTimeout(this._readCallback, 1)';
/** The start of the hover query, which reads the buffer's pixels. */
const QUERY_START =
  'proto.query = function(x, y, radius) {\n  if(!this.gl) {\n    return null\n  }\n';

/** gl-plot3d's render loop, redrawing on every animation frame until the scene is disposed. */
const RENDER_LOOP =
  '  function render() {\n    if(scene._stopped || scene.contextLost) {\n      return\n    }\n    // this order is important: ios safari sometimes has sync raf\n    redraw()\n    requestAnimationFrame(render)\n  }\n';

/** The loop, resting while the canvas is out of the viewport (see 2. above). */
const RESTING_RENDER_LOOP = `  var onScreen = true
  var looping = false
  if(typeof IntersectionObserver !== 'undefined') {
    var watcher = new IntersectionObserver(function(entries) {
      if(scene._stopped) {
        watcher.disconnect()
        return
      }
      onScreen = entries[entries.length - 1].isIntersecting
      if(onScreen && !looping) {
        looping = true
        requestAnimationFrame(render)
      }
    })
    watcher.observe(canvas)
  }
  function render() {
    looping = false
    if(scene._stopped || scene.contextLost || !onScreen) {
      return
    }
    // this order is important: ios safari sometimes has sync raf
    redraw()
    looping = true
    requestAnimationFrame(render)
  }
`;

/** gl-plot3d starting its loop as it creates a scene: a first, empty frame at once. */
const FIRST_FRAME = '  scene.enableMouseListeners()\n  render()\n';

/** The loop started on the next animation frame instead (see 3. above; needs the resting loop). */
const NEXT_FRAME =
  '  scene.enableMouseListeners()\n  if(!looping) {\n    looping = true\n    requestAnimationFrame(render)\n  }\n';

/** The camera's matrix as it was twice its delay ago (see 4. above). */
const DELAYED_CAMERA = '      view.recalcMatrix(ctime)\n';
const CURRENT_CAMERA = '      view.recalcMatrix(Math.max(ctime, view.lastT()))\n';

/** vectorize-text's shared canvas, made when the module loads (see 5. above). */
const TEXT_CANVAS =
  "if(typeof document !== 'undefined') {\n  defaultCanvas = document.createElement('canvas')\n  defaultCanvas.width = 8192\n  defaultCanvas.height = 1024\n  defaultContext = defaultCanvas.getContext(\"2d\")\n}\n";
/** The canvas made small and read in the page's memory, and fitted to each label (see 5. above). */
const FITTED_TEXT_CANVAS = `if(typeof document !== 'undefined') {
  defaultCanvas = document.createElement('canvas')
  defaultCanvas.width = 512
  defaultCanvas.height = 256
  defaultContext = defaultCanvas.getContext("2d", { willReadFrequently: true })
}

function fitDefaultCanvas(str, options) {
  var size = options.size > 0 ? options.size : 64
  var spacing = options.lineSpacing > 0 ? options.lineSpacing : 1.25
  defaultContext.font = [options.fontStyle, options.fontVariant, options.fontWeight, size + "px", options.font]
    .filter(function(d) {return d}).join(" ")
  var lines = String(str).split(/\\n|<br>/)
  var widest = 0
  for(var i = 0; i < lines.length; ++i) {
    widest = Math.max(widest, defaultContext.measureText(lines[i]).width)
  }
  var width = Math.min(8192, Math.ceil(1.25 * widest + 4 * size))
  var height = Math.ceil((lines.length * spacing + 4) * size)
  if(defaultCanvas.width < width) defaultCanvas.width = width
  if(defaultCanvas.height < height) defaultCanvas.height = height
}
`;
/** Where createText picks the canvas: the default one is fitted to the label first. */
const CREATE_TEXT = '  return vectorizeText(\n    str,\n    options.canvas || defaultCanvas,';
const FITTED_CREATE_TEXT = `  if(!options.canvas && defaultCanvas) {\n    fitDefaultCanvas(str, options)\n  }\n${CREATE_TEXT}`;

/** gl-plot3d making a scene's canvas when none is given (see 6. above). */
const NEW_CANVAS =
  "    canvas = document.createElement('canvas')\n    if(options.container) {\n      var container = options.container\n      container.appendChild(canvas)\n    } else {\n      document.body.appendChild(canvas)\n    }\n";
/** The same, then sized as the resize listener would size it, before its context is made. */
const SIZED_NEW_CANVAS = `${NEW_CANVAS}    if(defaultBool(options.autoResize)) {
      var sizedIn = canvas.parentNode
      var cssWidth = sizedIn && sizedIn !== document.body ? sizedIn.clientWidth : window.innerWidth
      var cssHeight = sizedIn && sizedIn !== document.body ? sizedIn.clientHeight : window.innerHeight
      canvas.width = Math.ceil(cssWidth * (options.pixelRatio || 1))|0
      canvas.height = Math.ceil(cssHeight * (options.pixelRatio || 1))|0
      canvas.style.position = 'absolute'
      canvas.style.left = '0px'
      canvas.style.top = '0px'
      canvas.style.width = cssWidth + 'px'
      canvas.style.height = cssHeight + 'px'
    }
`;

/** plotly's 3D scene container, filling the chart until the first plot places it (see 6.). */
const SCENE_CONTAINER =
  "    sceneContainer.style.width = sceneContainer.style.height = '100%';\n    plotContainer.appendChild(sceneContainer);\n";
/** The container placed at its domain from the start, as `proto.plot` places it. */
const PLACED_SCENE_CONTAINER = `    sceneContainer.style.width = sceneContainer.style.height = '100%';
    var placedIn = fullLayout._size;
    var placedAt = (fullLayout[options.id || 'scene'] || {}).domain;
    if(placedIn && placedAt) {
        sceneContainer.style.left = placedIn.l + placedAt.x[0] * placedIn.w + 'px';
        sceneContainer.style.top = placedIn.t + (1 - placedAt.y[1]) * placedIn.h + 'px';
        sceneContainer.style.width = placedIn.w * (placedAt.x[1] - placedAt.x[0]) + 'px';
        sceneContainer.style.height = placedIn.h * (placedAt.y[1] - placedAt.y[0]) + 'px';
    }
    plotContainer.appendChild(sceneContainer);
`;

/** The file the changes apply to, as Vite names the module. */
export const isStackglModules = (id: string): boolean =>
  /[\\/]plotly\.js[\\/]stackgl_modules[\\/]index\.js$/.test(id.split('?')[0] ?? '');

/** plotly's 3D scene (see 6. above), as Vite names the module. */
export const isGl3dScene = (id: string): boolean =>
  /[\\/]plotly\.js[\\/]src[\\/]plots[\\/]gl3d[\\/]scene\.js$/.test(id.split('?')[0] ?? '');

function replaceOnce(code: string, search: string, replacement: string): string {
  const at = code.indexOf(search);
  if (at === -1 || code.indexOf(search, at + 1) !== -1)
    throw new Error(
      `gl3d-patches: expected exactly one "${search.split('\n')[0]}" in plotly's 3D code; has plotly.js changed? See src/build/gl3d-patches.ts.`,
    );
  return code.slice(0, at) + replacement + code.slice(at + search.length);
}

/** `code` (plotly's stackgl_modules) with the changes to it (1. to 5., and 6.'s canvas). */
export const patchGl3d = (code: string): string =>
  sizedCanvas(
    fittedTextCanvas(currentCamera(firstFrameWithData(restingRenderLoop(lazyPickReadback(code))))),
  );

/** `code` (gl-plot3d) making a scene's canvas at its container's size (see 6. above). */
export const sizedCanvas = (code: string): string =>
  replaceOnce(code, NEW_CANVAS, SIZED_NEW_CANVAS);

/** `code` (plotly's gl3d scene.js) placing a new scene's container at its domain (see 6.). */
export const placedSceneContainer = (code: string): string =>
  replaceOnce(code, SCENE_CONTAINER, PLACED_SCENE_CONTAINER);

/** `code` with vectorize-text's canvas as large as the labels need (see 5. above). */
export const fittedTextCanvas = (code: string): string =>
  replaceOnce(replaceOnce(code, TEXT_CANVAS, FITTED_TEXT_CANVAS), CREATE_TEXT, FITTED_CREATE_TEXT);

/** `code` with the camera drawn at the latest time it has (see 4. above). */
export const currentCamera = (code: string): string =>
  replaceOnce(code, DELAYED_CAMERA, CURRENT_CAMERA);

/** `code` (with the resting loop) drawing a new scene's first frame once plotly gives its data. */
export function firstFrameWithData(code: string): string {
  // NEXT_FRAME uses the resting loop's `looping`; without it the page would throw on every scene.
  if (!code.includes(RESTING_RENDER_LOOP))
    throw new Error('gl3d-patches: the first-frame change needs the resting render loop first.');
  return replaceOnce(code, FIRST_FRAME, NEXT_FRAME);
}

/** `code` with gl-plot3d's render loop resting while its canvas is off screen. */
export const restingRenderLoop = (code: string): string =>
  replaceOnce(code, RENDER_LOOP, RESTING_RENDER_LOOP);

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
