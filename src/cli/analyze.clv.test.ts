/**
 * The CLI's lifetime value (issue 12), in-process as analyze.test.ts runs it: the `clv` block of
 * summary.json and the four columns of customers.csv against the lifetimes reference
 * (../shared/reference/*.clv.*), the options, and usage errors for bad values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DROPOUT_NOT_ESTIMABLE } from '../core/clv/messages.ts';
import {
  type ClvReferenceFile,
  loadReferenceClv,
  loadReferenceClvCustomers,
} from '../core/testing/clv-reference.ts';
import { sharedPath } from '../core/testing/reference.ts';
import { main } from './analyze.ts';
import { cliSandbox } from './sandbox.testing.ts';

const cli = cliSandbox('segment-cli-clv-');

const CLV_HEADER = ['p_alive', 'expected_purchases_90d', 'expected_avg_spend', 'clv_12m'];
const relative = (a: number, e: number) => Math.abs(a - e) / Math.max(Math.abs(e), 1e-300);

interface Output {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- summary.json as parsed
  summary: any;
  header: string[];
  /** Per customer id, the values of the last four columns. */
  clv: Map<string, number[]>;
}

async function run(file: string, name: string, ...flags: string[]): Promise<Output> {
  const out = cli.path(name);
  const args = [file, '--out', out, '--quiet', '--skip-validation', ...flags];
  expect(await main(args), cli.stderr()).toBe(0);
  const lines = readFileSync(join(out, 'customers.csv'), 'utf8').split('\r\n').filter(Boolean);
  const header = lines.shift()!.split(',');
  const clv = new Map(
    lines.map((line) => {
      const cells = line.split(',');
      return [cells[0]!, cells.slice(-4).map(Number)] as const;
    }),
  );
  return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), header, clv };
}

/** The worst relative difference of each column from the reference's, over every customer. */
function worstDifferences(file: ClvReferenceFile, output: Output): number[] {
  const expected = loadReferenceClvCustomers(file);
  const names = ['p_alive', 'expected_purchases_90d', 'expected_avg_spend', 'clv_12m'] as const;
  const worst = [0, 0, 0, 0];
  expect(output.clv.size).toBe(expected.ids.length);
  expected.ids.forEach((id, row) => {
    const ours = output.clv.get(id);
    if (!ours) throw new Error(`customer ${id} missing from customers.csv`);
    names.forEach((name, j) => {
      worst[j] = Math.max(worst[j]!, relative(ours[j]!, expected.columns[name][row]!));
    });
  });
  return worst;
}

describe('cdnow_sample.csv with --calibration-end 1997-09-30', () => {
  const reference = loadReferenceClv('cdnow_sample');
  let output: Output;
  beforeAll(async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    output = await run(
      sharedPath('data', 'cdnow_sample.csv'),
      'cdnow',
      '--calibration-end',
      '1997-09-30',
    );
    vi.restoreAllMocks();
  }, 120_000);

  it('writes the fits, the options and no caveats; parameters equal the reference to 1e-4', () => {
    const { clv } = output.summary;
    expect(clv.options).toEqual({
      months: 12,
      monthly_discount: 0.01,
      observation_end: '1998-06-30',
      calibration_end: '1997-09-30',
    });
    expect(clv.customers).toBe(reference.full.customers);
    expect(clv.repeat_customers).toBe(reference.full.repeat_customers);
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(clv.bgnbd[name], reference.full.bgnbd[name]), name).toBeLessThan(1e-4);
    for (const name of ['p', 'q', 'v'] as const)
      expect(relative(clv.gamma_gamma[name], reference.full.gamma_gamma![name])).toBeLessThan(1e-4);
    expect(clv.bgnbd.loglik).toBeCloseTo(reference.full.bgnbd_loglik, 6);
    expect(clv.gamma_gamma.loglik).toBeCloseTo(reference.full.gamma_gamma_loglik!, 6);
    expect(clv.bgnbd_converged && clv.gamma_gamma_converged).toBe(true);
    expect(clv.bgnbd_on_boundary).toBe(false);
    expect(clv.messages).toEqual([]);
  });

  it('writes the calibration table equal to the reference', () => {
    const { calibration } = output.summary.clv;
    const ref = reference.calibration;
    expect(calibration.calibration_end).toBe('1997-09-30');
    expect(calibration.holdout_length).toBe(ref.holdout_length);
    expect(calibration.customers).toBe(ref.customers);
    for (const name of ['r', 'alpha', 'a', 'b'] as const)
      expect(relative(calibration.bgnbd[name], ref.bgnbd[name]), name).toBeLessThan(1e-4);
    expect(calibration.by_calibration_frequency).toHaveLength(ref.by_calibration_frequency.length);
    ref.by_calibration_frequency.forEach((row, i) => {
      const ours = calibration.by_calibration_frequency[i];
      expect(ours.frequency).toBe(row.frequency);
      expect(ours.customers).toBe(row.customers);
      expect(ours.actual).toBeCloseTo(row.actual, 12);
      expect(relative(ours.predicted, row.predicted)).toBeLessThan(1e-5);
    });
    expect(calibration.total_actual).toBe(ref.total_actual);
    expect(relative(calibration.total_predicted, ref.total_predicted)).toBeLessThan(1e-5);
  });

  it('customers.csv ends with the four columns, every customer to 1e-4 of the reference', () => {
    expect(output.header.slice(-4)).toEqual(CLV_HEADER);
    for (const worst of worstDifferences('cdnow_sample', output)) expect(worst).toBeLessThan(1e-4);
  });
});

