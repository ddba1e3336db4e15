/** Whether the results on screen came back from this browser's storage rather than a file. */
import type { Slice } from '../slice.ts';

export interface PersistenceState {
  /** Set when the results on screen were brought back from this browser's storage (no file). */
  restored: { fileName: string; savedAt: number } | null;
}

export const persistenceSlice: Slice<object, PersistenceState> = {
  perRun: {},
  perFile: { restored: null },
};
