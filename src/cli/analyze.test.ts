/**
 * The CLI in-process: `main(argv)` on small files in a temporary folder. Its output files are the
 * contract of issue 2 (customers.csv header, summary.json keys); bad input is exit status 2 with
 * one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { main } from './analyze.ts';
import { HELP, OPTIONS } from './options.ts';
import { cliSandbox } from './sandbox.testing.ts';

const cli = cliSandbox('segment-cli-');
const { write } = cli;

/** 30 customers of a UCI-style file, with a cancelled and a blank-customer row. */
function salesFile(): string {
  const rows = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  ];
  let invoice = 1000;
  for (let c = 0; c < 30; c++) {
    const orders = 1 + ((c * 5) % 7);
    for (let o = 0; o < orders; o++) {
      const day = String(1 + ((c * 11 + o * 5) % 28)).padStart(2, '0');
      const month = String(1 + ((c + o * 3) % 12)).padStart(2, '0');
      rows.push(
        `${invoice++},P${o % 4},"Item, ${o}",${1 + (c % 5)},2011-${month}-${day} 10:${String(c).padStart(2, '0')}:00,${(1.25 * (1 + ((c * 3) % 11))).toFixed(2)},${String(c).padStart(5, '0')},UK`,
      );
    }
  }
  rows.push('C999,P1,x,1,2011-05-05 10:00:00,2,00001,UK', '998,P1,x,1,2011-05-05 10:00:00,2,,UK');
  return rows.join('\n') + '\n';
}

const CUSTOMERS_HEADER =
  'CustomerID,Recency,Frequency,Monetary,TotalQuantity,UniqueProducts,Tenure,AvgOrderValue,Cluster,Segment';

