/**
 * A small sales file whose shop names and countries are written in several scripts (German and
 * Polish accents, Greek, Cyrillic) and in the ways files name countries (native names, "EIRE",
 * "Channel Islands"): for the PDF's fonts and the Countries screen's name matching.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INTERNATIONAL_CUSTOMERS = [
  ['Bäckerei Müller', 'Deutschland'],
  ['Łódź Sklep Żółw', 'Polska'],
  ['Ταβέρνα Αθήνα', 'Ελλάδα'],
  ['Магазин Москва', 'Россия'],
  ['Café Wien', 'Österreich'],
  ["O'Brien Stores", 'EIRE'],
  ['Jersey Gifts', 'Channel Islands'],
  ['Boulangerie Dupont', 'France'],
] as const;

/** 48 customers (six per shop name above, numbered), 1 to 8 orders each over 2023. */
export function internationalFile(): string {
  const lines = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 1000;
  INTERNATIONAL_CUSTOMERS.forEach(([shop, country], s) => {
    for (let n = 1; n <= 6; n++) {
      const customer = `${shop} ${n}`;
      const orders = 1 + ((s * 7 + n * 3) % 8);
      for (let o = 0; o < orders; o++) {
        const month = 1 + ((n + o * 2 + s) % 12);
        const day = 1 + ((s + n + o) % 27);
        const date = `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 10:00`;
        const quantity = 1 + ((n * o + s) % 9);
        const price = (2.5 + s + n * 1.25).toFixed(2);
        lines.push(
          `${invoice++},P${s}${n},${quantity},${date},${price},"${customer}","${country}"`,
        );
      }
    }
  });
  const path = join(tmpdir(), 'segment-e2e-Bäckerei-Łódź-Αθήνα.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
