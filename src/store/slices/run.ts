/** The run: the file, its columns, the progress of reading it, and what went wrong. */
import type { FileSniff } from '../../core/ingest/sniff.ts';
import type { ColumnMapping, DateFormat, StageProgress } from '../../core/types.ts';
import type { Slice } from '../slice.ts';

export type Phase = 'start' | 'sniffing' | 'mapping' | 'running' | 'results';

export interface UserError {
  code: string;
  message: string;
  detail?: string | undefined;
  /** What the user can do next from here. */
  retry?: 'analysis' | 'clustering' | undefined;
}

export interface RunState {
  phase: Phase;
  file: File | null;
  sniff: FileSniff | null;
  /** The mapping and date format being edited on the Columns screen. */
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
  nonProductCodes: string[];
  progress: StageProgress | null;
  /** performance.now() when the current run started, for rows per second. */
  runStartedAt: number | null;
  /** True while the sweep runs (results of the previous step stay on screen). */
  clusteringBusy: boolean;
  error: UserError | null;
  /** Milestones of the current run, performance.now() values, for the speed figures. */
  marks: Partial<Record<'start' | 'prepared' | 'clustered' | 'segmented', number>>;
}

// A run sets its own status as it goes (runAnalysis), so none of it is cleared by a new run.
export const runSlice: Slice<object, RunState> = {
  perRun: {},
  perFile: {
    phase: 'start',
    file: null,
    sniff: null,
    mapping: {},
    dateFormat: null,
    nonProductCodes: ['POST', 'D', 'M', 'DOT', 'BANK CHARGES'],
    progress: null,
    runStartedAt: null,
    clusteringBusy: false,
    error: null,
    marks: {},
  },
  persists: ['mapping', 'dateFormat', 'nonProductCodes'],
};
