import { setView } from '../store/actions.ts';
import { useApp, type View } from '../store/store.ts';

const TABS: { view: View; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'k', label: 'Choose k' },
  { view: 'segments', label: 'Segments' },
  { view: 'cohorts', label: 'Cohorts' },
  { view: 'customers', label: 'Customers' },
  { view: 'whatif', label: 'What if' },
  { view: 'validation', label: 'Validation' },
];

/** Tabs between the result screens (test ids `nav-<view>`). */
export function Nav() {
  const view = useApp((s) => s.view);
  return (
    <nav className="tabs" aria-label="Results">
      <ul role="tablist">
        {TABS.map((tab) => (
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
