import { useEffect, useState } from 'react';
import { dismissRestored, forgetMyData } from '../store/actions.ts';
import { useApp } from '../store/store.ts';
import './PrivacyNote.css';

/**
 * "Forget my data": asks first (it deletes the saved analysis and the segment names the user
 * gave, with no undo), then deletes what the app keeps in this browser and says it is done.
 */
export function ForgetData() {
  const [state, setState] = useState<'idle' | 'confirm' | 'working' | 'done' | 'failed'>('idle');

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
  if (state === 'confirm')
    return (
      <div className="forget-confirm" role="alertdialog" aria-labelledby="forget-question">
        <p id="forget-question">
          Delete the saved analysis and your segment names from this browser? This cannot be undone.
        </p>
        <button
          type="button"
          className="danger"
          data-testid="forget-confirm"
          onClick={() => void forget()}
        >
          Delete
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="forget-cancel"
          onClick={() => setState('idle')}
          autoFocus
        >
          Keep it
        </button>
      </div>
    );
  return (
    <button
      type="button"
      className="forget-data"
      data-testid="forget-data"
      disabled={state === 'working'}
      title="Delete the analysis this app keeps in this browser"
      onClick={() => setState('confirm')}
    >
      Forget my data
    </button>
  );
}

// The app's date style everywhere ("1 Dec 2010"), with the time the analysis was saved.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Says that the results on screen were brought back from the browser, not read from the file. */
export function RestoredNote() {
  const restored = useApp((s) => s.restored);
  if (!restored) return null;
  return (
    <div className="restored-note" role="status" data-testid="restored-note">
      <p>
        Restored your last analysis of <strong>{restored.fileName}</strong> from{' '}
        {dateTime.format(restored.savedAt).replace(',', ' at')}. The file itself was not kept: drop
        it again to change the columns.
      </p>
      <button type="button" className="secondary" onClick={dismissRestored} aria-label="Close">
        ×
      </button>
    </div>
  );
}
