/**
 * The platform fixtures built from the UCI file in ../shared (Node only: tests and e2e specs).
 * Built once per process: cutting them reads the whole 45 MB file.
 */
import { readFileSync } from 'node:fs';
import { platformFixturesOf, selectUciLines, type UciLine } from './platform-fixtures.ts';
import { sharedPath } from './reference.ts';

let cached: { fixtures: ReturnType<typeof platformFixturesOf>; lines: UciLine[] } | undefined;

/** Every platform's fixture and the UCI lines they were cut from. */
export function loadPlatformFixtures() {
  if (!cached) {
    const uci = readFileSync(sharedPath('data', 'online_retail.csv'), 'utf8');
    const lines = selectUciLines(uci);
    cached = { fixtures: platformFixturesOf(lines), lines };
  }
  return cached;
}
