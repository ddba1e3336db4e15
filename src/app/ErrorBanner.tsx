import { dismissError, runAnalysis } from '../store/actions.ts';
import { useApp } from '../store/store.ts';

/** The one place errors are shown to the user (test id `error`), with what to do next. */
export function ErrorBanner() {
  const error = useApp((s) => s.error);
  const canRetry = useApp((s) => s.file !== null);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <p className="error-message">{error.message}</p>
      <div className="error-actions">
        {error.retry && canRetry && (
          <button type="button" onClick={() => void runAnalysis()}>
            Try again
          </button>
        )}
        <button type="button" className="secondary" onClick={dismissError}>
          Dismiss
        </button>
      </div>
      {error.detail && (
        <details>
          <summary>Details for support</summary>
          <pre>{error.detail}</pre>
        </details>
      )}
    </div>
  );
}
