/**
 * A part of the app state and how it is reset, declared once beside the code that owns it. The
 * store is the union of the slices and every reset is derived from their initial values, so a new
 * field is reset correctly by declaring it in its slice, not by adding it to lists elsewhere.
 */
export interface Slice<PerRun extends object, PerFile extends object = object> {
  /** Cleared when the file is read again (Run, Try again) and by another file. */
  perRun: PerRun;
  /** Kept when the same file is read again (the user's choices, the run's own status). */
  perFile: PerFile;
  /** Of perRun: what describes the segments on screen, cleared when those segments change. */
  perSegments?: readonly (keyof PerRun)[];
  /** The choices kept in this browser with the analysis (store/persistence.ts). */
  persists?: readonly (keyof PerRun | keyof PerFile)[];
}

/** The slice's state as the store holds it. */
export type SliceState<S> = S extends Slice<infer R, infer F> ? R & F : never;

/** Any slice, its field names erased: what the store and the registry hold. */
export interface AnySlice {
  perRun: object;
  perFile: object;
  perSegments?: readonly PropertyKey[];
  persists?: readonly PropertyKey[];
}

const pick = (from: object, keys: readonly PropertyKey[]) =>
  Object.fromEntries(keys.map((k) => [k, (from as Record<PropertyKey, unknown>)[k]]));

const merge = (parts: object[]): object => Object.assign({}, ...parts) as object;

/** Everything as it is before a file is chosen. */
export const freshState = (slices: readonly AnySlice[]) =>
  merge(slices.flatMap((s) => [s.perRun, s.perFile]));

/** What reading the file again clears. */
export const runReset = (slices: readonly AnySlice[]) => merge(slices.map((s) => s.perRun));

/** What other segments on screen clear. */
export const segmentsReset = (slices: readonly AnySlice[]) =>
  merge(slices.map((s) => pick(s.perRun, s.perSegments ?? [])));

/** The names of the choices kept in the browser. */
export const persistedKeys = (slices: readonly AnySlice[]): string[] =>
  slices.flatMap((s) => (s.persists ?? []).map(String));
