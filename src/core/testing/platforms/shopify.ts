import type { PlatformFixture, UciLine, UciOrder } from '../platform-fixtures.ts';
import {
  countryCode,
  customerList,
  fixture,
  fullName,
  generator,
  idsOf,
  pounds,
  randomId,
  row,
  sales,
} from './common.ts';

/** Columns of a Shopify orders export (Shopify's help centre, "Exporting orders"), in order. */
export const SHOPIFY_HEADER = [
  'Name',
  'Email',
  'Financial Status',
  'Paid at',
  'Fulfillment Status',
  'Fulfilled at',
  'Accepts Marketing',
  'Currency',
  'Subtotal',
  'Shipping',
  'Taxes',
  'Total',
  'Discount Code',
  'Discount Amount',
  'Shipping Method',
  'Created at',
  'Lineitem quantity',
  'Lineitem name',
  'Lineitem price',
  'Lineitem compare at price',
  'Lineitem sku',
  'Lineitem requires shipping',
  'Lineitem taxable',
  'Lineitem fulfillment status',
  'Billing Name',
  'Billing City',
  'Billing Zip',
  'Billing Country',
  'Shipping Name',
  'Shipping Country',
  'Notes',
  'Cancelled at',
  'Payment Method',
  'Payment Reference',
  'Refunded Amount',
  'Vendor',
  'Id',
  'Tags',
  'Risk Level',
  'Source',
  'Phone',
  'Receipt Number',
  'Payment ID',
  'Payment References',
];

/**
 * Shopify orders export: one row per line item, order `Name` `#1001`; the order-level fields
 * (Email, Financial Status, totals, Billing Country, Refunded Amount, Id, ...) on the first line of
 * each order only. Cancellations are refunded orders. Added: a voided order, a refunded order and
 * a partially refunded one (20.00 of goods, 5.00 refunded).
 */
export function shopify(orders: readonly UciOrder[]): PlatformFixture {
  const random = generator(1001);
  const customerIds = idsOf(orders, (i) => `${fullName(i).join('.').toLowerCase()}@example.com`);
  const rows: string[] = [];
  let number = 1001;
  let filled = 0;
  const write = (order: UciOrder, status: string, refundedPence: number) => {
    const name = `#${number++}`;
    const created = `${order.date} +0000`;
    const reference = randomId(random, 25);
    order.lines.forEach((line, j) => {
      const first = j === 0;
      const only = (value: string | number) => (first ? value : '');
      if (!first) filled++;
      rows.push(
        row([
          name,
          only(customerIds.get(order.customer) ?? ''),
          only(status),
          only(status === 'voided' ? '' : created),
          only('fulfilled'),
          only(created),
          only('no'),
          only('GBP'),
          only(pounds(order.pence)),
          only('0.00'),
          only('0.00'),
          only(pounds(order.pence)),
          '',
          only('0.00'),
          only('Standard'),
          created,
          Math.abs(Number(line.quantity)),
          line.description,
          pounds(Math.round(Number(line.price) * 100)),
          '',
          line.stock,
          'true',
          'true',
          'fulfilled',
          only(fullName(customerList(orders).indexOf(order.customer)).join(' ')),
          only('London'),
          only('N1 9GU'),
          only(countryCode(order.country)),
          only(fullName(customerList(orders).indexOf(order.customer)).join(' ')),
          only(countryCode(order.country)),
          '',
          '',
          only('Shopify Payments'),
          only(reference),
          only(pounds(refundedPence)),
          'Segment Gifts',
          only(String(5_550_000_000 + number)),
          '',
          only('Low'),
          only('web'),
          '',
          '',
          only(randomId(random, 25)),
          only(reference),
        ]),
      );
    });
  };
  for (const order of orders)
    write(order, order.cancelled ? 'refunded' : 'paid', order.cancelled ? order.pence : 0);

  const [a, b, c] = sales(orders);
  const injected = (base: UciOrder, pence: [number, number]): UciOrder => ({
    ...base,
    invoice: `x${base.invoice}`,
    cancelled: false,
    lines: [
      { ...(base.lines[0] as UciLine), quantity: '1', price: pounds(pence[0]), stock: 'GIFT-1' },
      { ...(base.lines[0] as UciLine), quantity: '2', price: pounds(pence[1]), stock: 'GIFT-2' },
    ],
    pence: pence[0] + 2 * pence[1],
  });
  write(injected(a as UciOrder, [1000, 500]), 'voided', 0);
  write(injected(b as UciOrder, [1250, 300]), 'refunded', 1850);
  write(injected(c as UciOrder, [1000, 500]), 'partially_refunded', 500);
  const cancelledLines = orders.filter((o) => o.cancelled).flatMap((o) => o.lines).length;
  return fixture('shopify', 'shopify-orders.csv', SHOPIFY_HEADER, rows, {
    roles: {
      customer: 'Email',
      date: 'Created at',
      invoice: 'Name',
      quantity: 'Lineitem quantity',
      unitPrice: 'Lineitem price',
      product: 'Lineitem sku',
      description: 'Lineitem name',
      country: 'Billing Country',
      status: 'Financial Status',
      refund: 'Refunded Amount',
    },
    customerIds,
    expected: {
      cancelled: 0,
      refunded: cancelledLines + 2,
      cancelled_status: 2,
      failed_payment: 0,
      lines_filled_from_order: filled,
      lines_net_of_refunds: 2,
    },
    extraOrders: [{ customer: (c as UciOrder).customer, money: 15 }],
  });
}
