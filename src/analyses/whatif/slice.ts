import type { WhatIfResult } from '../../core/results.ts';
import type { Slice } from '../../store/slice.ts';

export interface WhatIfState {
  whatIf: WhatIfResult | null;
}

export const whatIfSlice: Slice<WhatIfState> = {
  perRun: { whatIf: null },
  perFile: {},
  perSegments: ['whatIf'],
};
