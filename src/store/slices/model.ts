/** The saved segmentation model files are scored with (issue #11), chosen before the file is read. */
import type { SegmentationModel } from '../../core/index.ts';
import type { Slice } from '../slice.ts';

export interface ModelState {
  /**
   * The model to score the file with instead of sweeping k, and the name of its file (for the
   * banner). Kept when another file is chosen, so it can be picked on the start screen first.
   */
  scoringModel: { model: SegmentationModel; fileName: string } | null;
}

export const modelSlice: Slice<object, ModelState> = {
  perRun: {},
  perFile: { scoringModel: null },
  persists: ['scoringModel'],
};
