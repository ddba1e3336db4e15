import type { PlatformFixture, UciLine, UciOrder } from '../platform-fixtures.ts';
import {
  ALPHANUMERIC,
  customerList,
  fixture,
  fullName,
  generator,
  idsOf,
  linePence,
  randomId,
  row,
  sales,
  sterling,
} from './common.ts';

const SQUARE_HEADER = [
  'Date',
  'Time',
  'Time Zone',
  'Category',
  'Item',
  'Qty',
  'Price Point Name',
  'SKU',
  'Modifiers Applied',
  'Gross Sales',
  'Discounts',
  'Net Sales',
  'Tax',
  'Transaction ID',
  'Payment ID',
  'Device Name',
  'Notes',
  'Details',
  'Event Type',
  'Location',
  'Dining Option',
  'Customer ID',
  'Customer Name',
  'Customer Reference ID',
  'Unit',
  'Count',
  'Itemization Type',
  'Channel',
];

/**
 * Square Items Detail: one row per item sold, `Date` and `Time` apart, money as `£1,234.56`,
 * random transaction ids (every fourth starting with C, which must not read as a UCI
 * cancellation). Cancellations are `Event Type` Refund rows with negative Qty and sales; added: a
 * refund row for one item of three sales.
 */
export function square(orders: readonly UciOrder[]): PlatformFixture {
  const random = generator(2002);
  const customerIds = idsOf(orders, () => randomId(random, 26, ALPHANUMERIC.toUpperCase()));
  const rows: string[] = [];
  const write = (order: UciOrder, line: UciLine, transaction: string, refund: boolean) => {
    const quantity = Math.abs(Number(line.quantity)) * (refund ? -1 : 1);
    const pence = Math.sign(quantity) * linePence(line);
    const index = customerList(orders).indexOf(order.customer);
    rows.push(
      row([
        order.date.slice(0, 10),
        order.date.slice(11, 19),
        'Europe/London',
        'Gifts',
        line.description,
        quantity,
        'Regular',
        line.stock,
        '',
        sterling(pence),
        sterling(0),
        sterling(pence),
        sterling(0),
        transaction,
        randomId(random, 29),
        'Counter iPad',
        '',
        `https://squareup.com/dashboard/sales/transactions/${transaction}`,
        refund ? 'Refund' : 'Payment',
        'Islington',
        '',
        customerIds.get(order.customer) ?? '',
        fullName(index).join(' '),
        '',
        'ea',
        1,
        'Physical Item',
        'Point of Sale',
      ]),
    );
  };
  const transactionOf = new Map<UciOrder, string>();
  orders.forEach((order, i) => {
    const transaction = (i % 4 === 0 ? 'C' : '') + randomId(random, i % 4 === 0 ? 21 : 22);
    transactionOf.set(order, transaction);
    for (const line of order.lines) write(order, line, transaction, order.cancelled);
  });
  const refunded = sales(orders).slice(3, 6);
  for (const order of refunded)
    write(order, order.lines[0] as UciLine, transactionOf.get(order) as string, true);
  const cancelledLines = orders.filter((o) => o.cancelled).flatMap((o) => o.lines).length;
  return fixture('square', 'square-items-detail.csv', SQUARE_HEADER, rows, {
    roles: {
      customer: 'Customer ID',
      date: 'Date',
      time: 'Time',
      invoice: 'Transaction ID',
      quantity: 'Qty',
      amount: 'Net Sales',
      product: 'SKU',
      description: 'Item',
      status: 'Event Type',
    },
    customerIds,
    expected: { cancelled: 0, refunded: cancelledLines + refunded.length, refund_lines: 0 },
  });
}
