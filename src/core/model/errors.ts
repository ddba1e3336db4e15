/**
 * Errors of saved segmentation models. They are AnalysisErrors (the UI shows `message` and keys on
 * `code`), with codes of their own that src/core/errors.ts does not list yet: the integrator adds
 * MODEL_ERROR_CODES to AnalysisErrorCode there and drops the cast below.
 */
import { AnalysisError, type AnalysisErrorCode } from '../errors.ts';

export const MODEL_ERROR_CODES = [
  /** Not JSON, or JSON that is not a Segment model (no `format: "segment-model"`). */
  'model-not-a-model',
  /** Saved by a newer app whose format this one cannot read. */
  'model-newer-version',
  /** A model, but damaged: a missing field, a wrong length, a number that is not a number. */
  'model-invalid',
  /** The new file cannot compute a feature the model needs (e.g. no product column). */
  'model-features-missing',
  /** The new file computes a feature the model had to fill in (the model's file lacked it). */
  'model-features-differ',
  /** Asked to save a model whose segments nearest-centroid scoring cannot reproduce. */
  'model-unsupported',
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

export function modelError(code: ModelErrorCode, message: string, detail?: string): AnalysisError {
  return new AnalysisError(code as unknown as AnalysisErrorCode, message, detail);
}
