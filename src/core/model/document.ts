/**
 * The saved segmentation model (SPEC "Saved segmentation model"): everything needed to put a new
 * file's customers into the same segments without refitting, and nothing about any customer.
 *
 * Which segmentations can be saved (SAVABLE_MODELS): every model whose segments have a centre a
 * new customer can be assigned to by distance.
 * - k-means (including the one-segment case of too few customers): its labels are by definition the
 *   nearest centroid, and the pipeline's k-means labels are exactly `assignToCentroids` on the final
 *   centres, also when outliers are capped (the caps are saved and applied before assigning) or
 *   excluded (centres fitted without them, everyone then assigned to the nearest). Scoring the
 *   model's own file reproduces its segments exactly.
 * - Gaussian mixture and Ward: saved as their groups' centres (means in scaled space), and scored
 *   by the nearest of them, as the SPEC defines scoring. Their own rule (a mixture's posterior,
 *   where a dendrogram is cut) is not nearest-centre, so on the model's own file a few customers
 *   can land in another segment than the one they had; `modelAgreement` says how many, and the
 *   app says it when saving.
 * - DBSCAN is refused: its groups are shapes of dense customers with noise, not centres, so
 *   nearest-centre scoring would put every noise customer into a group they were never in.
 */
import type { SegmentProfile } from '../cluster/segments.ts';
import type { Scaler } from '../features/scale.ts';
import type { OutlierHandling } from '../clustering.ts';
import {
  CLUSTER_FEATURES,
  type ClusterFeature,
  type FeatureName,
  type Scaling,
  type Transform,
} from '../types.ts';
import type { ModelName } from '../validation/models.ts';
import type { Fences } from '../validation/outliers.ts';
import { modelError } from './errors.ts';

/** Bumped when a reader of the previous version could misread a file of the new one. */
export const MODEL_VERSION = 1;
/** Marks the JSON as ours, so a random JSON file is "not a model" rather than "damaged". */
export const MODEL_FORMAT = 'segment-model';

/** The models whose segments can be saved and scored by nearest centre (see above). */
export const SAVABLE_MODELS = ['kmeans', 'gmm', 'ward'] as const;
export type SavableModel = (typeof SAVABLE_MODELS)[number];

export const isSavable = (kind: ModelName): kind is SavableModel =>
  (SAVABLE_MODELS as readonly string[]).includes(kind);

export interface SegmentationModel {
  format: typeof MODEL_FORMAT;
  version: number;
  /** Feature names as in customers.csv's header, in the order of the scaler and centroids. */
  features: ClusterFeature[];
  transform: Transform;
  /** z = (transform(x) - center) / scale: mean and std (standard) or median and IQR (robust). */
  scaler: { kind: Scaling; center: number[]; scale: number[] };
  /**
   * What was done with outliers when fitting. With 'cap', `caps` holds each feature's
   * [lower, upper] fence in scaled space and scoring caps the scaled values the same way.
   */
  outliers: OutlierHandling;
  caps: [number, number][] | null;
  /** One centre per segment, in scaled space, in segment order. */
  centroids: number[][];
  /** Segment names, same order as `centroids`: the value order, 0 the most valuable. */
  segments: string[];
  /** Index into the app's segment palette, per segment (the cluster number it had). */
  colours: number[];
  /** The model the segments came from (see the file comment for which are supported). */
  kind: SavableModel;
  /**
   * Features the model's own file could not compute and filled in (no product column: 0 for
   * everyone). A file to score must fill in the same ones, no more and no fewer.
   */
  filledIn: FeatureName[];
  cleaning: { nonProductCodes: string[] };
  /** The snapshot the features were computed at (ISO 8601, UTC). */
  snapshot: string;
  createdAt: string;
  appVersion: string;
}

