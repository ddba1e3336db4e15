import { useEffect, useRef, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { flushSave } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import './ReloadPrompt.css';

/** How often a long-open tab asks the host for a new version (when online). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** "Ready to work offline" is good news, not a task: it goes away by itself. */
const OFFLINE_READY_MS = 15_000;
/** How long the results must have had nothing to do before the offline copy is downloaded. */
const QUIET_MS = 3000;
/**
 * How long the start screen must have waited for a file first: long enough that a user who came
 * to analyse a file has dropped it. Once started, storing the app goes on beside the file's read
 * (it cannot be paused).
 */
const START_QUIET_MS = 20_000;

/**
 * The service worker is registered once the app has been quiet: with the results shown and no
 * clustering running for QUIET_MS, or on the start screen, before a file is chosen, for
 * START_QUIET_MS. On a first visit registering downloads and stores the whole app (about 10 MB
 * with plotly and the sample); done while a file is read it took the second core from the
 * analysis (a file dropped at once on a fresh page: overview 2.5-3.2 s with it, 1.9-2.8 s
 * without, on the UCI file, 2 cores). Started after 3 s on the start screen, it was still
 * storing when a file dropped after 4 s was read: the overview came 1.57 and 1.62 s after the
 * click, against 0.94 and 0.97 s registering only after 20 s (medians of 3 page loads, alternating;
 * every chart 4.9 s against 3.6 and 4.0 s). Once registered it stays registered; a returning
 * visitor's page is controlled from the start.
 */
export function ReloadPrompt() {
  const phase = useApp((s) => s.phase);
  const quiet = useApp((s) => (s.phase === 'start' || s.phase === 'results') && !s.clusteringBusy);
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (due || !quiet) return;
    const timer = setTimeout(() => setDue(true), phase === 'start' ? START_QUIET_MS : QUIET_MS);
    return () => clearTimeout(timer);
  }, [due, quiet, phase]);
  return due ? <Registered /> : null;
}

/**
 * Registers the service worker and tells the user when the app works offline and when a new
 * version is ready. The page never reloads by itself: only the Reload button does, and it waits
 * while an analysis runs, because a reload would lose it.
 */
function Registered() {
  const busy = useApp((s) => s.phase === 'running' || s.clusteringBusy);
  const reloadRequested = useRef(false);
  const registration = useRef<ServiceWorkerRegistration | undefined>(undefined);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, reg) {
      registration.current = reg;
    },
    onRegisterError(error) {
      console.warn('Segment: offline use is not available in this browser.', error);
    },
    // The new version took over after another tab's Reload: say so, but leave this page alone.
    // (Our own Reload reloads on controllerchange, which also covers a first-visit page.)
    onNeedReload() {
      if (!reloadRequested.current) setNeedRefresh(true);
    },
  });

  const reload = async () => {
    reloadRequested.current = true;
    // The analysis on screen comes back after the reload: make sure it is saved first.
    await flushSave();
    const reg = registration.current ?? (await navigator.serviceWorker.getRegistration());
    // Already activated (by another tab): the new version is in charge, a reload shows it.
    if (!reg?.waiting) {
      window.location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
      once: true,
    });
    await updateServiceWorker(true);
  };

  useEffect(() => {
    const timer = setInterval(() => {
      if (navigator.onLine) void registration.current?.update().catch(() => undefined);
    }, UPDATE_CHECK_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), OFFLINE_READY_MS);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);

  if (needRefresh)
    return (
      <div className="pwa-notice" role="status" data-testid="pwa-update">
        <p className="pwa-notice-message">A new version is available — Reload to use it.</p>
        {busy && (
          <p className="pwa-notice-note" data-testid="pwa-update-busy">
            The Reload button waits until the analysis has finished.
          </p>
        )}
        <div className="pwa-notice-actions">
          <button
            type="button"
            data-testid="pwa-reload"
            disabled={busy}
            onClick={() => void reload()}
          >
            Reload
          </button>
          <button type="button" className="secondary" onClick={() => setNeedRefresh(false)}>
            Not now
          </button>
        </div>
      </div>
    );

  if (offlineReady)
    return (
      <div className="pwa-notice" role="status" data-testid="pwa-offline-ready">
        <p className="pwa-notice-message">
          Ready to work offline: the app and its sample are now saved in this browser.
        </p>
        <div className="pwa-notice-actions">
          <button type="button" className="secondary" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </div>
      </div>
    );

  return null;
}
