/** errors.ts: the engine's deliberate errors keep their code, message and detail. */
import { describe, expect, it } from 'vitest';
import { AnalysisError, isAnalysisError, throwIfAborted } from './errors.ts';

describe('AnalysisError', () => {
  it('carries its code, message, detail and name', () => {
    const error = new AnalysisError('no-rows', 'No sales.', 'rows=0');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AnalysisError');
    expect(error.code).toBe('no-rows');
    expect(error.message).toBe('No sales.');
    expect(error.detail).toBe('rows=0');
    expect(new AnalysisError('empty-file', 'Empty.').detail).toBeUndefined();
  });

  it('isAnalysisError tells it from any other error', () => {
    expect(isAnalysisError(new AnalysisError('cancelled', 'x'))).toBe(true);
    expect(isAnalysisError(new Error('x'))).toBe(false);
    expect(isAnalysisError({ code: 'cancelled', message: 'x' })).toBe(false);
    expect(isAnalysisError(undefined)).toBe(false);
  });

  it('throwIfAborted throws "cancelled" only once the signal is aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort();
    let caught: unknown;
    try {
      throwIfAborted(controller.signal);
    } catch (error) {
      caught = error;
    }
    expect(isAnalysisError(caught) && caught.code).toBe('cancelled');
    expect((caught as Error).message).toBe('The analysis was cancelled.');
  });
});