export interface ModelInputs {
  scaler: Scaler;
  /** The segmentation's segments, in their (value) order. */
  segments: readonly Pick<SegmentProfile, 'cluster' | 'name' | 'centroid'>[];
  kind: ModelName;
  outliers: OutlierHandling;
  /** Each feature's fences in scaled space; needed when `outliers` is 'cap'. */
  fences?: readonly Fences[] | undefined;
  snapshot: number;
  filledIn: readonly FeatureName[];
  nonProductCodes: readonly string[];
  createdAt: Date;
  appVersion: string;
}

export function createModel(inputs: ModelInputs): SegmentationModel {
  const { kind } = inputs;
  if (!isSavable(kind))
    throw modelError(
      'model-unsupported',
      'DBSCAN groups cannot be saved as a model: they are dense shapes with customers who fit none, not centres a new customer can be placed by. Use the k-means, Gaussian mixture or Ward segments to save a model.',
      kind,
    );
  const { scaler } = inputs;
  const d = scaler.features.length;
  const caps =
    inputs.outliers === 'cap'
      ? (inputs.fences ?? []).map((f): [number, number] => [f.lower, f.upper])
      : null;
  if (caps && caps.length !== d) throw new Error(`${caps.length} fences for ${d} features`);
  const model: SegmentationModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: [...scaler.features],
    transform: scaler.transform,
    scaler: {
      kind: scaler.scaling,
      center: Array.from(scaler.center),
      scale: Array.from(scaler.scale),
    },
    outliers: inputs.outliers,
    caps,
    centroids: inputs.segments.map((s) => [...s.centroid]),
    segments: inputs.segments.map((s) => s.name),
    colours: inputs.segments.map((s) => s.cluster),
    kind,
    filledIn: scaler.features.filter((f): f is FeatureName =>
      (inputs.filledIn as readonly ClusterFeature[]).includes(f),
    ),
    cleaning: { nonProductCodes: [...inputs.nonProductCodes] },
    snapshot: new Date(inputs.snapshot).toISOString(),
    createdAt: inputs.createdAt.toISOString(),
    appVersion: inputs.appVersion,
  };
  // What we write must be what we read back: a bug here would otherwise surface only on import.
  return validateModel(model);
}

/** The JSON text of the download. Doubles survive JSON exactly (shortest round-trip form). */
export function serializeModel(model: SegmentationModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}

/** `segment-model-YYYY-MM-DD.json`, dated by when the model was made. */
export function modelFileName(model: SegmentationModel): string {
  return `segment-model-${model.createdAt.slice(0, 10)}.json`;
}

/** Reads a model file; throws a model error whose message says what is wrong in plain words. */
export function parseModel(text: string): SegmentationModel {
  let json: unknown;
  try {
    // Some editors save JSON with a byte order mark, which JSON.parse rejects.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw notAModel('it is not a JSON file');
  }
  return validateModel(json);
}

function notAModel(detail: string) {
  return modelError(
    'model-not-a-model',
    'This file is not a saved segmentation model. Choose a file Segment saved with "Save model" (its name starts with segment-model-).',
    detail,
  );
}

