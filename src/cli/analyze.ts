import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import type { RestReader } from '../core/ingest/split.ts';
import { isAnalysisError } from '../core/errors.ts';
import { OUTLIER_HANDLINGS, type OutlierHandling } from '../core/clustering.ts';
import { analyze } from '../core/session/analyze.ts';
import { analystCsvChunks } from '../core/session/exports.ts';
import { validationJson } from '../core/session/validation-summary.ts';
import type { AnalysisSession } from '../core/session/session.ts';
import { DEFAULT_NON_PRODUCT_CODES } from '../core/clean/clean.ts';
import { parseModel, type SegmentationModel, serializeModel } from '../core/model/document.ts';
import { migrationCsv } from '../core/model/migration.ts';
import { APP_VERSION } from '../core/version.ts';
import { summaryJson } from '../core/summary.ts';
import { ROLE_LABELS, ROLES } from '../core/ingest/columns.ts';
import { type FileSniff, sniffFile } from '../core/ingest/sniff.ts';
import {
  FEATURE_SET_NAMES,
  type FeatureSetName,
  type Scaling,
  type StageProgress,
  type Transform,
} from '../core/types.ts';
import type { CodeCacheUse } from '../node/code-cache.ts';
import { fileSource } from '../node/file-source.ts';
import { collectingBetweenStages, fullCollection } from '../node/collect.ts';
import { hdbscanCsv } from '../core/export/tables.ts';
import type { HdbscanChoice } from '../core/validation/hdbscan-model.ts';
import { DEFAULT_SEED } from '../core/random.ts';
import { HELP, OPTIONS, USAGE } from './options.ts';
import { clvJson, clvOptionsJson, dayOfIso } from '../core/clv/json.ts';
import { DEFAULT_CLV_HORIZON } from '../core/clv/predict.ts';

/** Files from this size on are collected between stages (src/node/collect.ts). */
const COLLECT_FROM_BYTES = 64 << 20;

/** A one-line message and exit status 2: the CLI's answer to input it cannot use. */
class UsageError extends Error {}

/** node:util parseArgs, its errors (unknown option, missing value) turned into usage errors. */
function parseArgsOrUsage<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: OPTIONS,
  });
  const integer = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text))
      throw new UsageError(`--${name} must be a whole number, got "${text}"`);
    return Number(text);
  };
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  const k = integer('k', values.k);
  if (k !== undefined && k < 2) throw new UsageError(`--k must be at least 2, got "${values.k}"`);
  if (!FEATURE_SET_NAMES.includes(values.features as FeatureSetName))
    throw new UsageError(`--features must be rfm, ext or beh, got "${values.features}"`);
  if (values.scaling !== 'standard' && values.scaling !== 'robust')
    throw new UsageError(`--scaling must be standard or robust, got "${values.scaling}"`);
  if (values.transform !== 'none' && values.transform !== 'log1p')
    throw new UsageError(`--transform must be none or log1p, got "${values.transform}"`);
  if (!OUTLIER_HANDLINGS.includes(values.outliers as OutlierHandling))
    throw new UsageError(`--outliers must be keep, cap or exclude, got "${values.outliers}"`);
  const months = integer('clv-months', values['clv-months']) ?? DEFAULT_CLV_HORIZON.months;
  if (months < 1 || months > 120)
    throw new UsageError(`--clv-months must be 1 to 120, got "${values['clv-months']}"`);
  const discount = Number(values.discount);
  if (!/^\d*\.?\d+$/.test(values.discount ?? '') || !(discount < 1))
    throw new UsageError(
      `--discount must be a rate from 0 to below 1 (0.01 is 1% a month), got "${values.discount}"`,
    );
  const calibrationEnd =
    values['calibration-end'] === undefined ? null : dayOfIso(values['calibration-end']);
  if (values['calibration-end'] !== undefined && calibrationEnd === null)
    throw new UsageError(
      `--calibration-end must be a date YYYY-MM-DD, got "${values['calibration-end']}"`,
    );
  if (values.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.until))
    throw new UsageError(`--until must be a date written YYYY-MM-DD, got "${values.until}"`);
  return {
    file,
    k,
    clv: { months, monthlyDiscount: discount, calibrationEndDay: calibrationEnd },
    saveModel: values['save-model'],
    model: values.model,
    compare: values.compare,
    until: values.until,
    hdbscan: hdbscanOption(values.hdbscan),
    features: values.features as FeatureSetName,
    transform: values.transform as Transform,
    scaling: values.scaling as Scaling,
    outliers: values.outliers as OutlierHandling,
    validation: !values['skip-validation'],
    seed: integer('seed', values.seed) ?? DEFAULT_SEED,
    out: values.out ?? 'out',
    quiet: values.quiet ?? false,
    timings: values.timings ?? false,
  };
}

