/**
 * What the user can do, as plain functions over the store and the worker client; components call
 * these and none of them touch the worker directly. Each concern has its own module; this one
 * gathers them for the screens.
 */
export { dismissError, reportError } from './errors.ts';
export {
  backToMapping,
  cancelAnalysis,
  chooseFile,
  editMapping,
  forgetMyData,
  loadSample,
  runAnalysis,
  setNonProductCodes,
  startOver,
  switchDateFormat,
  warmUpWhileWaiting,
} from './run-actions.ts';
export {
  chooseK,
  kAfterSweep,
  recluster,
  renameSegment,
  setAdvanced,
  setView,
  showSegments,
} from './results-actions.ts';
export { dismissRestored, flushSave, restoreLastSession, saveWhenHidden } from './persistence.ts';
export { selectCustomer } from '../analyses/customers/actions.ts';
export { runWhatIf } from '../analyses/whatif/actions.ts';
export {
  exportCustomers,
  exportCustomersCsv,
  exportSegmentsCsv,
} from '../analyses/export/actions.ts';
