/** The cell values of a sheet's XML as CSV text: column letters, numbers, quoting. */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const DOT = 46;

/** Column index (0-based) of a cell reference's letters (`AB12` -> 27). */
export function columnOf(bytes: Uint8Array, start: number, end: number): number {
  let column = 0;
  for (let at = start; at < end; at++) {
    const byte = (bytes[at] as number) | 0x20;
    if (byte < 97 || byte > 122) break;
    column = column * 26 + byte - 96;
  }
  return column - 1;
}

export const csvText = (text: string) => {
  const cell = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
};

/**
 * A number as `String(Number(text))` prints it back unchanged: an optional minus, an integer part
 * without leading zeros, a fraction without trailing zeros, at most 15 digits in all (so the
 * double keeps them), and not below 1e-6 (printed with an exponent). Most cells are such numbers,
 * which are then copied as they are.
 */
export function roundTrips(bytes: Uint8Array, start: number, end: number): boolean {
  let at = bytes[start] === MINUS ? start + 1 : start;
  const integerStart = at;
  while (at < end && (bytes[at] as number) >= ZERO && (bytes[at] as number) <= NINE) at++;
  const integerDigits = at - integerStart;
  if (integerDigits === 0 || (bytes[integerStart] === ZERO && integerDigits > 1)) return false;
  if (at === end)
    return !(bytes[integerStart] === ZERO && integerStart > start) && integerDigits <= 15;
  if (bytes[at] !== DOT) return false;
  const fractionStart = ++at;
  while (at < end && (bytes[at] as number) >= ZERO && (bytes[at] as number) <= NINE) at++;
  if (at !== end || at === fractionStart || bytes[end - 1] === ZERO) return false;
  if (integerDigits + end - fractionStart > 15) return false;
  if (bytes[integerStart] === ZERO) {
    let zeros = 0;
    while (bytes[fractionStart + zeros] === ZERO) zeros++;
    if (zeros >= 6) return false;
  }
  return true;
}

/** ASCII bytes (a number, a date) as a string. */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k] as number);
  return text;
}

const encoder = new TextEncoder();

/**
 * Text as UTF-8. Cell text is mostly ASCII and short, where a byte per character beats
 * TextEncoder's call (a profile of a 40 MB workbook: it was a tenth of the scan).
 */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code > 127) return encoder.encode(text);
    bytes[k] = code;
  }
  return bytes;
}

/**
 * `Number.isFinite(Number(text))` for a cell's value: decided on the bytes for plain decimals
 * (`-12.5`, `1.5E-3`, fewer than 200 integer digits and a two-digit exponent at most), which is
 * nearly every cell, and by `Number` itself for anything else.
 */
export function isFiniteNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let at = bytes[start] === MINUS ? start + 1 : start;
  const integerStart = at;
  while (at < end && (bytes[at] as number) >= ZERO && (bytes[at] as number) <= NINE) at++;
  const integerDigits = at - integerStart;
  if (integerDigits > 0 && integerDigits < 200) {
    if (at < end && bytes[at] === DOT) {
      at++;
      while (at < end && (bytes[at] as number) >= ZERO && (bytes[at] as number) <= NINE) at++;
    }
    if (at === end) return true;
    if (((bytes[at] as number) | 0x20) === 101 /* e */) {
      let exponent = at + 1;
      if (bytes[exponent] === MINUS || bytes[exponent] === 43 /* + */) exponent++;
      let digits = exponent;
      while (digits < end && (bytes[digits] as number) >= ZERO && (bytes[digits] as number) <= NINE)
        digits++;
      if (digits === end && digits > exponent && digits - exponent <= 2) return true;
    }
  }
  return Number.isFinite(Number(asciiText(bytes, start, end)));
}