/** `--hdbscan M` or `--hdbscan M,S`: min_cluster_size M, min_samples S (M when not given). */
function hdbscanOption(text: string | undefined): HdbscanChoice | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:,(\d+))?$/.exec(text);
  const minClusterSize = Number(match?.[1]);
  const minSamples = Number(match?.[2] ?? match?.[1]);
  if (!match || minClusterSize < 2 || minSamples < 1)
    throw new UsageError(
      `--hdbscan must be min_cluster_size[,min_samples], whole numbers (at least 2 and 1), got "${text}"`,
    );
  return { minClusterSize, minSamples };
}

/**
 * Progress on stderr, one line per stage rewritten in place with `\r`. `end` finishes the open
 * line, so whatever is written next (the summary, an error) starts on a line of its own.
 */
function progressPrinter(quiet: boolean) {
  let lastStage = '';
  let open = false;
  return {
    print(p: StageProgress) {
      if (quiet) return;
      const line = `${p.stage.padEnd(8)} ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.rows.toLocaleString('en')} rows`;
      process.stderr.write((p.stage === lastStage ? '\r' : lastStage ? '\n' : '') + line);
      lastStage = p.stage;
      open = true;
    },
    end() {
      if (open) process.stderr.write('\n');
      open = false;
    },
  };
}

/** What was recognised in the file and which column plays each role, before the analysis. */
function describeColumns(sniff: FileSniff): string {
  const recognised = sniff.platform
    ? `recognised: ${sniff.platform.label}\n${sniff.platform.hint ? `note: ${sniff.platform.hint}\n` : ''}`
    : 'recognised: no known export layout; columns chosen by their names\n';
  const chosen = ROLES.flatMap((role) => {
    const column = sniff.mapping[role];
    if (column === undefined) return [];
    const header = sniff.headers[column] || `column ${column + 1}`;
    return [`  ${ROLE_LABELS[role].padEnd(22)} -> "${header}"`];
  });
  return `${recognised}${chosen.length > 0 ? `columns:\n${chosen.join('\n')}` : 'columns: none recognised by name'}\n`;
}

/** A saved model file; a missing file is a usage error, a bad one the model's own message. */
function readModel(path: string): SegmentationModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the model ${path}: no such file`);
  }
  return parseModel(text);
}

/** --save-model and --compare: the files they write, named for the summary line. */
async function modelFiles(
  args: ReturnType<typeof parse>,
  session: AnalysisSession,
  k: number,
): Promise<string[]> {
  const written: string[] = [];
  if (args.saveModel !== undefined) {
    const meta = {
      createdAt: new Date(),
      appVersion: APP_VERSION,
      nonProductCodes: DEFAULT_NON_PRODUCT_CODES,
    };
    const { model, agreement } = session.saveModel({ k }, meta);
    writeFileSync(args.saveModel, serializeModel(model));
    if (agreement < 1)
      process.stderr.write(
        `note: the model puts ${(agreement * 100).toFixed(1)}% of this file's customers in their segment\n`,
      );
    written.push(args.saveModel);
  }
  if (args.compare !== undefined) {
    const earlier = (() => {
      try {
        return fileSource(args.compare);
      } catch {
        throw new UsageError(`cannot read ${args.compare}: no such file`);
      }
    })();
    const comparison = await session.comparePeriods({ k }, { earlier, load: {} }, () => undefined);
    const path = join(args.out, 'migration.csv');
    writeFileSync(path, migrationCsv(comparison.migration));
    for (const sentence of comparison.summary) process.stderr.write(`${sentence}\n`);
    written.push(path);
  }
  return written;
}

/** Writes `chunks` to the file at `path`, one at a time. */
function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

export interface MainOptions {
  /**
   * Reads half of a large file and fits part of the k sweep on another thread; the bundled CLI
   * passes one, tests need not.
   */
  pool?: (KMeansPool & Partial<RestReader>) | undefined;
  /** What became of the bundle's code cache (main.ts), for `--timings`. */
  codeCache?: CodeCacheUse | undefined;
}

