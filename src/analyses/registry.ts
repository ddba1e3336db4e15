/**
 * Every analysis of the results, one entry each, in tab order. Navigation (app/Nav.tsx), drawing
 * ahead (app/Screens.tsx), the store's shape and resets (store/store.ts) and what is kept in the
 * browser (store/persistence.ts) all read this list. Adding an analysis: README "Adding an
 * analysis". Entries marked `advanced` are hidden until the user turns on "Advanced" beside
 * the tabs (the simple mode the app opens in), and their tabs come after the others.
 */
import { type Analysis, lazyScreen } from './analysis.ts';
import { changesSlice } from './changes/slice.ts';
import { customersSlice } from './customers/slice.ts';
import { exploreSlice } from './explore/slice.ts';
import { validationSlice } from './validation/slice.ts';
import { valueSlice } from './value/slice.ts';
import { whatIfSlice } from './whatif/slice.ts';

export const ANALYSES = [
  {
    view: 'overview',
    label: 'Overview',
    screen: lazyScreen(
      () => import('./overview/OverviewScreen.tsx'),
      (m) => m.OverviewScreen,
    ),
    ready: (s) => s.prepared !== null,
  },
  {
    view: 'k',
    label: 'Choose k',
    advanced: true,
    screen: lazyScreen(
      () => import('./choose-k/ChooseKScreen.tsx'),
      (m) => m.ChooseKScreen,
    ),
    ready: (s) => s.clustering !== null,
    // A file scored with a saved model has its k from the model: nothing to choose.
    hidden: (s) => s.clustering?.scoredWith !== undefined,
    ahead: 2,
  },
  {
    view: 'segments',
    label: 'Segments',
    screen: lazyScreen(
      () => import('./segments/SegmentsScreen.tsx'),
      (m) => m.SegmentsScreen,
    ),
    // Its charts are drawn ahead; the 3D scatter (WebGL) only when asked for, on the screen shown.
    ready: (s) => s.segmentation !== null,
    ahead: 1,
    // The segment table's value columns, once the charts are drawn.
    load: () => import('./value/actions.ts').then((m) => m.loadValueWhenIdle()),
  },
  {
    view: 'cohorts',
    label: 'Repeat customers',
    screen: lazyScreen(
      () => import('./cohorts/CohortsScreen.tsx'),
      (m) => m.CohortsScreen,
    ),
    // The cohorts come with the cleaned rows, but are drawn once k is swept (app/Screens.tsx).
    ready: (s) => s.prepared !== null,
    ahead: 3,
  },
  {
    view: 'customers',
    label: 'Customers',
    screen: lazyScreen(
      () => import('./customers/CustomersScreen.tsx'),
      (m) => m.CustomersScreen,
    ),
    ready: (s) => s.segmentation !== null,
    // Lifetime value columns: asked when the table is first shown.
    load: () => import('./value/actions.ts').then((m) => m.loadValue()),
    slice: customersSlice,
  },
  {
    view: 'value',
    label: 'Value',
    screen: lazyScreen(
      () => import('./value/ValueScreen.tsx'),
      (m) => m.ValueScreen,
    ),
    ready: (s) => s.segmentation !== null,
    // Fitted in the worker when first needed, never before the first charts.
    load: () => import('./value/actions.ts').then((m) => m.loadValue()),
    slice: valueSlice,
  },
  {
    view: 'whatif',
    label: 'What if',
    screen: lazyScreen(
      () => import('./whatif/WhatIfScreen.tsx'),
      (m) => m.WhatIfScreen,
    ),
    ready: (s) => s.segmentation !== null,
    slice: whatIfSlice,
  },
  {
    view: 'countries',
    label: 'Countries',
    screen: lazyScreen(
      () => import('./countries/CountriesScreen.tsx'),
      (m) => m.CountriesScreen,
    ),
    // Only for files with a country column.
    hidden: (s) => s.prepared?.file.mapping.country === undefined,
    ready: (s) => s.segmentation !== null,
  },
  {
    view: 'validation',
    label: 'Validation',
    advanced: true,
    screen: lazyScreen(
      () => import('./validation/ValidationScreen.tsx'),
      (m) => m.ValidationScreen,
    ),
    ready: (s) => s.segmentation !== null,
    // Computed in the worker only while shown: the bootstrap and the other models take seconds.
    load: () => import('./validation/validation-actions.ts').then((m) => m.refreshValidation()),
    slice: validationSlice,
  },
  {
    view: 'changes',
    label: 'Changes',
    screen: lazyScreen(
      () => import('./changes/ChangesScreen.tsx'),
      (m) => m.ChangesScreen,
    ),
    ready: (s) => s.segmentation !== null,
    slice: changesSlice,
  },
  {
    view: 'explore',
    label: 'Explore',
    advanced: true,
    screen: lazyScreen(
      () => import('./explore/ExploreScreen.tsx'),
      (m) => m.ExploreScreen,
    ),
    ready: (s) => s.segmentation !== null,
    // An autoencoder, HDBSCAN with bootstrap and a UMAP map: seconds of work, only while shown.
    load: () => import('./explore/actions.ts').then((m) => m.refreshExplore()),
    slice: exploreSlice,
  },
  {
    view: 'export',
    label: 'Export',
    screen: lazyScreen(
      () => import('./export/ExportScreen.tsx'),
      (m) => m.ExportScreen,
    ),
    ready: (s) => s.segmentation !== null,
  },
] as const satisfies readonly Analysis[];

export type AnalysisEntry = (typeof ANALYSES)[number];
export type View = AnalysisEntry['view'];

/** The tabs left out for the results in the store (Analysis.hidden). */
export const hiddenViews = (s: Parameters<Analysis['ready']>[0]): View[] =>
  ANALYSES.filter((a) => 'hidden' in a && a.hidden(s)).map((a) => a.view);

export const analysisOf = (view: View): Analysis => ANALYSES.find((a) => a.view === view)!;

/**
 * The analyses drawn ahead, once k is swept (app/Screens.tsx), in the order a user is likely to
 * open them: the segments, then Choose k (advanced), then the cohorts.
 */
export const DRAWN_AHEAD: readonly AnalysisEntry[] = ANALYSES.filter((a) => 'ahead' in a).sort(
  (a, b) => ('ahead' in a ? a.ahead : 0) - ('ahead' in b ? b.ahead : 0),
);
