import type { ValueView } from '../../core/index.ts';
import { DROPOUT_NOT_ESTIMABLE } from '../../core/index.ts';

export type FittedValue = Extract<ValueView, { ok: true }>;

/** Said next to every chance-still-active figure when the file cannot show dropout (SPEC). */
export function DropoutNote({ value }: { value: FittedValue | null | undefined }) {
  if (!value?.dropoutNotEstimable) return null;
  return (
    <span className="dropout-note" data-testid="dropout-note">
      {DROPOUT_NOT_ESTIMABLE}.
    </span>
  );
}
