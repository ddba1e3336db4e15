/**
 * Errors the engine raises on purpose. Each has a stable `code` (for tests and the UI), a message
 * a shop owner understands, and optional `detail` for us. Anything else thrown is a bug. Saved
 * models' codes are listed beside their checks (model/errors.ts).
 */
import type { ModelErrorCode } from './model/errors.ts';

export type AnalysisErrorCode =
  | ModelErrorCode
  | 'empty-file'
  | 'no-rows'
  | 'binary-file'
  | 'zip-archive'
  | 'workbook-password'
  | 'workbook-unreadable'
  | 'no-header'
  | 'missing-columns'
  | 'customer-list'
  | 'bad-mapping'
  | 'no-dates'
  | 'all-rows-removed'
  | 'too-few-customers'
  | 'cancelled'
  | 'read-failed'
  | 'file-needed';

export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  readonly detail: string | undefined;

  constructor(code: AnalysisErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
    this.detail = detail;
  }
}

export function isAnalysisError(error: unknown): error is AnalysisError {
  return error instanceof AnalysisError;
}

/** The error of work stopped on purpose (Cancel, another file): the app shows nothing for it. */
export const cancelledError = (): AnalysisError =>
  new AnalysisError('cancelled', 'The analysis was cancelled.');

/** Throws the `cancelled` error when the caller has aborted. Call it between chunks of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
