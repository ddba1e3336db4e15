import { useSyncExternalStore } from 'react';

/** Same breakpoint as app.css: below it, layouts stack and charts get shorter. */
const QUERY = '(max-width: 760px)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** True on narrow screens, for chart layouts that CSS cannot reach inside plotly. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
