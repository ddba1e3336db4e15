// @ts-check
/**
 * Mutation testing of the engine (src/core): `npm run test:mutation`. Slow (every mutant re-runs
 * the tests that cover it), so it is not part of `npm test`. On a small machine run one folder at a
 * time, e.g. `npx stryker run --mutate 'src/core/cluster/**\/*.ts'`; the incremental file lets a
 * later run reuse the results of mutants whose code and tests did not change.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vite.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/core/**/*.ts',
    '!src/core/**/*.test.ts',
    '!src/core/**/*.testing.ts',
    '!src/core/testing/**',
    '!src/core/**/fixtures/**',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) re-run every test for one answer each; the scores in
  // the README leave them out.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  concurrency: 2,
  // The first run, with coverage, runs every test related to the mutated files: on a busy
  // two-core machine that takes more than Stryker's default 5 minutes.
  dryRunTimeoutMinutes: 30,
  // Tests that read the real data take seconds; a mutant that loops must still be stopped.
  timeoutMS: 60_000,
  timeoutFactor: 2,
  // Build output and other helpers' folders are not needed to run the unit tests.
  ignorePatterns: ['dist', 'dist-*', 'reports', 'test-results', 'playwright-report', 'e2e', 'out'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
