import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  currentCamera,
  fittedTextCanvas,
  firstFrameWithData,
  isGl3dScene,
  isStackglModules,
  lazyPickReadback,
  patchGl3d,
  placedSceneContainer,
  restingRenderLoop,
  sizedCanvas,
} from './gl3d-patches.ts';

const require = createRequire(import.meta.url);
const stackglPath = require.resolve('plotly.js/stackgl_modules/index.js');
const scenePath = require.resolve('plotly.js/src/plots/gl3d/scene.js');

/**
 * gl-select-static's SelectBuffer as plotly ships it, cut down to what the patch touches: the
 * read-back scheduled at the end of a pick pass, and the hover query.
 */
const SELECT_BUFFER = `
function SelectBuffer(gl) {
  this.gl = gl
  this._readTimeout = null
  var self = this
  this._readCallback = function() { gl.reads++ }
}
var proto = SelectBuffer.prototype
proto.end = function() {
  var gl = this.gl
  if(!this._readTimeout) {
    clearTimeout(this._readTimeout)
  }
  this._readTimeout = setTimeout(this._readCallback, 1)
}
proto.query = function(x, y, radius) {
  if(!this.gl) {
    return null
  }

  return 'hit'
}
return SelectBuffer
`;

interface FakeGl {
  reads: number;
  FRAMEBUFFER: number;
  bound: unknown;
  bindFramebuffer(target: number, fbo: unknown): void;
}

function selectBuffer(source: string) {
  // The module's code as it would run in the page, with the timers it uses.
  const SelectBuffer = runInNewContext(`(function () {${source}})()`, {
    setTimeout,
    clearTimeout,
  }) as new (gl: FakeGl) => { end(): void; query(x: number, y: number, r: number): unknown };
  const gl: FakeGl = {
    reads: 0,
    FRAMEBUFFER: 0x8d40,
    bound: 'pick buffer',
    bindFramebuffer(_target, fbo) {
      this.bound = fbo;
    },
  };
  return { buffer: new SelectBuffer(gl), gl };
}

describe('the pick buffer read on demand', () => {
  it('applies to plotly as installed: no read-back scheduled, the query reads first', () => {
    const original = readFileSync(stackglPath, 'utf8');
    const patched = lazyPickReadback(original);
    expect(original).toContain('setTimeout(this._readCallback, 1)');
    expect(patched).not.toContain('setTimeout(this._readCallback, 1)');
    expect(patched).toContain('this._stale = true');
    expect(patched.length - original.length).toBeLessThan(200);
    // Both changes apply together, each once.
    const both = patchGl3d(original);
    expect(both).toContain('this._stale = true');
    expect(both.split('new IntersectionObserver(').length - 1).toBe(1);
  });

  it('reads once on the first hover after a pick pass, never for a pass nobody hovers', async () => {
    const { buffer, gl } = selectBuffer(lazyPickReadback(SELECT_BUFFER));
    buffer.end();
    buffer.end();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gl.reads).toBe(0);
    expect(buffer.query(1, 2, 10)).toBe('hit');
    expect(gl.reads).toBe(1);
    expect(gl.bound).toBeNull(); // the screen bound again, as a redraw expects
    buffer.query(3, 4, 10);
    expect(gl.reads).toBe(1);
    buffer.end();
    buffer.query(3, 4, 10);
    expect(gl.reads).toBe(2);
  });

  it('as shipped, every pass is read back whether hovered or not (what the patch changes)', async () => {
    const { buffer, gl } = selectBuffer(SELECT_BUFFER);
    buffer.end();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gl.reads).toBe(1);
  });

  it('fails the build loudly when plotly no longer has the code it expects', () => {
    expect(() => lazyPickReadback('proto.end = function() {}')).toThrow(/has plotly.js changed/);
    expect(() => lazyPickReadback(SELECT_BUFFER + SELECT_BUFFER)).toThrow(/exactly one/);
  });

  it('is applied to plotly stackgl_modules bundle only', () => {
    expect(isStackglModules(stackglPath)).toBe(true);
    expect(isStackglModules('C:\\app\\node_modules\\plotly.js\\stackgl_modules\\index.js')).toBe(
      true,
    );
    expect(isStackglModules(`${stackglPath}?commonjs-proxy`)).toBe(true);
    expect(isStackglModules('/app/node_modules/plotly.js/src/plots/gl3d/scene.js')).toBe(false);
    expect(isStackglModules('/app/node_modules/other/stackgl_modules/index.js')).toBe(false);
  });
});

