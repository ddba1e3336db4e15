/**
 * What an analysis is to the app: one folder under src/analyses and one entry in registry.ts.
 * The entry is all the shell needs: the tab, the screen (loaded on first need), when it can be
 * drawn ahead, what to load when it is shown, and the state it owns (src/store/slice.ts), from
 * which every reset and what is kept in the browser are derived.
 */
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { AnySlice } from '../store/slice.ts';
import type { ResultsOfRun } from '../store/slices/results.ts';

export interface LazyScreen {
  Component: LazyExoticComponent<ComponentType>;
  /** Fetches the screen's code now (while the file is read), so showing it never waits. */
  preload: () => Promise<unknown>;
}

/** A screen module's export, loaded when first needed. */
export function lazyScreen<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): LazyScreen {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const preload = () => (loading ??= load().then((m) => ({ default: pick(m) })));
  return { Component: lazy(preload), preload };
}

export interface Analysis<V extends string = string> {
  /** Its name in the store (`view`) and in test ids (`nav-<view>`). */
  view: V;
  /** Its tab. */
  label: string;
  /**
   * A statistical screen: hidden in the simple mode the app opens in, shown by the "Advanced"
   * switch beside the tabs.
   */
  advanced?: boolean;
  screen: LazyScreen;
  /** When its tab is left out (Choose k for a file scored with a saved model); absent: never. */
  hidden?: (results: ResultsOfRun) => boolean;
  /** When its data are there, so it can be drawn ahead of being opened. */
  ready: (results: ResultsOfRun) => boolean;
  /** Drawn ahead while idle, in this order (lower first); absent: drawn when opened. */
  ahead?: number;
  /** Brings its results up to date; called while it is shown and the segments change. */
  load?: () => Promise<void> | void;
  /** The state it owns, and so how it resets and what of it is kept in the browser. */
  slice?: AnySlice;
}
