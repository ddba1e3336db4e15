import { Suspense, useEffect, useState } from 'react';
import { analysisOf, DRAWN_AHEAD } from '../analyses/registry.ts';
import { ScreenShown } from '../charts/draw-order.ts';
import { useApp, type View } from '../store/store.ts';
import { whenIdle } from '../ui/idle.ts';

/**
 * The result screens (src/analyses/registry.ts). The one chosen is shown; the ones opened before,
 * and the chart screens drawn ahead, stay mounted but hidden (inert, out of the layout), so their
 * charts keep their drawing and WebGL context and reopening a tab is instant. A WebGL chart waits
 * until its screen is shown (charts/draw-order.ts says why).
 */
export function Screens() {
  const view = useApp((s) => s.view);
  // The screens whose data are there, as one string: a selector's new array would re-render
  // on every change of the store.
  const readyAhead = useApp((s) =>
    DRAWN_AHEAD.filter((a) => a.ready(s))
      .map((a) => a.view)
      .join(' '),
  );
  const [kept, setKept] = useState<readonly View[]>([view]);
  if (!kept.includes(view)) setKept([...kept, view]);

  // One screen per idle moment, so drawing ahead never holds up the screen being looked at; and
  // only once k is swept (or the file scored with a model): the sweep keeps both cores busy, and
  // a chart drawn then (the cohort heatmap, about 1.5 s of main thread under load) delayed the
  // first chart by as much. Not before it starts either: in the moment between the overview's
  // data and the sweep, the heatmap (0.6 s of main thread) held up the overview's first frame.
  const busy = useApp((s) => s.clusteringBusy);
  const swept = useApp((s) => s.clustering !== null);
  useEffect(() => {
    const next = (readyAhead.split(' ').filter(Boolean) as View[]).find((v) => !kept.includes(v));
    if (!next || busy || !swept) return;
    return whenIdle(() => setKept((k) => (k.includes(next) ? k : [...k, next])), 500);
  }, [kept, readyAhead, busy, swept]);

  // The shown analysis brings its results up to date when the segments on screen change.
  const segmentation = useApp((s) => s.segmentation);
  const clustering = useApp((s) => s.clustering);
  const dbscan = useApp((s) => s.dbscan);
  useEffect(() => {
    if (!busy) void analysisOf(view).load?.();
  }, [view, segmentation, clustering, dbscan, busy]);

  return (
    <div className="screens">
      {kept.map((v) => {
        const { Component } = analysisOf(v).screen;
        const shown = v === view;
        return (
          <section
            key={v}
            className={shown ? 'screen' : 'screen screen-ahead'}
            aria-live={shown ? 'polite' : undefined}
            aria-hidden={shown ? undefined : true}
            inert={!shown}
          >
            <ScreenShown.Provider value={shown}>
              <Suspense fallback={null}>
                <Component />
              </Suspense>
            </ScreenShown.Provider>
          </section>
        );
      })}
    </div>
  );
}