/** gl-plot3d's render loop as plotly ships it, with the scene and canvas it closes over. */
const RENDER_LOOP = `
  function render() {
    if(scene._stopped || scene.contextLost) {
      return
    }
    // this order is important: ios safari sometimes has sync raf
    redraw()
    requestAnimationFrame(render)
  }
`;

/**
 * Runs the (patched) loop with a fake animation frame, observer and scene; returns its controls.
 * `source` starts the loop itself, or `render()` is called after it, as the scene's creation did.
 */
function renderLoop(source: string, start = '\nrender()') {
  const frames: (() => void)[] = [];
  const observers: {
    callback: (entries: { isIntersecting: boolean }[]) => void;
    disconnected: boolean;
  }[] = [];
  const scene = { _stopped: false, contextLost: false, enableMouseListeners() {} };
  let redraws = 0;
  class FakeObserver {
    entry: (typeof observers)[number];
    constructor(callback: (typeof observers)[number]['callback']) {
      this.entry = { callback, disconnected: false };
      observers.push(this.entry);
    }
    observe() {}
    disconnect() {
      this.entry.disconnected = true;
    }
  }
  runInNewContext(`${source}${start}`, {
    scene,
    canvas: {},
    redraw: () => redraws++,
    requestAnimationFrame: (f: () => void) => frames.push(f),
    IntersectionObserver: FakeObserver,
  });
  const tick = (n: number) => {
    for (let i = 0; i < n; i++) frames.splice(0).forEach((f) => f());
  };
  const see = (isIntersecting: boolean) => observers[0]!.callback([{ isIntersecting }]);
  return { tick, see, scene, observers, redraws: () => redraws, pending: () => frames.length };
}

describe('the 3D render loop rests off screen', () => {
  it('applies to plotly as installed', () => {
    const original = readFileSync(stackglPath, 'utf8');
    expect(original).toContain(RENDER_LOOP.slice(1));
    expect(restingRenderLoop(original)).toContain('watcher.observe(canvas)');
  });

  it('as shipped, the loop runs every frame whatever is on screen', () => {
    const loop = renderLoop(RENDER_LOOP.slice(1));
    loop.tick(5);
    expect(loop.redraws()).toBe(6);
  });

  it('stops when the canvas leaves the viewport and starts again, once, when it comes back', () => {
    const loop = renderLoop(restingRenderLoop(RENDER_LOOP.slice(1)));
    loop.tick(3);
    expect(loop.redraws()).toBe(4); // the first draw, then a frame each
    loop.see(false);
    loop.tick(10);
    expect(loop.redraws()).toBe(4); // the frame already asked for draws nothing: rest
    expect(loop.pending()).toBe(0);
    loop.see(true);
    loop.see(false);
    loop.see(true); // shown, hidden and shown before a frame: still one loop
    expect(loop.pending()).toBe(1);
    loop.tick(4);
    expect(loop.redraws()).toBe(8);
    expect(loop.pending()).toBe(1);
  });

  it('a disposed scene stops its loop and lets go of the observer', () => {
    const loop = renderLoop(restingRenderLoop(RENDER_LOOP.slice(1)));
    loop.scene._stopped = true;
    loop.tick(3);
    expect(loop.pending()).toBe(0);
    loop.see(true);
    expect(loop.observers[0]!.disconnected).toBe(true);
    expect(loop.pending()).toBe(0);
  });
});

/** How gl-plot3d ends creating a scene: the mouse listeners, then the first (empty) frame. */
const SCENE_START = `  scene.enableMouseListeners()
  render()
`;

describe("a new 3D scene's first frame waits for its data", () => {
  const shipped = RENDER_LOOP.slice(1) + SCENE_START;
  const patched = firstFrameWithData(restingRenderLoop(shipped));

  it('applies to plotly as installed, after the resting loop', () => {
    const original = readFileSync(stackglPath, 'utf8');
    expect(original).toContain(SCENE_START);
    const all = patchGl3d(original);
    expect(all).not.toContain(SCENE_START);
    expect(all).toContain('  scene.enableMouseListeners()\n  if(!looping) {');
  });

  it('as shipped, creating a scene draws a frame at once, before any data', () => {
    const loop = renderLoop(shipped, '');
    expect(loop.redraws()).toBe(1);
  });

  it('draws nothing while the scene is created, then a frame each animation frame', () => {
    const loop = renderLoop(patched, '');
    expect(loop.redraws()).toBe(0);
    expect(loop.pending()).toBe(1);
    // The observer's first report (on screen) does not start a second loop.
    loop.see(true);
    expect(loop.pending()).toBe(1);
    loop.tick(3);
    expect(loop.redraws()).toBe(3);
    loop.see(false);
    loop.tick(2);
    expect(loop.redraws()).toBe(3);
  });

  it('fails the build loudly when plotly no longer starts its loop this way', () => {
    expect(() => firstFrameWithData(restingRenderLoop(RENDER_LOOP.slice(1)))).toThrow(
      /has plotly.js changed/,
    );
  });

  it('refuses to apply without the resting loop, whose `looping` it uses', () => {
    expect(() => firstFrameWithData(shipped)).toThrow(/needs the resting render loop/);
  });
});

