import type { PlatformFixture, UciOrder } from '../platform-fixtures.ts';
import {
  customerList,
  euros,
  fixture,
  fullName,
  generator,
  idsOf,
  pounds,
  randomId,
  row,
  sales,
} from './common.ts';

/** An order of `pence` added at the time of `base` (so no customer's recency changes). */
const sameTime = (base: UciOrder, pence: number): UciOrder => ({
  ...base,
  invoice: `x${base.invoice}`,
  cancelled: false,
  pence,
});

const STRIPE_HEADER = [
  'id',
  'Description',
  'Seller Message',
  'Created (UTC)',
  'Amount',
  'Amount Refunded',
  'Currency',
  'Converted Amount',
  'Converted Amount Refunded',
  'Fee',
  'Tax',
  'Converted Currency',
  'Mode',
  'Status',
  'Statement Descriptor',
  'Customer ID',
  'Customer Description',
  'Customer Email',
  'Captured',
  'Card ID',
  'Card Last4',
  'Card Brand',
  'Card Funding',
  'Card Exp Month',
  'Card Exp Year',
  'Card Name',
  'Card Address Country',
  'Invoice ID',
  'Transfer',
];

/**
 * Stripe payments export: one row per charge (an order), `ch_...` ids, the always-empty
 * `Invoice ID`. Cancellations are Refunded charges; added: two Failed charges and a Paid charge
 * of 40.00 with 15.00 refunded (so 25.00 counts).
 */
export function stripe(orders: readonly UciOrder[]): PlatformFixture {
  const random = generator(4004);
  const customerIds = idsOf(orders, () => `cus_${randomId(random, 14)}`);
  const rows: string[] = [];
  const write = (order: UciOrder, status: string, refundedPence: number) => {
    const index = customerList(orders).indexOf(order.customer);
    const name = fullName(index).join(' ');
    const failed = status === 'Failed';
    rows.push(
      row([
        `ch_${randomId(random, 24)}`,
        `Order from ${name}`,
        failed
          ? 'The bank did not return any further details with this decline.'
          : 'Payment complete.',
        order.date.slice(0, 16),
        pounds(order.pence),
        pounds(refundedPence),
        'gbp',
        pounds(order.pence),
        pounds(refundedPence),
        failed ? '0.00' : pounds(Math.round(order.pence * 0.014) + 20),
        '0.00',
        'gbp',
        'Live',
        status,
        'SEGMENT GIFTS',
        customerIds.get(order.customer) ?? '',
        name,
        `${fullName(index).join('.').toLowerCase()}@example.com`,
        failed ? 'false' : 'true',
        `card_${randomId(random, 24)}`,
        String(1000 + Math.floor(random() * 9000)),
        'Visa',
        'credit',
        String(1 + (index % 12)),
        '2014',
        name,
        'GB',
        '',
        '',
      ]),
    );
  };
  for (const order of orders)
    write(order, order.cancelled ? 'Refunded' : 'Paid', order.cancelled ? order.pence : 0);
  const [a, b, c] = sales(orders).slice(6);
  write(sameTime(a as UciOrder, 3000), 'Failed', 0);
  write(sameTime(b as UciOrder, 1299), 'Failed', 0);
  write(sameTime(c as UciOrder, 4000), 'Paid', 1500);
  return fixture('stripe', 'stripe-payments.csv', STRIPE_HEADER, rows, {
    roles: {
      customer: 'Customer ID',
      date: 'Created (UTC)',
      invoice: 'id',
      amount: 'Amount',
      status: 'Status',
      refund: 'Amount Refunded',
      country: 'Card Address Country',
    },
    customerIds,
    expected: {
      cancelled: 0,
      refunded: orders.filter((o) => o.cancelled).length,
      failed_payment: 2,
      lines_net_of_refunds: 1,
    },
    extraOrders: [{ customer: (c as UciOrder).customer, money: 25 }],
  });
}

const PRESTASHOP_STATES = ['Livré', 'Delivered', 'Paiement accepté', 'Payment accepted'];
/** Cancelled (then refunded) states, English and French, alternating. */
const PRESTASHOP_UNDONE = ['Annulé', 'Canceled', 'Remboursé', 'Refunded'];

/**
 * PrestaShop orders list export (`;`): one row per order, numeric `ID`, `Customer` as `A. Abbott`,
 * `Total` as `1 234,56 €`. Cancellations are Annulé / Canceled / Remboursé / Refunded orders;
 * added: two orders in payment error (English and French).
 */