const damaged = (what: string) =>
  modelError(
    'model-invalid',
    `This model file is damaged (${what}), so it cannot be used. Save the model again from the analysis it came from.`,
    what,
  );

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function numbers(x: unknown, length: number, what: string): number[] {
  if (!Array.isArray(x) || x.length !== length)
    throw damaged(`${what} should have ${length} numbers`);
  if (!x.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw damaged(`${what} has a value that is not a number`);
  return x as number[];
}

function text(x: unknown, what: string): string {
  if (typeof x !== 'string' || x.trim() === '') throw damaged(`${what} is missing`);
  return x;
}

function date(x: unknown, what: string): string {
  if (Number.isNaN(Date.parse(text(x, what)))) throw damaged(`${what} is not a date`);
  return x as string;
}

function oneOf<T extends string>(x: unknown, values: readonly T[], what: string): T {
  if (!values.includes(x as T)) throw damaged(`${what} should be one of ${values.join(', ')}`);
  return x as T;
}

/** Checks every field of a parsed model and returns a clean copy (unknown fields are dropped). */
export function validateModel(json: unknown): SegmentationModel {
  if (!isRecord(json) || json.format !== MODEL_FORMAT) throw notAModel('no segment-model format');
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw damaged('its format version is missing');
  if (version > MODEL_VERSION)
    throw modelError(
      'model-newer-version',
      `This model was saved by a newer version of Segment (model format ${version}; this version reads up to ${MODEL_VERSION}). Update the app (reload it while online) and try again.`,
      String(version),
    );

  const features = json.features;
  if (!Array.isArray(features) || features.length === 0)
    throw damaged('the list of features is missing');
  features.forEach((f) => oneOf(f, CLUSTER_FEATURES, `feature "${String(f)}"`));
  if (new Set(features).size !== features.length) throw damaged('a feature is listed twice');
  const d = features.length;

  const scaler = json.scaler;
  if (!isRecord(scaler)) throw damaged('the scaler is missing');
  const scale = numbers(scaler.scale, d, 'the scaler scale');
  if (!scale.every((s) => s > 0)) throw damaged('the scaler scale has a value that is not above 0');

  const centroids = json.centroids;
  if (!Array.isArray(centroids) || centroids.length === 0)
    throw damaged('the segment centres are missing');
  const k = centroids.length;
  const segments = json.segments;
  if (!Array.isArray(segments) || segments.length !== k)
    throw damaged(`there should be ${k} segment names, one per centre`);
  const colours = numbers(json.colours, k, 'the segment colours');
  if (!colours.every((c) => Number.isInteger(c) && c >= 0))
    throw damaged('a segment colour is not a palette index');

  const outliers = oneOf(json.outliers, ['keep', 'cap', 'exclude'] as const, 'outlier handling');
  let caps: [number, number][] | null = null;
  if (outliers === 'cap') {
    if (!Array.isArray(json.caps) || json.caps.length !== d)
      throw damaged(`there should be ${d} outlier caps, one per feature`);
    caps = json.caps.map((c, j) => {
      const [lower, upper] = numbers(c, 2, `outlier cap ${j + 1}`);
      if (!(lower! <= upper!)) throw damaged(`outlier cap ${j + 1} has its ends swapped`);
      return [lower!, upper!];
    });
  }

  const filledIn = json.filledIn;
  if (!Array.isArray(filledIn)) throw damaged('the list of filled-in features is missing');
  const cleaning = json.cleaning;
  if (!isRecord(cleaning) || !Array.isArray(cleaning.nonProductCodes))
    throw damaged('the cleaning options are missing');

  return {
    format: MODEL_FORMAT,
    version,
    features: features as FeatureName[],
    transform: oneOf(json.transform, ['none', 'log1p'] as const, 'the transform'),
    scaler: {
      kind: oneOf(scaler.kind, ['standard', 'robust'] as const, 'the scaler kind'),
      center: [...numbers(scaler.center, d, 'the scaler centre')],
      scale: [...scale],
    },
    outliers,
    caps,
    centroids: centroids.map((c, i) => [...numbers(c, d, `the centre of segment ${i + 1}`)]),
    segments: segments.map((s, i) => text(s, `the name of segment ${i + 1}`)),
    colours: [...colours],
    kind: oneOf(json.kind, SAVABLE_MODELS, 'the model kind'),
    filledIn: filledIn.map((f) => oneOf(f, features as FeatureName[], 'a filled-in feature')),
    cleaning: {
      nonProductCodes: cleaning.nonProductCodes.map((c) => {
        if (typeof c !== 'string') throw damaged('a non-product code is not text');
        return c;
      }),
    },
    snapshot: date(json.snapshot, 'the snapshot'),
    createdAt: date(json.createdAt, 'the creation date'),
    appVersion: text(json.appVersion, 'the app version'),
  };
}
