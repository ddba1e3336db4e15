import type { ClvHorizon, ValueView } from '../../core/index.ts';
import { DEFAULT_AT_RISK_BELOW, DEFAULT_CLV_HORIZON } from '../../core/index.ts';
import type { Slice } from '../../store/slice.ts';

export interface ValueResults {
  /** Lifetime value, with the key of the horizon it was computed for (actions.ts horizonKey). */
  lifetimeValue: (ValueView & { for: string }) | null;
  /** Share of the lifetime-value work done while the worker computes it; null otherwise. */
  valueProgress: number | null;
}

export interface ValueChoices {
  /** Months ahead and monthly discount rate of the predicted value. */
  clvHorizon: ClvHorizon;
  /** Below this chance of still being a customer, a customer is "at risk" (and may be slipping). */
  atRiskBelow: number;
}

/** Lifetime value does not depend on the segments: only another run clears it. */
export const valueSlice: Slice<ValueResults, ValueChoices> = {
  perRun: { lifetimeValue: null, valueProgress: null },
  perFile: { clvHorizon: DEFAULT_CLV_HORIZON, atRiskBelow: DEFAULT_AT_RISK_BELOW },
  persists: ['clvHorizon', 'atRiskBelow'],
};
