/**
 * Numbers of the quantity / price / amount columns. The decimal separator is decided once per
 * column from its unique values, then each unique is parsed once. Hand-written char-code scanning:
 * a column can have 50k+ uniques and this runs for every numeric column.
 *
 * Accepted around the number: a sign (`-5`, `+5`, `-£5`, `£-5`), accounting parentheses
 * (`(12.00)` is -12), one currency prefix and/or suffix (a currency symbol, optionally preceded by
 * up to 3 capitals as in `US$`; a 3-capital ISO code such as `EUR`; `kr`, `zł`), with spaces
 * between currency and number. Inside: thousands groups of exactly 3 digits separated by the
 * non-decimal mark, a space (also NBSP, narrow NBSP, thin space) or an apostrophe, one kind per
 * value; `.5`, `5.` and an exponent (`1e3`). Anything else, including `''`, is NaN, never 0.
 */
import type { DecimalSeparator } from '../types';

export interface NumberDetection {
  decimal: DecimalSeparator;
}

const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;
const C_COMMA = 44;
const C_MINUS = 45;
const C_PLUS = 43;
const C_SPACE = 32;
const C_APOSTROPHE = 39;

/** Exact powers of ten: an integer mantissa below 2^53 divided by one is correctly rounded. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_EXACT_DIGITS = 15;

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isSpace(c: number): boolean {
  return c === C_SPACE || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

/** Group-separator kind of a character other than the decimal mark, or -1. */
function groupKind(c: number, groupMark: number): number {
  if (c === groupMark) return c;
  if (isSpace(c)) return C_SPACE;
  if (c === C_APOSTROPHE || c === 0x2019) return C_APOSTROPHE;
  return -1;
}

function isCurrencySymbol(c: number): boolean {
  // $, ¢ £ ¤ ¥, and the Unicode "Currency Symbols" block (€ ₹ ₽ ₩ ₪ ₺ ...).
  return c === 36 || (c >= 0xa2 && c <= 0xa5) || (c >= 0x20a0 && c <= 0x20cf);
}

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Length of a currency token starting at `i` (reading forward), or 0. */
function currencyAt(s: string, i: number, end: number): number {
  let k = i;
  while (k < end && k - i < 3 && isCapital(s.charCodeAt(k))) k++;
  const letters = k - i;
  if (k < end && isCurrencySymbol(s.charCodeAt(k))) return letters + 1;
  if (letters === 3 && (k === end || !isCapital(s.charCodeAt(k)))) return 3;
  if (end - i >= 2) {
    const two = s.slice(i, i + 2);
    if (two === 'kr' || two === 'zł') return 2;
  }
  return 0;
}

/** Length of a currency token ending just before `end` (reading backward, not before `start`). */
function currencyBefore(s: string, start: number, end: number): number {
  if (end > start && isCurrencySymbol(s.charCodeAt(end - 1))) {
    let k = end - 1;
    while (k > start && end - 1 - k < 3 && isCapital(s.charCodeAt(k - 1))) k--;
    return end - k;
  }
  let k = end;
  while (k > start && end - k < 4 && isCapital(s.charCodeAt(k - 1))) k--;
  if (end - k === 3) return 3;
  if (end - start >= 2) {
    const two = s.slice(end - 2, end);
    if (two === 'kr' || two === 'zł') return 2;
  }
  return 0;
}

/** True for `-?\d+(\.\d+)?`, which Number() reads exactly as we would. */
function isPlainDot(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === C_MINUS ? 1 : 0;
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === intStart) return false;
  if (i === n) return true;
  if (s.charCodeAt(i) !== C_DOT) return false;
  const fracStart = ++i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i === n && i > fracStart;
}

