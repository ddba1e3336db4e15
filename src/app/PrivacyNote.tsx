import { useEffect, useRef } from 'react';
import { useTouch } from '../ui/useTouch.ts';
import './PrivacyNote.css';

/**
 * The promise in the header ("never uploaded") with how anyone can check it themselves, in a
 * small disclosure so it is there for those who ask and out of the way for the others.
 */
export function PrivacyNote() {
  const details = useRef<HTMLDetailsElement>(null);
  const touch = useTouch();

  // The panel floats over the page: a click elsewhere or Escape closes it.
  useEffect(() => {
    const close = (event: Event) => {
      const panel = details.current;
      if (!panel?.open) return;
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !panel.contains(event.target as Node)
      )
        panel.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <div className="privacy">
      <span className="privacy-note">Runs on your device. Your file is never uploaded.</span>
      <details ref={details} className="privacy-check" data-testid="privacy-check">
        <summary>How can I check?</summary>
        <div className="privacy-panel">
          {touch ? (
            <p>
              <strong>Go offline.</strong> After your first visit the app works without a
              connection: turn on airplane mode, reload this page and analyse your file. It still
              works, so nothing can have been sent. (On a computer you can also watch every request
              in the browser&rsquo;s developer tools.)
            </p>
          ) : (
            <>
              <p>
                <strong>Watch the network.</strong> Open your browser&rsquo;s developer tools (F12,
                or Cmd+Option+I on a Mac), choose the <em>Network</em> tab and analyse a file. Every
                request goes to this site only, for the app&rsquo;s own files and the sample; your
                file is never among them.
              </p>
              <p>
                <strong>Or go offline.</strong> After your first visit the app works without a
                connection: switch off Wi-Fi (or tick <em>Offline</em> in the Network tab), reload
                and analyse your file. It still works, so nothing can have been sent.
              </p>
            </>
          )}
          <p>
            The page&rsquo;s security policy also tells the browser to block any connection to
            another site. Your last analysis (the results, not the file) is kept in this browser
            only, so it is here next time; <em>Forget my data</em> deletes it.
          </p>
        </div>
      </details>
    </div>
  );
}
