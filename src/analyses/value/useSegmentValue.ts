import { useMemo } from 'react';
import { type SegmentValue, valueBySegment } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';

/** Lifetime value per segment on screen, once computed (null before, or when it cannot be). */
export function useSegmentValue(): {
  rows: SegmentValue[];
  months: number;
  dropoutNotEstimable: boolean;
} | null {
  const stored = useApp((s) => s.lifetimeValue);
  const segmentation = useApp((s) => s.segmentation);
  const atRiskBelow = useApp((s) => s.atRiskBelow);
  return useMemo(() => {
    if (!stored?.ok || !segmentation) return null;
    const k = segmentation.segments.length;
    const rows = valueBySegment(stored.customers, segmentation.labels, k, atRiskBelow);
    return { rows, months: stored.options.months, dropoutNotEstimable: stored.dropoutNotEstimable };
  }, [stored, segmentation, atRiskBelow]);
}
