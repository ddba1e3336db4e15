/**
 * CSV writing for exports that people open in spreadsheets. Text cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return; OWASP "CSV injection") get a
 * leading apostrophe; numbers are written as numbers, never altered. A text cell that merely looks
 * like a negative number (customer id `-12`) is text and gets the apostrophe too (`'-12`), as OWASP
 * says: guessing which texts are harmless is how injections slip through. The number -12 is `-12`.
 */
export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function textCell(text: string): string {
  const safe = neutraliseFormula(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Shortest text that reads back as the same double; non-finite numbers become empty cells. */
export function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((cell) =>
      cell === null ? '' : typeof cell === 'number' ? numberCell(cell) : textCell(cell),
    )
    .join(',');
}

/** The whole file, CRLF line ends as RFC 4180 asks, with a header line. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('\r\n') + '\r\n';
}
