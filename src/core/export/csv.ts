/**
 * CSV writing for exports that people open in spreadsheets. Text cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return; OWASP "CSV injection") get a
 * leading apostrophe; numbers are written as numbers, never altered. A text cell that merely looks
 * like a negative number (customer id `-12`) is text and gets the apostrophe too (`'-12`), as OWASP
 * says: guessing which texts are harmless is how injections slip through. The number -12 is `-12`.
 */
export type Cell = string | number | null;

/** Field separator and decimal mark of a delimited text file. */
type Separator = ',' | ';';
export interface TextOptions {
  delimiter: Separator;
  decimal: '.' | ',';
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function textCell(text: string, delimiter: Separator = ','): string {
  const safe = neutraliseFormula(text);
  const quote = safe.includes('"') || safe.includes(delimiter) || /[\r\n]/.test(safe);
  return quote ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Shortest text that reads back as the same double; non-finite numbers become empty cells. */
export function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export function csvLine(
  cells: readonly Cell[],
  options: TextOptions = { delimiter: ',', decimal: '.' },
): string {
  return cells
    .map((cell) =>
      cell === null
        ? ''
        : typeof cell === 'number'
          ? numberCell(cell).replace('.', options.decimal)
          : textCell(cell, options.delimiter),
    )
    .join(options.delimiter);
}

/** The whole file, CRLF line ends as RFC 4180 asks, with a header line. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  return delimitedText(header, rows, { delimiter: ',', decimal: '.' });
}

/**
 * Delimited text with a chosen separator and decimal mark (`;` and `,` for Excel in locales whose
 * decimal separator is the comma). Numbers are written like numberCell, with the decimal mark
 * swapped; text is quoted when it holds the separator, a quote or a line break.
 */
export function delimitedText(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: TextOptions,
): string {
  return [...delimitedChunks(header, rows, options)].join('');
}

/**
 * The same text in pieces of `linesPerChunk` lines (the header in the first), for writing a large
 * file a piece at a time: the whole text, and the bytes it is written as, never held at once.
 */
export function* delimitedChunks(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: TextOptions = { delimiter: ',', decimal: '.' },
  linesPerChunk = 2000,
): Generator<string> {
  let lines = [csvLine(header, options)];
  for (const row of rows) {
    lines.push(csvLine(row, options));
    if (lines.length >= linesPerChunk) {
      yield lines.join('\r\n') + '\r\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\r\n') + '\r\n';
}
