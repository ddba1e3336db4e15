// Writes the per-platform test files of src/core/testing/platform-fixtures.ts (Shopify, Square,
// Stripe, PrestaShop, WooCommerce, Etsy, a German spreadsheet), cut from the UCI Online Retail
// file, to a folder, with the UCI lines they were made from (uci-lines.csv): to open them in the
// app by hand or read them. The tests build the same files in memory. Deterministic.
//   node scripts/make-platform-fixtures.mjs [--out DIR] [UCI_FILE]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string', default: 'out/platform-fixtures' } },
  allowPositionals: true,
});
const input = positionals[0] ?? '../shared/data/online_retail.csv';

// The fixtures are TypeScript: bundle them in memory and import the bundle as a data: URL.
const bundled = await build({
  entryPoints: ['src/core/testing/platform-fixtures.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
const { platformFixtures, selectUciLines, uciCsv } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);

const uci = readFileSync(input, 'utf8');
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'uci-lines.csv'), uciCsv(selectUciLines(uci)));
for (const fixture of Object.values(platformFixtures(uci))) {
  writeFileSync(join(values.out, fixture.fileName), fixture.content);
  const rows = fixture.content.split('\n').length - 2;
  console.log(`${join(values.out, fixture.fileName)}: ${rows} rows (${fixture.platform})`);
}
