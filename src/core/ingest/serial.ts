/** Excel serial day numbers as the ISO wall-clock text the rest of the engine reads. */

const DAY_MS = 86_400_000;
/** Serial day 0 is 1899-12-30 in the 1900 date system, 1904-01-01 in the 1904 one. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function serialToIso(serial: number, date1904: boolean): string {
  // Rounded to the second, as Excel shows it: the serial's fraction is rarely an exact second.
  const ms = Math.round(((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * DAY_MS) / 1000) * 1000;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (ms % DAY_MS === 0) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