describe('a good file', () => {
  it('writes customers.csv and summary.json as issue 2 specifies, exit 0', async () => {
    const input = write('sales.csv', salesFile());
    const out = cli.path('out-plain');
    expect(await main([input, '--k', '3', '--seed', '7', '--out', out, '--quiet'])).toBe(0);

    const csv = readFileSync(join(out, 'customers.csv'), 'utf8').split('\r\n');
    // Then the lifetime value columns (analyze.clv.test.ts checks them).
    expect(csv[0]).toBe(
      `${CUSTOMERS_HEADER},p_alive,expected_purchases_90d,expected_avg_spend,clv_12m`,
    );
    const body = csv.slice(1).filter((l) => l !== '');
    expect(body).toHaveLength(30);
    expect(body[0]!.startsWith('00000,')).toBe(true); // ids verbatim, leading zeros kept
    const clusters = new Set(body.map((l) => l.split(',')[8]));
    expect([...clusters].sort()).toEqual(['0', '1', '2']);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.cleaning).toMatchObject({
      rows_in: expect.any(Number),
      cancelled: 1,
      missing_customer: 1,
      nonpositive_quantity_or_price: 0,
      non_product_codes: 0,
      rows_kept: body.length > 0 ? expect.any(Number) : 0,
    });
    expect(summary.cleaning.rows_in - summary.cleaning.rows_kept).toBe(2);
    expect(summary.customers).toBe(30);
    expect(summary.snapshot).toMatch(/^2011-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(summary.k).toBe(3);
    expect(summary.sweep.map((p: { k: number }) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const point of summary.sweep)
      expect(Object.keys(point)).toEqual(
        expect.arrayContaining([
          'k',
          'inertia',
          'silhouette',
          'calinski_harabasz',
          'davies_bouldin',
          'silhouette_sample_size',
        ]),
      );
    expect(summary.sweep[0].silhouette_sample_size).toBe(30);
    expect(summary.segments).toHaveLength(3);
    expect(new Set(summary.segments.map((s: { name: string }) => s.name)).size).toBe(3);
    expect(summary.segments.reduce((n: number, s: { size: number }) => n + s.size, 0)).toBe(30);
    expect(summary.cohort.cohorts[0]).toBe('2011-01');
    expect(summary.cohort.sizes.reduce((n: number, s: number) => n + s, 0)).toBe(30);

    // Validation (issue 6), for the segmentation written above.
    const v = summary.validation;
    expect(v.outlier_handling).toBe('keep');
    expect(v.stability.k).toBe(3);
    expect(v.stability.resamples).toBe(30);
    expect(v.stability.aris).toHaveLength(30);
    expect(v.stability.ari_mean).toBeCloseTo(
      v.stability.aris.reduce((s: number, x: number) => s + x, 0) / 30,
      12,
    );
    expect(['highly stable', 'acceptable', 'unreliable']).toContain(v.stability.reading);
    const sizes = summary.segments.map((s: { size: number }) => s.size);
    expect(v.silhouette.segments.map((s: { size: number }) => s.size)).toEqual(sizes);
    expect(v.silhouette.mean).toBeCloseTo(
      summary.sweep.find((p: { k: number }) => p.k === 3).silhouette,
      12,
    );
    expect(v.audit.train + v.audit.test).toBe(30);
    expect(v.audit.confusion.flat().reduce((s: number, x: number) => s + x, 0)).toBe(v.audit.test);
    expect(v.models.rows.map((r: { model: string }) => r.model)).toEqual([
      'kmeans',
      'gmm',
      'dbscan',
      'ward',
    ]);
    expect(v.models.rows[0].silhouette).toBeCloseTo(v.silhouette.mean, 12);
    expect(v.pca.explained_variance_ratio.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(
      1,
      12,
    );
    expect(
      v.rfm.grid_segments.reduce((s: number, g: { customers: number }) => s + g.customers, 0),
    ).toBe(30);
    expect(
      v.rfm.segments_by_grid_segment.map((row: number[]) => row.reduce((a, b) => a + b, 0)),
    ).toEqual(sizes);
    expect(cli.stderr()).not.toMatch(/error/);
  });

  it('--skip-validation leaves the validation out; --outliers cap is recorded and used', async () => {
    const input = write('skip.csv', salesFile());
    expect(await main([input, '--out', cli.path('skip'), '--quiet', '--skip-validation'])).toBe(0);
    const skipped = JSON.parse(cli.read('skip', 'summary.json'));
    expect(skipped.validation).toBeUndefined();
    expect(await main([input, '--out', cli.path('cap'), '--quiet', '--outliers', 'cap'])).toBe(0);
    const capped = JSON.parse(cli.read('cap', 'summary.json'));
    expect(capped.validation.outlier_handling).toBe('cap');
    expect(await main([input, '--quiet', '--outliers', 'drop'])).toBe(2);
    expect(cli.stderr()).toContain('--outliers must be keep, cap or exclude');
  });

  it('--features beh --scaling robust clusters the behaviour features on medians and IQRs', async () => {
    const input = write('beh.csv', salesFile());
    const out = cli.path('beh');
    const args = ['--quiet', '--skip-validation', '--k', '3'];
    expect(
      await main([input, '--out', out, ...args, '--features', 'beh', '--scaling', 'robust']),
    ).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.features).toBe('beh');
    expect(summary.scaling).toBe('robust');
    expect(summary.scaler_center).toHaveLength(6);
    expect(summary.k).toBe(3);
    // Standard scaling stays the default.
    expect(await main([input, '--out', cli.path('std'), ...args])).toBe(0);
    expect(JSON.parse(cli.read('std', 'summary.json')).scaling).toBe('standard');
    expect(await main([input, ...args, '--scaling', 'minmax'])).toBe(2);
    expect(cli.stderr()).toContain('--scaling must be standard or robust');
  });

  it('reads a .gz file to the same results', async () => {
    const plain = write('same.csv', salesFile());
    const gz = write('same.csv.gz', gzipSync(salesFile()));
    expect(await main([plain, '--out', cli.path('a'), '--quiet'])).toBe(0);
    expect(await main([gz, '--out', cli.path('b'), '--quiet'])).toBe(0);
    expect(cli.read('b', 'customers.csv')).toBe(cli.read('a', 'customers.csv'));
    const a = JSON.parse(cli.read('a', 'summary.json'));
    const b = JSON.parse(cli.read('b', 'summary.json'));
    expect({ ...b, input: a.input }).toEqual(a);
  });

  it('reads an Excel workbook (its first sheet) to the same customers.csv as the CSV', async () => {
    const rows = salesFile()
      .trim()
      .split('\n')
      .map((line) =>
        line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
      );
    const sheet = XLSX.utils.aoa_to_sheet(
      rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 3 || j === 5 ? Number(c) : c)))),
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Sales');
    const xlsx = write(
      'sales.xlsx',
      new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer),
    );
    const csv = write('sales-for-xlsx.csv', salesFile());
    expect(await main([xlsx, '--out', cli.path('x'), '--quiet'])).toBe(0);
    expect(await main([csv, '--out', cli.path('c'), '--quiet'])).toBe(0);
    expect(cli.read('x', 'customers.csv')).toBe(cli.read('c', 'customers.csv'));
  });

  it('prints progress and a closing line on stderr unless --quiet', async () => {
    const input = write('loud.csv', salesFile());
    expect(await main([input, '--out', cli.path('loud'), '--features', 'ext'])).toBe(0);
    const text = cli.stderr();
    expect(text).toMatch(/read\s+100%/);
    expect(text).toMatch(/30 customers, k = \d+:/);
  });

  it('names the layout recognised and the column of each role before the analysis', async () => {
    const input = write('named.csv', salesFile());
    expect(await main([input, '--out', cli.path('named'), '--skip-validation'])).toBe(0);
    const text = cli.stderr();
    const before = text.slice(0, text.search(/read\s/));
    expect(before).toBe(
      [
        'recognised: Online Retail (UCI) data set',
        'columns:',
        '  Customer ID            -> "CustomerID"',
        '  Order date             -> "InvoiceDate"',
        '  Invoice / order ID     -> "InvoiceNo"',
        '  Quantity               -> "Quantity"',
        '  Unit price             -> "UnitPrice"',
        '  Product code           -> "StockCode"',
        '  Product description    -> "Description"',
        '  Country                -> "Country"',
        '',
      ].join('\n'),
    );
  });

  it('an error after progress has started is on a line of its own', async () => {
    // Every row is a return (negative quantity): read, then everything is removed by cleaning.
    const returns = Array.from(
      { length: 50 },
      (_, i) => `${1000 + i},P1,x,-1,2011-05-05 10:00:00,2,${10 + i},UK`,
    );
    const input = write('refunds.csv', [salesFile().split('\n')[0], ...returns].join('\n'));
    expect(await main([input, '--out', cli.path('refunds')])).toBe(2);
    const text = cli.stderr();
    expect(text).toMatch(/read\s+100%/);
    const last = text.trimEnd().split('\n').at(-1) as string;
    expect(last).toMatch(/^error: /);
    expect(text).toMatch(/\nerror: /);
    expect(text).not.toMatch(/rows[^\n]*error/);
  });
});

