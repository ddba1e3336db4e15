import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { KMeansPool } from '../core/cluster/sweep.ts';
import { isAnalysisError } from '../core/errors.ts';
import { OUTLIER_HANDLINGS, type OutlierHandling } from '../core/clustering.ts';
import { analyze } from '../core/session/analyze.ts';
import { validationJson } from '../core/session/validation-summary.ts';
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
import { fileSource } from '../node/file-source.ts';
import { hdbscanCsv } from '../core/export/tables.ts';
import type { HdbscanChoice } from '../core/validation/hdbscan-model.ts';
import { DEFAULT_SEED } from '../core/random.ts';

const USAGE =
  'usage: npm run analyze -- FILE [--k N] [--features rfm|ext|beh] [--transform none|log1p] [--scaling standard|robust] [--outliers keep|cap|exclude] [--seed S] [--out DIR] [--skip-validation] [--hdbscan M[,S]]';

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
    options: {
      k: { type: 'string' },
      features: { type: 'string', default: 'rfm' },
      transform: { type: 'string', default: 'log1p' },
      scaling: { type: 'string', default: 'standard' },
      outliers: { type: 'string', default: 'keep' },
      // Leaves the validation block (stability, other models, audit...) out of summary.json.
      'skip-validation': { type: 'boolean', default: false },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      // HDBSCAN min_cluster_size[,min_samples]: writes hdbscan.csv.
      hdbscan: { type: 'string' },
      out: { type: 'string', default: 'out' },
      quiet: { type: 'boolean', default: false },
      // For `npm run bench`: one JSON line on stdout with stage timings and peak memory.
      timings: { type: 'boolean', default: false },
    },
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
  return {
    file,
    k,
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

export interface MainOptions {
  /** Fits part of the k sweep on another thread; the bundled CLI passes one, tests need not. */
  pool?: KMeansPool | undefined;
}

export async function main(argv: string[], { pool }: MainOptions = {}): Promise<number> {
  let progress: ReturnType<typeof progressPrinter> | undefined;
  try {
    const args = parse(argv);
    const source = (() => {
      try {
        return fileSource(args.file);
      } catch {
        throw new UsageError(`cannot read ${args.file}: no such file`);
      }
    })();
    const sniff = await sniffFile(source);
    if (!args.quiet) process.stderr.write(describeColumns(sniff));
    progress = progressPrinter(args.quiet);
    const result = await analyze(
      source,
      {
        k: args.k,
        features: args.features,
        transform: args.transform,
        scaling: args.scaling,
        outliers: args.outliers,
        seed: args.seed,
        sniff,
      },
      progress.print,
      undefined,
      pool,
    );
    progress.end();
    for (const w of result.warnings) process.stderr.write(`warning: ${w.message}\n`);
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'customers.csv'), result.session.customersCsv({ k: result.k }));
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
    const summaryFile = args.validation
      ? { ...summary, validation: validationJson(result.session, result.k, args.hdbscan) }
      : summary;
    writeFileSync(join(args.out, 'summary.json'), JSON.stringify(summaryFile, null, 1) + '\n');
    if (!args.quiet)
      process.stderr.write(
        `${summary.customers.toLocaleString('en')} customers, k = ${summary.k}: ${result.segmentation.segments
          .map((s) => `${s.name} ${s.size}`)
          .join(', ')}\nwrote ${join(args.out, 'customers.csv')} and summary.json\n`,
      );
    if (args.timings) {
      const { maxRSS } = process.resourceUsage();
      process.stdout.write(
        `${JSON.stringify({ stages: result.data.timings, peakRssMiB: maxRSS / 1024 })}\n`,
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