/** orbit-camera's tick as plotly ships it, up to the matrix it computes. */
const CAMERA_TICK = `
      var t = now()
      var delay = this.delay
      var ctime = t - 2 * delay
      view.idle(t-delay)
      view.recalcMatrix(ctime)
      view.flush(t-(100+delay*2))
`;

/** The time the (patched) tick computes the camera at, for a view last changed at `lastT`. */
function cameraTime(source: string, t: number, lastT: number): number {
  let at = NaN;
  const view = {
    idle: () => undefined,
    flush: () => undefined,
    lastT: () => lastT,
    recalcMatrix: (time: number) => (at = time),
  };
  runInNewContext(`(function () {${source}}).call({ delay: 16 })`, { now: () => t, view });
  return at;
}

describe('the 3D camera is drawn where it is', () => {
  it('applies to plotly as installed', () => {
    const original = readFileSync(stackglPath, 'utf8');
    expect(original).toContain(CAMERA_TICK.slice(1));
    expect(patchGl3d(original)).toContain('view.recalcMatrix(Math.max(ctime, view.lastT()))');
  });

  it('as shipped, a frame draws the camera as it was 32 ms before, even if set since', () => {
    expect(cameraTime(CAMERA_TICK, 1000, 990)).toBe(968);
  });

  it('draws the camera at the latest time it has, never earlier than before', () => {
    const patched = currentCamera(CAMERA_TICK);
    expect(cameraTime(patched, 1000, 990)).toBe(990);
    expect(cameraTime(patched, 1000, 900)).toBe(968);
  });

  it('fails the build loudly when the camera no longer ticks this way', () => {
    expect(() => currentCamera('view.recalcMatrix(t)')).toThrow(/has plotly.js changed/);
  });
});

/** The module that makes vectorize-text's shared canvas, as plotly ships it. */
function textModule(code: string): string {
  const start = code.indexOf(
    '/***/ 4359:\n/***/ (function(module, __unused_webpack_exports, __webpack_require__) {\n',
  );
  const end = code.indexOf('\n/***/ }),', start);
  if (start === -1 || end === -1)
    throw new Error('no vectorize-text canvas module in stackgl_modules');
  return code.slice(code.indexOf('{\n', start) + 2, end);
}

interface FakeCanvas {
  width: number;
  height: number;
  contextOptions?: unknown;
}

/**
 * Runs the text module with a fake document and vectorize-text: each glyph of the canvas font's
 * size measures half of it wide. Returns createText and the canvas sizes vectorize-text was given.
 */
function createTextWith(source: string) {
  const canvas: FakeCanvas = { width: 300, height: 150 };
  const context = {
    font: '10px sans-serif',
    measureText(text: string) {
      return { width: (text.length * Number(/(\d+)px/.exec(this.font)?.[1] ?? 10)) / 2 };
    },
  };
  const drawnOn: { width: number; height: number; font: string }[] = [];
  const vectorize = (_str: string, on: FakeCanvas) => {
    drawnOn.push({ width: on.width, height: on.height, font: context.font });
    return { cells: [], positions: [] };
  };
  const module = { exports: null as unknown };
  const document = {
    createElement: () =>
      Object.assign(canvas, {
        getContext: (_type: string, options?: unknown) => {
          canvas.contextOptions = options;
          return context;
        },
      }),
  };
  runInNewContext(source, { module, document, __webpack_require__: () => vectorize });
  return {
    createText: module.exports as (str: string, options?: object) => unknown,
    canvas,
    drawnOn,
  };
}

