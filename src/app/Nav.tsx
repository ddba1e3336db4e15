import { ANALYSES } from '../analyses/registry.ts';
import { setView } from '../store/actions.ts';
import { useApp } from '../store/store.ts';

/** Tabs between the result screens (test ids `nav-<view>`). */
export function Nav() {
  const view = useApp((s) => s.view);
  // As one string, so the tabs re-render only when the set of tabs offered changes.
  const offered = useApp((s) =>
    ANALYSES.filter((a) => !('shown' in a) || a.shown(s))
      .map((a) => a.view)
      .join(' '),
  ).split(' ');
  return (
    <nav className="tabs" aria-label="Results">
      <ul role="tablist">
        {ANALYSES.filter((tab) => offered.includes(tab.view)).map((tab) => (
          <li key={tab.view} role="presentation">
            <button
              type="button"
              role="tab"
              aria-selected={view === tab.view}
              data-testid={`nav-${tab.view}`}
              className={view === tab.view ? 'tab active' : 'tab'}
              onClick={() => setView(tab.view)}
            >
              {tab.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
