/**
 * Saved segmentation models and segment migration (issue #11), for src/core/index.ts to re-export
 * and the worker and CLI to call. Pure functions over the engine's customer tables.
 */
export {
  createModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelFileName,
  type ModelInputs,
  parseModel,
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
  modelFromAnalysis,
  modelScaler,
  type ScoredCustomers,
  scoreCustomers,
} from './score.ts';
