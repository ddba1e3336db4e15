/**
 * Comlink passes a thrown Error as its message, name and stack only. Our errors also carry a stable
 * `code` and a `detail` the UI needs, so both sides install this handler for thrown values.
 */
import * as Comlink from 'comlink';
import { AnalysisError, type AnalysisErrorCode } from '../core/index.ts';

interface SerialisedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: AnalysisErrorCode | undefined;
  detail?: string | undefined;
}

type ThrownValue = { value: unknown };

export function installErrorTransfer(): void {
  const original = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<
    ThrownValue,
    unknown
  >;
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize({ value }: ThrownValue) {
      const error = value instanceof Error ? value : new Error(String(value));
      const out: SerialisedError = { name: error.name, message: error.message, stack: error.stack };
      if (error instanceof AnalysisError)
        Object.assign(out, { code: error.code, detail: error.detail });
      return [{ isError: true, value: out }, []];
    },
    deserialize(serialised: unknown) {
      const { value } = serialised as { value: SerialisedError };
      const error = value.code
        ? new AnalysisError(value.code, value.message, value.detail)
        : Object.assign(new Error(value.message), { name: value.name });
      if (value.stack) error.stack = value.stack;
      throw error;
    },
  } as Comlink.TransferHandler<ThrownValue, unknown>);
}