describe('the 3D label canvas is as large as the labels need', () => {
  const original = readFileSync(stackglPath, 'utf8');

  it('applies to plotly as installed, with the other changes', () => {
    const patched = fittedTextCanvas(original);
    expect(original).toContain('defaultCanvas.width = 8192');
    expect(patched).not.toContain('defaultCanvas.width = 8192');
    expect(patchGl3d(original)).toContain('fitDefaultCanvas(str, options)');
  });

  it('as shipped, one 8192 x 1024 canvas for every label, read back through the GPU', () => {
    const { createText, canvas, drawnOn } = createTextWith(textModule(original));
    createText('1');
    expect(drawnOn).toEqual([{ width: 8192, height: 1024, font: '10px sans-serif' }]);
    expect(canvas.contextOptions).toBeUndefined();
  });

  it('starts small, in page memory, and grows to the widest and tallest label so far', () => {
    const { createText, canvas, drawnOn } = createTextWith(textModule(fittedTextCanvas(original)));
    expect(canvas).toMatchObject({
      width: 512,
      height: 256,
      contextOptions: { willReadFrequently: true },
    });
    createText('1');
    // 64 px (vectorize-text's size): 32 px wide; 1.25 x 32 + 4 x 64 = 296; (1 x 1.25 + 4) x 64 = 336.
    expect(drawnOn.at(-1)).toMatchObject({ width: 512, height: 336 });
    createText('Recency (days)', { font: 'Arial', fontWeight: 'bold' });
    expect(drawnOn.at(-1)).toMatchObject({ width: 816, height: 336 });
    expect(drawnOn.at(-1)?.font).toBe('bold 64px Arial');
    // Two lines are taller; a shorter label keeps the canvas as it is.
    createText('a<br>b');
    expect(drawnOn.at(-1)).toMatchObject({ width: 816, height: 416 });
    createText('x', { size: 8 });
    expect(drawnOn.at(-1)).toMatchObject({ width: 816, height: 416 });
    // Never wider than it was.
    createText('W'.repeat(400));
    expect(drawnOn.at(-1)?.width).toBe(8192);
  });

  it('leaves a canvas the caller gives alone', () => {
    const { createText, drawnOn } = createTextWith(textModule(fittedTextCanvas(original)));
    const own = { width: 10, height: 10 };
    createText('a long label that would not fit', { canvas: own, context: {} });
    expect(drawnOn).toEqual([{ width: 10, height: 10, font: '10px sans-serif' }]);
  });

  it('fails the build loudly when vectorize-text no longer makes its canvas this way', () => {
    expect(() =>
      fittedTextCanvas(
        original.replace('defaultCanvas.width = 8192', 'defaultCanvas.width = 4096'),
      ),
    ).toThrow(/has plotly.js changed/);
  });
});

/** The code of `source` from `start` up to (not including) `end`, which must both be there. */
function between(source: string, start: string, end: string): string {
  const from = source.indexOf(start);
  const to = source.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`no "${start}" ... "${end}" in the module`);
  return source.slice(from, to);
}

interface FakeElement {
  width: number;
  height: number;
  style: Record<string, string>;
  parentNode?: FakeElement | undefined;
  clientWidth: number;
  clientHeight: number;
  appendChild(child: FakeElement): void;
}

function element(clientWidth = 0, clientHeight = 0): FakeElement {
  return {
    width: 300,
    height: 150,
    style: {},
    clientWidth,
    clientHeight,
    appendChild(child) {
      child.parentNode = this;
    },
  };
}

/**
 * gl-plot3d's createScene up to the point where it makes the WebGL context, run with a fake
 * document: returns the canvas as the context would find it.
 */
function canvasAtContext(stackgl: string, options: object): FakeElement {
  const start = between(stackgl, 'function createScene(options) {', '\n  var gl = options.gl\n');
  const defaultBool = between(stackgl, 'function defaultBool(x) {', '\nfunction createScene');
  const body = element();
  const document = { body, createElement: () => element() };
  const window = { innerWidth: 1280, innerHeight: 800 };
  return runInNewContext(`${defaultBool}\n${start}\n  return canvas\n}\ncreateScene`, {
    document,
    window,
  })(options) as FakeElement;
}