export async function main(argv: string[], { pool, codeCache }: MainOptions = {}): Promise<number> {
  let progress: ReturnType<typeof progressPrinter> | undefined;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(HELP);
      return 0;
    }
    const args = parse(argv);
    const source = (() => {
      try {
        return fileSource(args.file);
      } catch {
        throw new UsageError(`cannot read ${args.file}: no such file`);
      }
    })();
    const model = args.model === undefined ? undefined : readModel(args.model);
    const sniff = await sniffFile(source);
    let clvMs = 0;
    if (!args.quiet) process.stderr.write(describeColumns(sniff));
    progress = progressPrinter(args.quiet);
    // On a large file, what each stage leaves is collected before the next: src/node/collect.ts.
    const collect = source.size >= COLLECT_FROM_BYTES ? fullCollection() : undefined;
    const result = await analyze(
      source,
      {
        k: args.k,
        features: args.features,
        transform: args.transform,
        scaling: args.scaling,
        outliers: args.outliers,
        seed: args.seed,
        until: args.until,
        model,
        sniff,
        keepRows: args.compare !== undefined,
        // Behind the app's customer profile only.
        noMonthlyActivity: true,
        rowsLetGo: collect,
        // On this thread while the k-means thread makes the sweep's first fits (session caches
        // it). A file scored with a model is not swept, and this is not called.
        whileSweeping: (session) => {
          const t0 = performance.now();
          session.lifetimeValue(args.clv);
          clvMs = performance.now() - t0;
        },
      },
      collect ? collectingBetweenStages(progress.print, collect) : progress.print,
      undefined,
      pool,
    );
    progress.end();
    for (const w of result.warnings) process.stderr.write(`warning: ${w.message}\n`);
    mkdirSync(args.out, { recursive: true });
    const t0 = performance.now();
    const value = result.session.lifetimeValue(args.clv);
    result.data.timings.clv = (result.data.timings.clv ?? 0) + clvMs + performance.now() - t0;
    for (const m of value.ok ? value.warnings : [value.problem])
      process.stderr.write(`lifetime value: ${m.message}\n`);
    // In pieces: on ten times the UCI file the whole text, and the bytes it was written as, were
    // the last 20 MiB of the run's peak memory.
    writeChunks(
      join(args.out, 'customers.csv'),
      analystCsvChunks(result.session.customers, result.session.segments({ k: result.k }), value),
    );
    const summary = summaryJson(
      result.data,
      result.clustering,
      result.segmentation,
      result.warnings,
    );
    if (args.hdbscan) {
      const fit = result.session.hdbscan(args.hdbscan);
      writeFileSync(join(args.out, 'hdbscan.csv'), hdbscanCsv(result.data.groups.table.ids, fit));
      if (!args.quiet)
        process.stderr.write(
          `HDBSCAN (min_cluster_size ${fit.minClusterSize}, min_samples ${fit.minSamples}): ${fit.clusters} groups, ${fit.noise.toLocaleString('en')} customers as noise\n`,
        );
    }
    const clv = value.ok
      ? clvJson(value)
      : { options: clvOptionsJson(args.clv), ...clvJson(value) };
    const scoredWith = model && {
      scored_with_model: {
        file: args.model,
        kind: model.kind,
        created_at: model.createdAt,
        snapshot: model.snapshot,
      },
    };
    const summaryFile = {
      ...summary,
      ...scoredWith,
      clv,
      ...(args.validation
        ? { validation: await validationJson(result.session, result.k, args.hdbscan) }
        : {}),
    };
    writeFileSync(join(args.out, 'summary.json'), JSON.stringify(summaryFile, null, 1) + '\n');
    const written = await modelFiles(args, result.session, result.k);
    if (!args.quiet)
      process.stderr.write(
        `${model ? `scored with the model ${args.model} (${model.createdAt.slice(0, 10)})\n` : ''}${summary.customers.toLocaleString('en')} customers, k = ${summary.k}: ${result.segmentation.segments
          .map((s) => `${s.name} ${s.size}`)
          .join(
            ', ',
          )}\nwrote ${[join(args.out, 'customers.csv'), 'summary.json', ...written].join(', ')}\n`,
      );
    if (args.timings) {
      const { maxRSS } = process.resourceUsage();
      process.stdout.write(
        `${JSON.stringify({ stages: result.data.timings, peakRssMiB: maxRSS / 1024, codeCache })}\n`,
      );
    }
    return 0;
  } catch (error) {
    progress?.end();
    if (error instanceof UsageError || isAnalysisError(error)) {
      // One line, even when the message quotes a value from the file that has a line break.
      process.stderr.write(`error: ${error.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
      return 2;
    }
    throw error;
  }
}
