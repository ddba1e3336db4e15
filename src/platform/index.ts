/**
 * What the app needs from the browser beyond the page: saving a file, keeping the last analysis,
 * printing. One mutable object, so the store's actions can run in Node tests with fakes.
 */
import { saveBytes } from './download.ts';
import { keptRecord } from './indexeddb.ts';
import { printPage } from './print.ts';

export type { KeptRecord } from './indexeddb.ts';

export const platform = {
  saveBytes,
  printPage,
  /** The IndexedDB record of the last analysis (database `segment`, see store/persistence.ts). */
  lastAnalysis: keptRecord<unknown>('segment', 'sessions', 'last'),
};