describe("a new 3D scene's canvas is made at its final size", () => {
  const stackgl = readFileSync(stackglPath, 'utf8');
  const scene = readFileSync(scenePath, 'utf8');

  it('applies to plotly as installed, with the other changes', () => {
    const all = patchGl3d(stackgl);
    const creating = between(all, 'function createScene(options) {', 'function resizeListener()');
    // Sized first, then the context is made on it.
    expect(creating.indexOf('canvas.height = Math.ceil(')).toBeGreaterThan(0);
    expect(creating.indexOf('canvas.height = Math.ceil(')).toBeLessThan(
      creating.indexOf('gl = getContext(canvas'),
    );
    expect(placedSceneContainer(scene)).toContain('sceneContainer.style.height = placedIn.h * (');
  });

  it('as shipped, the context is made on a 300 x 150 canvas that the listener then resizes', () => {
    const container = element(1182, 540);
    const canvas = canvasAtContext(stackgl, { container, pixelRatio: 1 });
    expect([canvas.width, canvas.height]).toEqual([300, 150]);
  });

  it('sizes the canvas as the resize listener would: its container times the pixel ratio', () => {
    const patched = sizedCanvas(stackgl);
    const container = element(1182, 540);
    const canvas = canvasAtContext(patched, { container, pixelRatio: 1.5 });
    expect(canvas.parentNode).toBe(container);
    expect([canvas.width, canvas.height]).toEqual([1773, 810]);
    expect(canvas.style).toEqual({
      position: 'absolute',
      left: '0px',
      top: '0px',
      width: '1182px',
      height: '540px',
    });
    // No ratio given: 1, as the scene takes it. No container: the window, as the listener does.
    expect(canvasAtContext(patched, { container: element(7, 5) })).toMatchObject({
      width: 7,
      height: 5,
    });
    expect(canvasAtContext(patched, {})).toMatchObject({ width: 1280, height: 800 });
  });

  it('leaves alone a canvas the caller gives, and a scene that does not resize itself', () => {
    const patched = sizedCanvas(stackgl);
    const given = element();
    expect(canvasAtContext(patched, { canvas: given, container: element(1182, 540) })).toBe(given);
    expect(given.width).toBe(300);
    const fixed = canvasAtContext(patched, { container: element(1182, 540), autoResize: false });
    expect([fixed.width, fixed.height]).toEqual([300, 150]);
  });

  /** plotly's Scene constructor up to its container's placing, with a fake document. */
  function sceneContainer(code: string, fullLayout: object, id = 'scene'): FakeElement {
    const start = between(code, 'function Scene(options, fullLayout) {', '    this.fullLayout');
    const document = { createElement: () => element(), createElementNS: () => element() };
    return runInNewContext(`${start}\n    return sceneContainer\n}\nScene`, { document })(
      { container: element(), id },
      fullLayout,
    ) as FakeElement;
  }

  it("places the scene's container at its domain from the start, as plotting places it", () => {
    const size = { l: 10, t: 40, w: 1172, h: 500 };
    const domain = { x: [0, 0.5], y: [0.2, 1] };
    const expected = {
      left: `${size.l + domain.x[0]! * size.w}px`,
      top: `${size.t + (1 - domain.y[1]!) * size.h}px`,
      width: `${size.w * (domain.x[1]! - domain.x[0]!)}px`,
      height: `${size.h * (domain.y[1]! - domain.y[0]!)}px`,
    };
    const placed = sceneContainer(
      placedSceneContainer(scene),
      { _size: size, scene2: { domain } },
      'scene2',
    );
    expect(placed.style).toMatchObject({ position: 'absolute', ...expected });
    // As shipped: the whole chart until the first plot.
    const shipped = sceneContainer(scene, { _size: size, scene2: { domain } }, 'scene2');
    expect(shipped.style).toMatchObject({ left: '0px', top: '0px', width: '100%', height: '100%' });
    // Not known yet: as shipped.
    expect(sceneContainer(placedSceneContainer(scene), {}).style).toMatchObject({
      width: '100%',
      height: '100%',
    });
  });

  it('is applied to the scene module only, and fails the build loudly if plotly changes', () => {
    expect(isGl3dScene(scenePath)).toBe(true);
    expect(isGl3dScene('C:\\app\\node_modules\\plotly.js\\src\\plots\\gl3d\\scene.js')).toBe(true);
    expect(isGl3dScene(stackglPath)).toBe(false);
    expect(isGl3dScene(`${scenePath}.map`)).toBe(false);
    expect(isStackglModules(`${stackglPath}.map`)).toBe(false);
    expect(isGl3dScene('/app/node_modules/plotly.js/src/plots/gl2d/scene.js')).toBe(false);
    expect(() =>
      placedSceneContainer(
        scene.replace(
          "sceneContainer.style.width = sceneContainer.style.height = '100%';",
          "sceneContainer.style.width = sceneContainer.style.height = '99%';",
        ),
      ),
    ).toThrow(/has plotly.js changed/);
    expect(() => sizedCanvas('function createScene(options) {}')).toThrow(/has plotly.js changed/);
  });
});
