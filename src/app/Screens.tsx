import { useEffect, useState } from 'react';
import { CohortsScreen } from '../analyses/cohorts/CohortsScreen.tsx';
import { ChooseKScreen } from '../analyses/choose-k/ChooseKScreen.tsx';
import { CustomersScreen } from '../analyses/customers/CustomersScreen.tsx';
import { OverviewScreen } from '../analyses/overview/OverviewScreen.tsx';
import { SegmentsScreen } from '../analyses/segments/SegmentsScreen.tsx';
import { ValidationScreen } from '../analyses/validation/ValidationScreen.tsx';
import { WhatIfScreen } from '../analyses/whatif/WhatIfScreen.tsx';
import { type AppState, useApp, type View } from '../store/store.ts';

const SCREENS: Record<View, () => React.JSX.Element> = {
  overview: OverviewScreen,
  k: ChooseKScreen,
  segments: SegmentsScreen,
  cohorts: CohortsScreen,
  customers: CustomersScreen,
  whatif: WhatIfScreen,
  validation: ValidationScreen,
};

/**
 * Chart screens drawn ahead, while the user reads another one, in the order their data arrive:
 * cohorts with the cleaned rows (drawn while the worker sweeps k), then the k charts, then the
 * segments (the 3D scatter is the slowest chart to set up).
 */
const AHEAD: readonly { view: View; ready: (s: AppState) => boolean }[] = [
  { view: 'cohorts', ready: (s) => s.prepared !== null },
  { view: 'k', ready: (s) => s.clustering !== null },
  { view: 'segments', ready: (s) => s.segmentation !== null },
];

const whenIdle = (work: () => void): (() => void) => {
  if ('requestIdleCallback' in window) {
    const id = requestIdleCallback(work, { timeout: 500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 50);
  return () => clearTimeout(id);
};

/**
 * The result screens. The one chosen is shown; the ones opened before, and the chart screens
 * drawn ahead, stay mounted but hidden (inert, out of the layout), so their charts keep their
 * drawing and WebGL context and reopening a tab is instant.
 */
export function Screens() {
  const view = useApp((s) => s.view);
  const readyAhead = useApp((s) => AHEAD.filter((a) => a.ready(s)).length);
  const [kept, setKept] = useState<readonly View[]>([view]);
  if (!kept.includes(view)) setKept([...kept, view]);

  // One screen per idle moment, so drawing ahead never holds up the screen being looked at.
  useEffect(() => {
    const ahead = AHEAD.slice(0, readyAhead).find((a) => !kept.includes(a.view));
    if (!ahead) return;
    return whenIdle(() => setKept((k) => (k.includes(ahead.view) ? k : [...k, ahead.view])));
  }, [kept, readyAhead]);

  return (
    <div className="screens">
      {kept.map((v) => {
        const Screen = SCREENS[v];
        const shown = v === view;
        return (
          <section
            key={v}
            className={shown ? 'screen' : 'screen screen-ahead'}
            aria-live={shown ? 'polite' : undefined}
            aria-hidden={shown ? undefined : true}
            inert={!shown}
          >
            <Screen />
          </section>
        );
      })}
    </div>
  );
}