export function prestashop(orders: readonly UciOrder[]): PlatformFixture {
  const random = generator(5005);
  const customerIds = idsOf(orders, (i) => {
    const [first, last] = fullName(i);
    return `${first.charAt(0)}. ${last}`;
  });
  const rows: string[] = [];
  const seen = new Set<string>();
  let id = 0;
  const write = (order: UciOrder, status: string) => {
    id++;
    rows.push(
      row(
        [
          id,
          randomId(random, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          seen.has(order.customer) ? 'No' : 'Yes',
          order.country,
          customerIds.get(order.customer) ?? '',
          euros(order.pence),
          id % 2 === 0 ? 'Bank wire' : 'Carte bancaire',
          status,
          order.date,
        ],
        ';',
      ),
    );
    seen.add(order.customer);
  };
  let undone = 0;
  const undoneStates: string[] = [];
  orders.forEach((order, i) => {
    const status = order.cancelled
      ? (PRESTASHOP_UNDONE[undone++ % PRESTASHOP_UNDONE.length] as string)
      : (PRESTASHOP_STATES[i % PRESTASHOP_STATES.length] as string);
    if (order.cancelled) undoneStates.push(status);
    write(order, status);
  });
  const [a, b] = sales(orders).slice(9);
  write(sameTime(a as UciOrder, 2550), 'Erreur de paiement');
  write(sameTime(b as UciOrder, 990), 'Payment error');
  const count = (states: string[]) => undoneStates.filter((s) => states.includes(s)).length;
  return fixture(
    'prestashop',
    'orders_2011.csv',
    ['ID', 'Reference', 'New client', 'Delivery', 'Customer', 'Total', 'Payment', 'Status', 'Date'],
    rows,
    {
      delimiter: ';',
      roles: {
        invoice: 'ID',
        customer: 'Customer',
        amount: 'Total',
        status: 'Status',
        date: 'Date',
        country: 'Delivery',
      },
      customerIds,
      expected: {
        cancelled: 0,
        cancelled_status: count(['Annulé', 'Canceled']),
        refunded: count(['Remboursé', 'Refunded']),
        failed_payment: 2,
      },
    },
  );
}

/**
 * WooCommerce Analytics, Orders, Download: one row per order; a refund is a row of its own with
 * negative `Net Sales` (here with the parent's status, Completed). Cancellations are such refund
 * rows; added: a refunded order with its refund row, a Failed and a Cancelled order.
 */
export function woocommerce(orders: readonly UciOrder[]): PlatformFixture {
  const customerIds = idsOf(orders, (i) => fullName(i).join(' '));
  const rows: string[] = [];
  const seen = new Set<string>();
  let id = 100;
  const write = (order: UciOrder, status: string, sign: 1 | -1) => {
    id += 3;
    const items = order.lines.reduce((n, l) => n + Math.abs(Number(l.quantity)), 0);
    const names = order.lines.map((l) => l.description);
    rows.push(
      row([
        order.date,
        id,
        status,
        customerIds.get(order.customer) ?? '',
        seen.has(order.customer) ? 'returning' : 'new',
        names.length > 2
          ? `${names.slice(0, 2).join(', ')} + ${names.length - 2} more`
          : names.join(', '),
        sign * items,
        '',
        pounds(sign * order.pence),
        'Direct',
      ]),
    );
    seen.add(order.customer);
  };
  for (const order of orders) write(order, 'Completed', order.cancelled ? -1 : 1);
  const [a, b, c] = sales(orders).slice(12);
  const refundedOrder = sameTime(a as UciOrder, 4500);
  write(refundedOrder, 'Refunded', 1);
  write(refundedOrder, 'Refunded', -1);
  write(sameTime(b as UciOrder, 1200), 'Failed', 1);
  write(sameTime(c as UciOrder, 800), 'Cancelled', 1);
  const header = [
    'Date',
    'Order #',
    'Status',
    'Customer',
    'Customer type',
    'Product(s)',
    'Items sold',
    'Coupon(s)',
    'Net Sales',
    'Attribution',
  ];
  return fixture('woocommerce', 'wc-orders-report-export.csv', header, rows, {
    roles: {
      date: 'Date',
      invoice: 'Order #',
      status: 'Status',
      customer: 'Customer',
      amount: 'Net Sales',
    },
    customerIds,
    expected: {
      cancelled: 0,
      refund_lines: orders.filter((o) => o.cancelled).length,
      refunded: 2,
      failed_payment: 1,
      cancelled_status: 1,
    },
  });
}