describe('bad input: exit status 2 and one line on stderr', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => [cli.path('nope.csv')], /no such file/],
    ['an empty file', () => [write('empty.csv', '')], /empty/],
    ['PNG bytes', () => [write('image.csv', png)], /PNG image/],
    [
      'missing columns',
      () => [write('cols.csv', 'Name,Colour\nA,red\n')],
      /could not find the customer ID, the order date, the money/,
    ],
    ['a header only', () => [write('header.csv', 'CustomerID,InvoiceDate,Amount\n')], /no rows/],
    [
      'a Shopify customers export',
      () => [
        write(
          'customers_export.csv',
          'Customer ID,First Name,Last Name,Email,Total Spent,Total Orders,Tags\n6001,Maria,Garcia,maria@example.com,150.00,3,VIP\n',
        ),
      ],
      /Shopify customer list.*go to Orders, then Export, and choose all orders as CSV/,
    ],
    [
      'a zip that is not a workbook',
      () => [write('orders.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]))],
      /zip archive/,
    ],
    [
      'a password-protected workbook',
      () => {
        const cfb = XLSX.CFB.utils.cfb_new();
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(4096));
        return [
          write('locked.xlsx', new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[])),
        ];
      },
      /password/,
    ],
    [
      '--k not a number',
      () => [write('k1.csv', salesFile()), '--k', 'abc'],
      /--k must be a whole number/,
    ],
    ['--k 1', () => [write('k2.csv', salesFile()), '--k', '1'], /--k must be at least 2/],
    ['--k negative', () => [write('k3.csv', salesFile()), '--k=-3'], /--k must be a whole number/],
    ['--k without a value', () => [write('k4.csv', salesFile()), '--k'], /--k/],
    ['an unknown option', () => [write('o.csv', salesFile()), '--bogus'], /--bogus/],
    ['--features other', () => [write('f.csv', salesFile()), '--features', 'abc'], /--features/],
    ['no file at all', () => [], /^error: usage:/],
    [
      'a date column with no dates, one of which has a line break',
      () => [write('dates.csv', 'CustomerID,InvoiceDate,Amount\na,"soon\nish",1\nb,later,2\n')],
      /order date/,
    ],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const out = cli.path('never');
    expect(await main([...args(), '--out', out, '--quiet'])).toBe(2);
    const text = cli.stderr();
    expect(text).toMatch(/^error: /);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(message);
    expect(cli.stdout()).toBe('');
  });
});

describe('--help', () => {
  it.each([['--help'], ['-h'], ['some.csv', '--k', '4', '--help']])(
    '%s prints what the command does and every option, and exits 0',
    async (...argv) => {
      expect(await main(argv)).toBe(0);
      const text = cli.stdout();
      expect(text).toBe(HELP);
      expect(text).toMatch(/^Segments the customers of a sales file/);
      expect(cli.stderr()).toBe('');
    },
  );

  it('names every option the command accepts', () => {
    const named = new Set([...HELP.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]));
    const accepted = Object.keys(OPTIONS).filter((name) => name !== 'timings');
    expect([...named].sort()).toEqual([...accepted, 'help'].sort());
  });
});
