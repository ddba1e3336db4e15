/**
 * Saved segmentation models and segment migration (issue #11), for src/core/index.ts to re-export
 * and the worker and CLI to call. Pure functions over the engine's customer tables.
 */
export {
  createModel,
  isSavable,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelFileName,
  type ModelInputs,
  parseModel,
  SAVABLE_MODELS,
  type SavableModel,
  type SegmentationModel,
  serializeModel,
  validateModel,
} from './document.ts';
export { MODEL_ERROR_CODES, type ModelErrorCode } from './errors.ts';
export {
  LAPSED,
  type Migration,
  migrationCsv,
  type MigrationMatrix,
  migrationMatrix,
  migrationSummary,
  type Mover,
  moversCsv,
  NEW,
  type PeriodSegments,
} from './migration.ts';
export {
  compareCut,
  comparePeriods,
  cutAtDate,
  type DateCut,
  laterPeriodRevenue,
  revenueOfRows,
} from './periods.ts';
export {
  type AnalysisParts,
  checkModelFits,
  modelAgreement,
  modelFromAnalysis,
  modelScaler,
  type ScoredCustomers,
  scoreCustomers,
  scoredSegmentation,
} from './score.ts';
