import { useEffect, useState } from 'react';
import { dismissRestored, forgetMyData } from '../store/actions.ts';
import { useApp } from '../store/store.ts';
import './PrivacyNote.css';

/** "Forget my data": deletes what the app keeps in this browser, then says it is done. */
export function ForgetData() {
  const [state, setState] = useState<'idle' | 'working' | 'done' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'done' && state !== 'failed') return;
    const timer = setTimeout(() => setState('idle'), 8000);
    return () => clearTimeout(timer);
  }, [state]);

  const forget = async () => {
    setState('working');
    try {
      await forgetMyData();
      setState('done');
    } catch (error) {
      console.warn('Segment: the stored data could not be deleted.', error);
      setState('failed');
    }
  };

  if (state === 'done' || state === 'failed')
    return (
      <p
        className={state === 'done' ? 'forget-status' : 'forget-status failed'}
        role="status"
        data-testid="forget-status"
      >
        {state === 'done'
          ? '✓ Done: nothing of yours is stored in this browser any more.'
          : 'The stored analysis could not be deleted. Close the other Segment tabs and try again.'}
      </p>
    );
  return (
    <button
      type="button"
      className="forget-data"
      data-testid="forget-data"
      disabled={state === 'working'}
      title="Delete the analysis this app keeps in this browser"
      onClick={() => void forget()}
    >
      Forget my data
    </button>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Says that the results on screen were brought back from the browser, not read from the file. */
export function RestoredNote() {
  const restored = useApp((s) => s.restored);
  if (!restored) return null;
  return (
    <div className="restored-note" role="status" data-testid="restored-note">
      <p>
        Restored your last analysis of <strong>{restored.fileName}</strong> from{' '}
        {dateTime.format(restored.savedAt)}. The file itself was not kept: drop it again to change
        the columns.
      </p>
      <button type="button" className="secondary" onClick={dismissRestored} aria-label="Close">
        ×
      </button>
    </div>
  );
}
