import { useEffect } from 'react';
import { ANALYSES } from '../analyses/registry.ts';
import { BASE_LAYOUT, loadPlotly } from '../charts/Plot.tsx';
import { warmUpCharts } from '../charts/warm-up.ts';
import { MappingScreen } from '../screens/mapping/MappingScreen.tsx';
import { ProgressScreen } from '../screens/progress/ProgressScreen.tsx';
import { ResultsToolbar } from '../analyses/export/ResultsToolbar.tsx';
import { ModelBanner } from '../screens/model/ModelBanner.tsx';
import { StartScreen } from '../screens/start/StartScreen.tsx';
import { startOver, warmUpWhileWaiting } from '../store/actions.ts';
import { appStore, useApp } from '../store/store.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ForgetData, RestoredNote } from './ForgetData.tsx';
import { Nav } from './Nav.tsx';
import { PrivacyNote } from './PrivacyNote.tsx';
import { Screens } from './Screens.tsx';
import { ReloadPrompt } from './pwa/ReloadPrompt.tsx';

export function App() {
  const phase = useApp((s) => s.phase);
  // A restored analysis has no file, only its name.
  const fileName = useApp((s) => s.file?.name ?? s.prepared?.file.name);

  // Load the chart library and the result screens (each its own chunk) while the page is idle
  // (start and mapping screens), so neither the overview's first render nor the first chart
  // waits for a script to be evaluated, and none is evaluated while a file is read; draw a
  // chart of each kind off screen meanwhile (charts/warm-up.ts); and, while no file has come,
  // ready the workers' code for the first k sweep.
  useEffect(() => {
    const load = () => {
      for (const analysis of ANALYSES) void analysis.screen.preload();
      void loadPlotly().then((Plotly) =>
        warmUpCharts(Plotly, () => appStore.getState().phase === 'start', BASE_LAYOUT),
      );
      warmUpWhileWaiting();
    };
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(load, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 1000);
    return () => clearTimeout(id);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <button
          type="button"
          className="brand"
          onClick={startOver}
          aria-label="Segment: start over"
        >
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="28" height="28" />
          <span>Segment</span>
        </button>
        {fileName && phase !== 'start' && (
          <span className="file-name" title={fileName}>
            {fileName}
          </span>
        )}
        <PrivacyNote />
        <ForgetData />
      </header>
      <main className="app-main">
        <ReloadPrompt />
        <ErrorBanner />
        {phase === 'start' && <StartScreen />}
        {phase === 'sniffing' && (
          <p className="busy" aria-live="polite">
            Reading the file…
          </p>
        )}
        {phase === 'mapping' && <MappingScreen />}
        {phase === 'running' && <ProgressScreen />}
        {phase === 'results' && (
          <>
            <RestoredNote />
            <ModelBanner />
            <ResultsToolbar />
            <Nav />
            <Screens />
          </>
        )}
      </main>
    </div>
  );
}
