/**
 * The engine's public surface for the app (screens, charts, store, app shell, bridge): what they
 * may use at run time, and the shapes of what the worker sends them. Everything else in src/core
 * is internal; eslint.config.js keeps the app layers to this file (type-only imports of internals
 * stay allowed). The heavy work runs in the worker (src/worker), which uses the engine directly.
 */

// Errors with a stable code.
export {
  AnalysisError,
  cancelledError,
  isAnalysisError,
  type AnalysisErrorCode,
} from './errors.ts';

// The file's columns and dates, checked while the user maps them (the Columns screen).
export { checkMapping, type MappingProblem, moneySource, ROLE_LABELS } from './ingest/columns.ts';
export { type DateDetection, detectDateFormat } from './ingest/date-detection.ts';
export { DATE_FORMATS, parseDate } from './ingest/dates.ts';
export { isYear } from './ingest/year-month.ts';
export { formatDateExample } from './ingest/date-example.ts';
export type { FileSniff } from './ingest/sniff.ts';
export { CLEANING_RULE_LABELS, type CleaningReport } from './clean/clean.ts';

// The median customer the what-if form starts from (the same median the engine uses).
export { medianOf, sortedCopy } from './features/ranks.ts';

// Clustering choices and the names of things.
export {
  type ClusterOptions,
  DEFAULT_CLUSTER_OPTIONS,
  OUTLIER_HANDLINGS,
  type OutlierHandling,
} from './clustering.ts';
export { nameOr, type SegmentNames, withNames } from './segment-names.ts';
export { carryNames, duplicateName, type GivenName } from './cluster/rename-match.ts';
export { MODEL_LABELS, MODEL_NAMES, type ModelName } from './validation/models.ts';
export {
  DEFAULT_MIN_CLUSTER_SIZE,
  DEFAULT_MIN_SAMPLES,
  type HdbscanChoice,
  type HdbscanFit,
  hdbscanSettings,
} from './validation/hdbscan-model.ts';
export type { CondensedTreeNode } from './hdbscan/index.ts';
export { RF_GRID_SEGMENTS } from './validation/rfm-scores.ts';
export { DEFAULT_EXPLORE_SETTINGS } from './latent/explore.ts';
export {
  byFeature,
  type ColumnMapping,
  type ColumnRole,
  type DateFormat,
  type Delimiter,
  type Encoding,
  FEATURE_NAMES,
  FEATURE_SETS,
  type FeatureName,
  type FeatureSetName,
  type ProgressCallback,
  type StageName,
  type StageProgress,
  type Transform,
} from './types.ts';

// The session's inputs and the key its results are kept by.
export { analysisKey } from './session/key.ts';
export type {
  AnalysisSnapshot,
  CustomerExportFormat,
  DbscanChoice,
  SegmentsChoice,
  StabilityProgress,
  WhatIfInput,
} from './session/session.ts';

// What the worker sends the page.
export type {
  ClusterView,
  CustomerDetail,
  PreparedView,
  SegmentView,
  WhatIfResult,
} from './results.ts';
export type { SegmentProfile } from './cluster/segments.ts';
export type { SweepPoint } from './cluster/sweep.ts';
export type { CohortRetention } from './cohort/cohort.ts';

// Exports built on the page from what it already has.
export { segmentsCsv } from './export/tables.ts';

// Lifetime value (issue 12): what the Value screen, the customer table and the exports show.
export {
  type AliveMatrix,
  CALIBRATION_TOP_FREQUENCY,
  type ClvChoice,
  type ClvHorizon,
  type ClvProblem,
  DEFAULT_AT_RISK_BELOW,
  DEFAULT_CLV_HORIZON,
  DROPOUT_NOT_ESTIMABLE,
  defaultCalibrationEnd,
  dayOfIso,
  isoDay,
  MIN_REPEAT_CUSTOMERS,
  type SegmentValue,
  type Slipping,
  slippingCustomers,
  VALUABLE_TOP_SHARE,
  valueBySegment,
  type ValueView,
} from './clv/index.ts';
// Saved segmentation models and the migration between two periods (issue #11).
export {
  isSavable,
  LAPSED,
  type Migration,
  migrationCsv,
  type MigrationMatrix,
  MODEL_ERROR_CODES,
  modelFileName,
  type ModelErrorCode,
  moversCsv,
  type Mover,
  NEW,
  parseModel,
  SAVABLE_MODELS,
  type SavableModel,
  type SegmentationModel,
  serializeModel,
  validateModel,
} from './model/index.ts';
export type { ModelMeta, PeriodsChoice } from './session/session.ts';
export type { PeriodComparison, PeriodInfo } from './session/models.ts';
// Customers by country, from the customers' countries and the segments the page already has.
export {
  countryBreakdown,
  type CountryBreakdown,
  type CountryRow,
  hasCountries,
} from './geo/countries.ts';