describe('online_retail.csv, the defaults', () => {
  const reference = loadReferenceClv('online_retail');
  let output: Output;
  beforeAll(async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    output = await run(sharedPath('data', 'online_retail.csv'), 'retail');
    vi.restoreAllMocks();
  }, 240_000);

  it('log-likelihood at least the reference - 0.05, r and alpha to 1e-3; no calibration asked', () => {
    const { clv } = output.summary;
    expect(clv.bgnbd.loglik).toBeGreaterThanOrEqual(reference.full.bgnbd_loglik - 0.05);
    expect(relative(clv.bgnbd.r, reference.full.bgnbd.r)).toBeLessThan(1e-3);
    expect(relative(clv.bgnbd.alpha, reference.full.bgnbd.alpha)).toBeLessThan(1e-3);
    expect(clv.calibration).toBeUndefined();
    expect(clv.options.calibration_end).toBeNull();
  });

  it('says the optimum is on a boundary, with the SPEC sentence', () => {
    const { clv } = output.summary;
    expect(clv.bgnbd_on_boundary).toBe(true);
    const message = clv.messages.find((m: { code: string }) => m.code === 'dropout-not-estimable');
    expect(message.message.startsWith(DROPOUT_NOT_ESTIMABLE)).toBe(true);
  });

  it('customers.csv: predictions within the 0.5% the reference README allows along the ridge', () => {
    expect(output.header.slice(-4)).toEqual(CLV_HEADER);
    for (const worst of worstDifferences('online_retail', output)) expect(worst).toBeLessThan(5e-3);
  });
});

/** Five customers of whom one came back: too few to fit. */
const FEW_REPEAT = [
  'CustomerID,InvoiceDate,Amount',
  'a,2011-01-03,10',
  'a,2011-02-03,12',
  'b,2011-01-05,5',
  'c,2011-01-09,7',
  'd,2011-01-11,9',
  'e,2011-03-01,3',
].join('\n');

describe('options and problems', () => {
  it('--clv-months and --discount change the horizon, the column name and the value', async () => {
    const file = sharedPath('data', 'cdnow_sample.csv');
    const base = await run(file, 'cdnow-base', '--seed', '1');
    const other = await run(file, 'cdnow-6m', '--clv-months', '6', '--discount', '0.05');
    expect(other.summary.clv.options).toMatchObject({ months: 6, monthly_discount: 0.05 });
    expect(other.header.slice(-1)).toEqual(['clv_6m']);
    const [id, values] = [...base.clv].find(([, v]) => v[3]! > 10)!;
    // Same fits, so the same P(alive) and spend; half the months at a higher discount: less value.
    expect(other.clv.get(id)![0]).toBe(values[0]);
    expect(other.clv.get(id)![3]).toBeLessThan(values[3]!);
  }, 120_000);

  it('too few repeat customers: the plain problem in summary.json, no value columns', async () => {
    const path = cli.write('few.csv', FEW_REPEAT + '\n');
    const output = await run(path, 'few');
    expect(output.summary.clv.problem.code).toBe('few-repeat-customers');
    expect(output.summary.clv.problem.message).toContain('at least 20');
    expect(output.summary.clv.options.months).toBe(12);
    expect(output.header.at(-1)).toBe('Segment');
    expect(cli.stderr()).toContain('lifetime value: Only 1 customer bought on more than one day');
  });

  it.each([
    [['--clv-months', '0'], '--clv-months must be 1 to 120'],
    [['--clv-months', 'twelve'], '--clv-months must be a whole number'],
    [['--discount', '1.5'], '--discount must be a rate from 0 to below 1'],
    [['--discount', 'abc'], '--discount must be a rate'],
    [['--calibration-end', '2011-13-01'], '--calibration-end must be a date YYYY-MM-DD'],
    [['--calibration-end', '09/09/2011'], '--calibration-end must be a date YYYY-MM-DD'],
  ])('%j is a usage error (exit 2, one line)', async (flags, message) => {
    const path = cli.write('few.csv', FEW_REPEAT + '\n');
    expect(await main([path, '--out', cli.path('bad'), '--quiet', ...flags])).toBe(2);
    expect(cli.stderr()).toContain(message);
    expect(cli.stderr().trim().split('\n')).toHaveLength(1);
  });
});
