import { useMemo } from 'react';
import { segmentName, useApp } from '../../store/store.ts';

/** Names of the segments on screen (the user's where given), in segment order. */
export function useSegmentNames(): string[] {
  const segmentation = useApp((s) => s.segmentation);
  const names = useApp((s) => s.segmentNames);
  return useMemo(
    () =>
      (segmentation?.segments ?? []).map((seg) =>
        segmentName({ segmentation, segmentNames: names }, seg.cluster),
      ),
    [segmentation, names],
  );
}
