/**
 * Errors of saved segmentation models. They are AnalysisErrors (the UI shows `message` and keys on
 * `code`); src/core/errors.ts includes these codes in AnalysisErrorCode.
 */
import { AnalysisError } from '../errors.ts';

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
  /** Two periods that cannot be compared: a cut date with no sales on one side, files in the wrong order. */
  'compare-periods',
  /** A comparison asked of an analysis brought back from the browser, which has no sales lines. */
  'compare-needs-file',
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

export function modelError(code: ModelErrorCode, message: string, detail?: string): AnalysisError {
  return new AnalysisError(code, message, detail);
}
