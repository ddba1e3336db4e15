import type { PlatformFixture, UciLine, UciOrder } from '../platform-fixtures.ts';
import {
  customerList,
  fixture,
  fullName,
  generator,
  idsOf,
  linePence,
  pounds,
  row,
  sales,
} from './common.ts';

const ETSY_HEADER = [
  'Sale Date',
  'Item Name',
  'Buyer',
  'Quantity',
  'Price',
  'Coupon Code',
  'Coupon Details',
  'Discount Amount',
  'Shipping Discount',
  'Order Shipping',
  'Order Sales Tax',
  'Item Total',
  'Currency',
  'Transaction ID',
  'Listing ID',
  'Date Paid',
  'Date Shipped',
  'Ship Name',
  'Ship City',
  'Ship Country',
  'Order ID',
  'Variations',
  'Order Type',
  'Listings Type',
  'Payment Type',
  'VAT Paid by Buyer',
  'SKU',
];

/** `MM/DD/YY`, as Etsy writes its dates. */
const etsyDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(2, 4)}`;

/**
 * Etsy Sold Order Items: one row per item, dates without a time of day, the buyer's user name.
 * Etsy lists sold items only: the cancellations are not in it.
 */
export function etsy(orders: readonly UciOrder[]): PlatformFixture {
  const random = generator(3003);
  const customerIds = idsOf(orders, (i) => `${fullName(i).join('').toLowerCase()}${10 + i}`);
  const rows: string[] = [];
  let orderId = 1_800_000_000;
  for (const order of sales(orders)) {
    orderId += 1 + Math.floor(random() * 50);
    const index = customerList(orders).indexOf(order.customer);
    for (const line of order.lines)
      rows.push(
        row([
          etsyDate(order.date),
          line.description,
          customerIds.get(order.customer) ?? '',
          line.quantity,
          pounds(Math.round(Number(line.price) * 100)),
          '',
          '',
          '0',
          '0',
          '0',
          '0',
          pounds(linePence(line)),
          'GBP',
          String(2_400_000_000 + Math.floor(random() * 99_999_999)),
          String(1_000_000_000 + Math.floor(random() * 99_999_999)),
          etsyDate(order.date),
          etsyDate(order.date),
          fullName(index).join(' '),
          'London',
          order.country,
          String(orderId),
          '',
          'online',
          'listing',
          'online_cc',
          '0',
          line.stock,
        ]),
      );
  }
  return fixture('etsy', 'EtsySoldOrderItems2011.csv', ETSY_HEADER, rows, {
    roles: {
      customer: 'Buyer',
      date: 'Sale Date',
      invoice: 'Order ID',
      quantity: 'Quantity',
      unitPrice: 'Price',
      product: 'SKU',
      description: 'Item Name',
      country: 'Ship Country',
    },
    customerIds,
    dateOnly: true,
    expected: { cancelled: 0, refunded: 0 },
  });
}

/** `01.06.2011 12:05`, `2,55`: a German spreadsheet saved as CSV. */
export function german(lines: readonly UciLine[]): PlatformFixture {
  const rows = lines.map((line) =>
    row(
      [
        line.invoice,
        line.stock,
        line.description,
        line.quantity,
        `${line.date.slice(8, 10)}.${line.date.slice(5, 7)}.${line.date.slice(0, 4)} ${line.date.slice(11, 16)}`,
        line.price.replace('.', ','),
        line.customer,
        line.country,
      ],
      ';',
    ),
  );
  const header = [
    'Rechnungsnr',
    'Artikelnr',
    'Bezeichnung',
    'Menge',
    'Rechnungsdatum',
    'Einzelpreis',
    'Kundennummer',
    'Land',
  ];
  return fixture('german', 'verkaeufe.csv', header, rows, {
    delimiter: ';',
    roles: {
      invoice: 'Rechnungsnr',
      product: 'Artikelnr',
      description: 'Bezeichnung',
      quantity: 'Menge',
      date: 'Rechnungsdatum',
      unitPrice: 'Einzelpreis',
      customer: 'Kundennummer',
      country: 'Land',
    },
    customerIds: new Map(lines.map((l) => [l.customer, l.customer])),
    expected: { cancelled: lines.filter((l) => l.invoice.startsWith('C')).length },
  });
}
