/** Any error of any action, as the banner shows it: a stable code, a message, what to do next. */
import { isAnalysisError } from '../core/index.ts';
import { WorkerCrashError } from '../bridge/analysis-client.ts';
import { appStore, type UserError } from './store.ts';

export function toUserError(error: unknown, retry?: UserError['retry']): UserError | null {
  if (isAnalysisError(error)) {
    if (error.code === 'cancelled') return null;
    return { code: error.code, message: error.message, detail: error.detail, retry };
  }
  if (error instanceof WorkerCrashError)
    return {
      code: 'worker-crashed',
      message: error.message,
      detail: error.stack,
      retry: retry ?? 'analysis',
    };
  const detail =
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack ?? ''}`
      : String(error);
  return {
    code: 'internal',
    message:
      'Something went wrong while analysing this file. Try again; if it keeps happening, the details below help us fix it.',
    detail,
    retry: retry ?? 'analysis',
  };
}

/** Shows an error from any action in the banner (a cancellation shows nothing). */
export function reportError(error: unknown): void {
  appStore.setState({ error: toUserError(error) });
}

export function dismissError(): void {
  appStore.setState({ error: null });
}