/** The number in `value` with the column's decimal mark; NaN when it is not one ('' included). */
export function parseNumber(value: string, decimal: DecimalSeparator): number {
  if (decimal === '.' && isPlainDot(value)) return Number(value);

  let i = 0;
  let end = value.length;
  while (i < end && isSpace(value.charCodeAt(i))) i++;
  while (end > i && isSpace(value.charCodeAt(end - 1))) end--;
  let negative = false;
  let signed = false;
  if (end - i >= 2 && value.charCodeAt(i) === 40 && value.charCodeAt(end - 1) === 41) {
    negative = signed = true;
    i++;
    end--;
  }

  // Sign, currency, sign again: covers -£5 and £-5; a second sign anywhere is garbage.
  let hadCurrency = false;
  for (let step = 0; step < 3 && i < end; step++) {
    const c = value.charCodeAt(i);
    if (c === C_MINUS || c === C_PLUS) {
      if (signed) return NaN;
      signed = true;
      negative = c === C_MINUS;
      i++;
    } else if (!hadCurrency) {
      const len = currencyAt(value, i, end);
      if (len === 0) break;
      hadCurrency = true;
      i += len;
      while (i < end && isSpace(value.charCodeAt(i))) i++;
    } else {
      break;
    }
  }
  const suffix = currencyBefore(value, i, end);
  if (suffix > 0) {
    end -= suffix;
    while (end > i && isSpace(value.charCodeAt(end - 1))) end--;
  }

  const decimalMark = decimal === '.' ? C_DOT : C_COMMA;
  const groupMark = decimal === '.' ? C_COMMA : C_DOT;
  let mantissa = 0;
  let digitCount = 0;
  let fracDigits = 0;
  let inFraction = false;
  let run = 0; // digits since the last separator
  let runStart = i;
  let group = -1; // kind of thousands separator in use
  let exponentAt = -1;
  for (let k = i; k < end; k++) {
    const c = value.charCodeAt(k);
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - C_0);
      digitCount++;
      if (inFraction) fracDigits++;
      run++;
    } else if (c === decimalMark && !inFraction) {
      if (group >= 0 && run !== 3) return NaN;
      inFraction = true;
      run = 0;
    } else if (!inFraction && groupKind(c, groupMark) >= 0) {
      const kind = groupKind(c, groupMark);
      if (group < 0) {
        // The first group has 1-3 digits and no leading zero (0,123 is not a thousand).
        if (run < 1 || run > 3 || value.charCodeAt(runStart) === C_0) return NaN;
        group = kind;
      } else if (kind !== group || run !== 3) {
        return NaN;
      }
      run = 0;
      runStart = k + 1;
    } else if ((c === 101 || c === 69) && digitCount > 0) {
      exponentAt = k;
      break;
    } else {
      return NaN;
    }
  }
  if (digitCount === 0) return NaN;
  if (group >= 0 && !inFraction && run !== 3) return NaN;

  let result: number;
  if (exponentAt < 0 && digitCount <= MAX_EXACT_DIGITS) {
    result = mantissa / (POW10[fracDigits] as number);
  } else {
    let k = exponentAt + 1;
    if (exponentAt >= 0) {
      const c = value.charCodeAt(k);
      if (c === C_MINUS || c === C_PLUS) k++;
      if (k === end) return NaN;
      for (let m = k; m < end; m++) if (!isDigit(value.charCodeAt(m))) return NaN;
    }
    // Rare path (long or exponent): let Number() round the cleaned literal.
    let literal = '';
    const mantissaEnd = exponentAt >= 0 ? exponentAt : end;
    for (let m = i; m < mantissaEnd; m++) {
      const c = value.charCodeAt(m);
      if (isDigit(c)) literal += value[m];
      else if (c === decimalMark) literal += '.';
    }
    if (literal.charCodeAt(0) === C_DOT) literal = `0${literal}`;
    if (exponentAt >= 0) literal += `e${value.slice(exponentAt + 1, end)}`;
    result = Number(literal);
  }
  return negative ? -result : result;
}

const NO_EVIDENCE = 0;
const COMMA_DECIMAL = 1;
const DOT_DECIMAL = 2;

/** Whether every `mark` in s[from, to) separates exactly 3 digits from the next mark or the end. */
function validGroups(s: string, mark: number, from: number, to: number): boolean {
  let run = -1; // the leading group (before `from`) is the caller's to check
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === mark) {
      if (run >= 0 && run !== 3) return false;
      run = 0;
    } else if (isDigit(c)) {
      if (run >= 0) run++;
    } else if (run >= 0) {
      return run === 3;
    }
  }
  return run === 3;
}

/** What one value says about the decimal mark. */
function evidence(s: string): number {
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  let firstMark = -1;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === C_DOT) {
      dots++;
      lastDot = k;
    } else if (c === C_COMMA) {
      commas++;
      lastComma = k;
    } else continue;
    if (firstMark < 0) firstMark = k;
  }
  if (dots > 0 && commas > 0) return lastComma > lastDot ? COMMA_DECIMAL : DOT_DECIMAL;
  if (dots + commas === 0) return NO_EVIDENCE;
  const mark = dots > 0 ? C_DOT : C_COMMA;
  const same = dots > 0 ? DOT_DECIMAL : COMMA_DECIMAL;
  const other = dots > 0 ? COMMA_DECIMAL : DOT_DECIMAL;
  let before = 0;
  while (firstMark - before - 1 >= 0 && isDigit(s.charCodeAt(firstMark - before - 1))) before++;
  if (dots + commas > 1) {
    const grouped = before >= 1 && before <= 3 && validGroups(s, mark, firstMark, s.length);
    return grouped ? other : NO_EVIDENCE;
  }
  let after = 0;
  while (firstMark + after + 1 < s.length && isDigit(s.charCodeAt(firstMark + after + 1))) after++;
  if (after !== 3 || before === 0 || before > 3) return same;
  // 0,123 cannot be a thousands grouping; 1,234 can be either and says nothing.
  return before === 1 && s.charCodeAt(firstMark - 1) === C_0 ? same : NO_EVIDENCE;
}

/**
 * Decides a column's decimal mark from its unique values. A value is evidence for a mark when it
 * can only be read one way: `1,25`, `0,5`, `12,3456`, `0,123` (comma followed by other than 3
 * digits, or by 3 after a lone 0), `1.234,50` (the last of two different marks), `1.234.567`
 * (repeated valid groups) - and symmetrically for the dot. `1,234` or `1.234` alone says nothing.
 * The mark with more evidence wins; with none, or a tie, the dot, unless the file is
 * semicolon-separated (the European convention) and the tie is between non-zero counts.
 */
export function detectDecimalSeparator(
  uniqueValues: readonly string[],
  fieldDelimiter: string,
): NumberDetection {
  let comma = 0;
  let dot = 0;
  for (const v of uniqueValues) {
    const e = evidence(v);
    // Only numbers testify: 'a, b' or a stray date must not tip the column.
    if (e === COMMA_DECIMAL && !Number.isNaN(parseNumber(v, ','))) comma++;
    else if (e === DOT_DECIMAL && !Number.isNaN(parseNumber(v, '.'))) dot++;
  }
  if (comma > dot) return { decimal: ',' };
  if (comma === dot && comma > 0 && fieldDelimiter === ';') return { decimal: ',' };
  return { decimal: '.' };
}
