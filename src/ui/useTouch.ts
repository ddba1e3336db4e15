import { useSyncExternalStore } from 'react';

/**
 * A touch screen as the main pointer: no hover, a coarse pointer (phones, tablets). Wording that
 * says "hover" or "scroll to zoom" is replaced with what works there (tap, pinch).
 */
const QUERY = '(hover: none) and (pointer: coarse)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useTouch(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
