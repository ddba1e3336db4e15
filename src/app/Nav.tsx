import { useEffect, useRef, useState } from 'react';
import { ANALYSES, hiddenViews } from '../analyses/registry.ts';
import { setAdvanced, setView } from '../store/actions.ts';
import { useApp } from '../store/store.ts';

const isAdvanced = (a: (typeof ANALYSES)[number]) => 'advanced' in a && a.advanced;
const SIMPLE = ANALYSES.filter((a) => !isAdvanced(a));
const ADVANCED = ANALYSES.filter(isAdvanced);

/**
 * Tabs between the result screens (test ids `nav-<view>`). In the simple mode (the default) the
 * analyses marked `advanced` in the registry are hidden; the "Advanced" switch shows them. On a
 * narrow screen the strip scrolls sideways: the open tab is always scrolled fully into view, and a
 * fading edge with an arrow shows on the side where more tabs are.
 */
export function Nav() {
  const view = useApp((s) => s.view);
  const advanced = useApp((s) => s.advanced);
  const strip = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  // As one string, so the tabs re-render only when the set of tabs left out changes.
  const hidden = useApp((s) => hiddenViews(s).join()).split(',');
  const tabs = [...SIMPLE, ...(advanced ? ADVANCED : [])].filter((t) => !hidden.includes(t.view));

  const measure = () => {
    const el = strip.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
  };

  // Scrolls the strip only (never the page) so the open tab is wholly in view, clear of the
  // fading edges; again whenever the strip changes size (a phone turned, a window narrowed).
  const reveal = () => {
    const el = strip.current;
    const active = el?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (el && active) {
      const start = active.offsetLeft - el.offsetLeft;
      const end = start + active.offsetWidth;
      const pad = 32;
      if (start - pad < el.scrollLeft) el.scrollLeft = Math.max(0, start - pad);
      else if (end + pad > el.scrollLeft + el.clientWidth)
        el.scrollLeft = end + pad - el.clientWidth;
    }
    measure();
  };
  const revealRef = useRef(reveal);
  revealRef.current = reveal;

  useEffect(() => revealRef.current(), [view, advanced]);

  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const observer = new ResizeObserver(() => revealRef.current());
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <nav
      className={`tabs${more.left ? ' more-left' : ''}${more.right ? ' more-right' : ''}`}
      aria-label="Results"
    >
      <ul role="tablist" ref={strip} onScroll={measure}>
        {tabs.map((tab) => (
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
      <span className="tabs-more tabs-more-left" aria-hidden="true">
        ‹
      </span>
      <span className="tabs-more tabs-more-right" aria-hidden="true">
        ›
      </span>
      <label className="advanced-switch" title="Show the statistical screens: Choose k, Validation">
        <input
          type="checkbox"
          data-testid="advanced-toggle"
          checked={advanced}
          onChange={(e) => setAdvanced(e.target.checked)}
        />
        Advanced
      </label>
    </nav>
  );
}
