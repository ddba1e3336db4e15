/**
 * The CLI's saved-model flags (issue #11): --until cuts a file, --save-model writes the run's
 * model, --model scores a file with it (no sweep; the model's names in customers.csv) and
 * --compare writes migration.csv. Checked against the engine's own answers and by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../core/model/document.ts';
import { main } from './analyze.ts';
import { cliSandbox } from './sandbox.testing.ts';

const cli = cliSandbox('segment-cli-model-');
const { write } = cli;

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** 40 customers over 2011; `until` keeps the lines up to that day (the same lines, cut). */
function sales(until = '2011-12-31'): string {
  const rows = [HEADER];
  let invoice = 1000;
  for (let c = 0; c < 40; c++) {
    const orders = 1 + ((c * 5) % 8);
    for (let o = 0; o < orders; o++) {
      const date = new Date(Date.UTC(2011, 0, 1 + ((c * 23 + o * 41) % 360), 10));
      const day = date.toISOString().slice(0, 10);
      if (day <= until)
        rows.push(
          `${invoice},P${o % 3},item,${1 + (c % 4)},${day} 10:00:00,${(1.5 * (1 + ((c * 7) % 13))).toFixed(2)},C${c},UK`,
        );
      invoice++;
    }
  }
  return rows.join('\n') + '\n';
}

const csvLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');

describe('saved models from the command line', () => {
  it('cuts a file with --until: the same customers as the file written up to that day', async () => {
    const whole = write('whole.csv', sales());
    const june = write('june.csv', sales('2011-06-30'));
    const cutOut = cli.path('cut');
    const juneOut = cli.path('june');
    expect(
      await main([whole, '--until', '2011-06-30', '--out', cutOut, '--quiet', '--skip-validation']),
    ).toBe(0);
    expect(await main([june, '--out', juneOut, '--quiet', '--skip-validation'])).toBe(0);
    expect(csvLines(join(cutOut, 'customers.csv'))).toEqual(
      csvLines(join(juneOut, 'customers.csv')),
    );
    expect(cli.stderr()).toMatch(/Only the sales up to 2011-06-30 are used: \d+ later lines/);
  });

  it('saves the model of a run and scores the same file into exactly its segments', async () => {
    const whole = write('whole.csv', sales());
    const model = cli.path('model.json');
    const fitted = cli.path('fitted');
    const scored = cli.path('scored');
    expect(
      await main([
        whole,
        '--k',
        '4',
        '--save-model',
        model,
        '--out',
        fitted,
        '--quiet',
        '--skip-validation',
      ]),
    ).toBe(0);
    const saved = parseModel(readFileSync(model, 'utf8'));
    expect(saved.segments).toHaveLength(4);
    expect(saved.kind).toBe('kmeans');
    // No customer data: no id of the file appears in the model.
    expect(readFileSync(model, 'utf8')).not.toMatch(/"C\d+"/);

    expect(await main([whole, '--model', model, '--out', scored, '--quiet'])).toBe(0);
    expect(csvLines(join(scored, 'customers.csv'))).toEqual(
      csvLines(join(fitted, 'customers.csv')),
    );
    const summary = JSON.parse(readFileSync(join(scored, 'summary.json'), 'utf8'));
    expect(summary.sweep).toEqual([]);
    expect(summary.segments.map((s: { name: string }) => s.name)).toEqual(saved.segments);
    expect(summary.scored_with_model).toEqual({
      file: model,
      kind: 'kmeans',
      created_at: saved.createdAt,
      snapshot: saved.snapshot,
    });
    expect(summary.validation).toBeDefined();
  });

  it('writes migration.csv with --compare: rows sum to the earlier segment sizes', async () => {
    const whole = write('whole.csv', sales());
    const june = write('june.csv', sales('2011-06-30'));
    const model = cli.path('june-model.json');
    const earlierOut = cli.path('earlier');
    const out = cli.path('compared');
    expect(
      await main([
        june,
        '--k',
        '3',
        '--save-model',
        model,
        '--out',
        earlierOut,
        '--quiet',
        '--skip-validation',
      ]),
    ).toBe(0);
    expect(
      await main([
        whole,
        '--model',
        model,
        '--compare',
        june,
        '--out',
        out,
        '--quiet',
        '--skip-validation',
      ]),
    ).toBe(0);

    const [header, ...flows] = csvLines(join(out, 'migration.csv'));
    expect(header).toBe('from,to,customers,revenue');
    const names = parseModel(readFileSync(model, 'utf8')).segments;
    const earlierSizes = new Map<string, number>();
    const [customersHeader, ...customers] = csvLines(join(earlierOut, 'customers.csv'));
    const segmentColumn = customersHeader!.split(',').indexOf('Segment');
    for (const line of customers) {
      const segment = line.split(',')[segmentColumn]!;
      earlierSizes.set(segment, (earlierSizes.get(segment) ?? 0) + 1);
    }
    const fromSums = new Map<string, number>();
    for (const flow of flows) {
      const [from, to, customers] = flow.split(',');
      expect([...names, 'new']).toContain(from);
      expect([...names, 'lapsed']).toContain(to);
      fromSums.set(from!, (fromSums.get(from!) ?? 0) + Number(customers));
    }
    for (const name of names) expect(fromSums.get(name) ?? 0).toBe(earlierSizes.get(name) ?? 0);
    // Customers whose first purchase is after June are new.
    const newcomers = flows.filter((f) => f.startsWith('new,'));
    expect(newcomers.length).toBeGreaterThan(0);
  });

  it('refuses a missing or foreign model file and a badly written date, exit 2, one line', async () => {
    const whole = write('whole.csv', sales());
    expect(await main([whole, '--model', cli.path('nothing.json'), '--quiet'])).toBe(2);
    expect(cli.stderr()).toBe(
      `error: cannot read the model ${cli.path('nothing.json')}: no such file\n`,
    );
    cli.clear();
    expect(await main([whole, '--model', write('other.json', '{"name":"x"}'), '--quiet'])).toBe(2);
    expect(cli.stderr()).toMatch(/^error: This file is not a saved segmentation model\./);
    cli.clear();
    expect(await main([whole, '--until', '30/06/2011', '--quiet'])).toBe(2);
    expect(cli.stderr()).toMatch(/^error: --until must be a date written YYYY-MM-DD/);
    cli.clear();
    expect(await main([whole, '--until', '2010-01-01', '--quiet'])).toBe(2);
    expect(cli.stderr()).toMatch(/no sales on or before 2010-01-01/);
  });
});
