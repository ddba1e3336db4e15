// `npm run build:cli && node bench/big-xlsx.mjs`: the CLI on a till-style .xlsx of about 40 MB (the issue's 40 MB workbook
// took 47 s when SheetJS built the whole workbook). The workbook holds the UCI Online Retail rows
// (twice, invoice and customer ids offset the second time) below a title block, with a Totals row
// at the end; text in shared strings (written after the sheet, as Excel does), dates as serial
// numbers with a date style, numbers as numbers. It is written once to the OS temp folder and
// reused. Prints the read stage and the whole run, per run. Figures, not a pass/fail test.
//   node bench/big-xlsx.mjs [--runs 3] [--copies 2] [--keep]
import { cliArgs } from '../scripts/cli-node.mjs';
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import Papa from 'papaparse';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const runs = Number(option('runs', '3'));
const copies = Number(option('copies', '2'));
const keep = args.includes('--keep');
const file = join(tmpdir(), `segment-bench-till-${copies}.xlsx`);

const escape = (text) =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
const column = (i) => String.fromCharCode(65 + i);

/** Days since 1899-12-30 of an ISO wall-clock time, as Excel stores it. */
const serial = (iso) => (Date.parse(iso.replace(' ', 'T') + 'Z') - Date.UTC(1899, 11, 30)) / 864e5;

async function writeWorkbook() {
  const rows = Papa.parse(
    readFileSync(new URL('../../shared/data/online_retail.csv', import.meta.url), 'utf8'),
    {
      skipEmptyLines: true,
    },
  ).data;
  const [header, ...data] = rows;
  const out = createWriteStream(file);
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.write(chunk);
  });
  const add = (name, text) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(new TextEncoder().encode(text), true);
  };
  add(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  add(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  add(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Till report" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  add(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  add(
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );

  const shared = new Map();
  const sst = (text) => {
    let index = shared.get(text);
    if (index === undefined) shared.set(text, (index = shared.size));
    return index;
  };
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  const encoder = new TextEncoder();
  let rowNumber = 0;
  let lines = [];
  const flush = (final) => {
    sheet.push(encoder.encode(lines.join('')), final);
    lines = [];
  };
  const row = (cells) => {
    rowNumber++;
    const xml = cells
      .map((cell, i) => {
        const r = `${column(i)}${rowNumber}`;
        if (cell === null || cell === '') return '';
        if (typeof cell === 'string') return `<c r="${r}" t="s"><v>${sst(cell)}</v></c>`;
        if (cell.date !== undefined) return `<c r="${r}" s="1"><v>${cell.date}</v></c>`;
        return `<c r="${r}"${cell.style ? ` s="${cell.style}"` : ''}><v>${cell.number}</v></c>`;
      })
      .join('');
    lines.push(`<row r="${rowNumber}">${xml}</row>`);
    if (lines.length >= 5000) flush(false);
  };
  lines.push(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  row(['Corner Shop Ltd']);
  row(['Sales by line']);
  row(['Period', { date: serial('2010-12-01 00:00:00') }, { date: serial('2011-12-09 23:59:00') }]);
  rowNumber++; // a blank line
  row(header);
  let total = 0;
  for (let copy = 0; copy < copies; copy++)
    for (const [invoice, stock, description, quantity, date, price, customer, country] of data) {
      const offset = copy * 1_000_000;
      const qty = Number(quantity);
      total += qty * Number(price);
      row([
        copy === 0 ? invoice : invoice.replace(/\d+/, (n) => String(Number(n) + offset)),
        stock,
        description,
        { number: qty },
        { date: serial(date) },
        { number: Number(price), style: 2 },
        customer === '' ? null : { number: Number(customer) + offset },
        country,
      ]);
    }
  row(['Total', null, null, null, null, { number: Math.round(total * 100) / 100 }]);
  lines.push('</sheetData></worksheet>');
  flush(true);

  const items = [...shared.keys()].map((text) => `<si><t>${escape(text)}</t></si>`);
  add(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`,
  );
  zip.end();
  await new Promise((resolve) => out.end(resolve));
}

if (!existsSync(file)) {
  const t0 = performance.now();
  await writeWorkbook();
  process.stderr.write(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
process.stderr.write(`${file}: ${(statSync(file).size / 1e6).toFixed(1)} MB\n`);

for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    cliArgs(
      file,
      '--out',
      join(tmpdir(), 'segment-bench-xlsx-out'),
      '--quiet',
      '--timings',
      '--skip-validation',
    ),
    { encoding: 'utf8' },
  );
  const wall = performance.now() - t0;
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  const report = JSON.parse(run.stdout.trim().split('\n').pop());
  console.log(
    `run ${i + 1}/${runs}: read ${(report.stages.read / 1000).toFixed(2)} s (sniff, unzip, shared strings, sheet to rows), whole analysis ${(wall / 1000).toFixed(2)} s, peak ${report.peakRssMiB.toFixed(0)} MiB`,
  );
}
if (!keep) rmSync(file, { force: true });
