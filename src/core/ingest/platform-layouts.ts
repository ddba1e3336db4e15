/**
 * The export layouts of the shop systems Segment's users have, as the platforms document them and
 * as their export code writes them. Names are normalised (normaliseHeader: `Order #` is `order`,
 * `Created (UTC)` is `createdutc`); a trailing `*` matches any name that starts so. A layout is
 * recognised when every signature group has a column, so extra columns, a missing optional one,
 * any column order or case still match; real files carry more columns than listed here.
 */
import type { ColumnRole } from '../types.ts';
import type { PlatformId } from './platforms.ts';

export interface Layout {
  id: PlatformId;
  label: string;
  hint?: string;
  /** Groups of alternative names; the layout is recognised when every group has a column. */
  signature: readonly (readonly string[])[];
  /** Per role, the columns to use, best first; the first present and usable one is chosen. */
  roles: Partial<Record<ColumnRole, readonly string[]>>;
}

export const LAYOUTS: readonly Layout[] = [
  {
    // Admin > Orders > Export: one row per line item. `Name` is the order number (#1001);
    // `Receipt Number` and `Id` look like order ids but are empty or absent on most rows.
    id: 'shopify-orders',
    label: 'Shopify orders export',
    signature: [['name'], ['createdat'], ['lineitemquantity'], ['lineitemprice']],
    roles: {
      invoice: ['name'],
      // The standard export has no customer id column; some apps add one.
      customer: ['customerid', 'email'],
      date: ['createdat'],
      quantity: ['lineitemquantity'],
      unitPrice: ['lineitemprice'],
      product: ['lineitemsku'],
      description: ['lineitemname'],
      country: ['billingcountry', 'shippingcountry'],
      status: ['financialstatus'],
      refund: ['refundedamount'],
    },
  },
  {
    // Admin > Customers > Export: one row per customer with lifetime totals, no order dates.
    id: 'shopify-customers',
    label: 'Shopify customers export',
    signature: [
      ['totalspent', 'amountspent'],
      ['totalorders', 'orderscount'],
      ['customerid', 'email', 'firstname'],
    ],
    roles: {},
  },
  {
    // Square Dashboard > Reports > Item Sales > Export "Items Detail": one row per item sold,
    // date and time of day in separate columns, refunds as rows with Event Type `Refund`.
    id: 'square-items',
    label: 'Square items detail export',
    hint: 'Only sales with a customer attached (Customer ID) can be put in a segment; sales without one are left out.',
    signature: [
      ['date'],
      ['time'],
      ['timezone'],
      ['item'],
      ['qty'],
      ['netsales', 'grosssales'],
      ['transactionid'],
    ],
    roles: {
      invoice: ['transactionid'],
      customer: ['customerid'],
      date: ['date'],
      time: ['time'],
      quantity: ['qty'],
      // Net Sales = Gross Sales less discounts: what the customer paid for the item before tax,
      // the same basis as quantity x unit price elsewhere. Gross Sales only when Net Sales is absent.
      amount: ['netsales', 'grosssales'],
      product: ['sku'],
      description: ['item'],
      status: ['eventtype'],
    },
  },
  {
    // Stripe Dashboard > Payments > Export (unified payments): one row per charge. `Invoice ID`
    // is empty for charges not made by Stripe Billing, so the charge `id` is the order id.
    id: 'stripe-payments',
    label: 'Stripe payments export',
    hint: 'Each payment counts as one order; payments with neither a Customer ID nor an email are left out.',
    signature: [['id'], ['created*'], ['amount'], ['amountrefunded']],
    roles: {
      invoice: ['id'],
      customer: ['customerid', 'customeremail'],
      // `Created (UTC)`, `Created date (UTC)`, or the time zone chosen for the export.
      date: ['createdutc', 'createddateutc', 'created*'],
      amount: ['amount'],
      refund: ['amountrefunded'],
      status: ['status'],
      description: ['description'],
      country: ['cardaddresscountry', 'cardissuecountry'],
    },
  },
  {
    // Back office > Orders > Export (OrderController::exportAction): one row per order, `;`
    // separated, headers in the employee's language. The English names are the export code's;
    // the French, German and Spanish ones are PrestaShop's usual translations, not checked
    // against a real file (a miss only means the generic guess maps the file).
    id: 'prestashop-orders',
    label: 'PrestaShop orders export',
    hint: 'PrestaShop names each customer by initial and surname (J. DOE), so two customers who share them count as one.',
    signature: [
      ['id'],
      ['reference', 'referenz', 'referencia'],
      ['newclient', 'nouveauclient', 'neukunde', 'nuevocliente'],
      ['customer', 'client', 'kunde', 'cliente'],
      ['total', 'gesamt', 'summe'],
      ['payment', 'paiement', 'zahlung', 'zahlungsart', 'pago'],
      ['date', 'datum', 'fecha'],
    ],
    roles: {
      // One checkout split across carriers becomes several orders sharing one reference: one
      // purchase, as the customer sees it.
      invoice: ['reference', 'referenz', 'referencia'],
      customer: ['customer', 'client', 'kunde', 'cliente'],
      date: ['date', 'datum', 'fecha'],
      amount: ['total', 'gesamt', 'summe'],
      status: ['status', 'etat', 'estado'],
      country: ['delivery', 'livraison', 'lieferung', 'entrega'],
    },
  },
  {
    // WooCommerce > Analytics > Orders > Download: one row per order.
    id: 'woocommerce-orders',
    label: 'WooCommerce Analytics orders export',
    hint: 'Customers are told apart by name: this export has no customer ID or email.',
    signature: [
      ['date'],
      ['order', 'ordernumber'],
      ['status'],
      ['customer'],
      ['netsales'],
      ['customertype', 'itemssold', 'products'],
    ],
    roles: {
      invoice: ['order', 'ordernumber'],
      customer: ['customer'],
      date: ['date'],
      quantity: ['itemssold'],
      amount: ['netsales'],
      status: ['status'],
      // A list such as "2x Hoodie, Cap": text to show, not one product code to count.
      description: ['products'],
    },
  },
  {
    // Shop Manager > Settings > Options > Download Data > Order Items: one row per item sold.
    id: 'etsy-order-items',
    label: 'Etsy sold order items export',
    signature: [['saledate'], ['itemname'], ['buyer'], ['quantity'], ['price'], ['orderid']],
    roles: {
      invoice: ['orderid'],
      customer: ['buyer'],
      date: ['saledate'],
      quantity: ['quantity'],
      unitPrice: ['price'],
      product: ['sku', 'listingid'],
      description: ['itemname'],
      country: ['shipcountry'],
    },
  },
  {
    // The UCI Machine Learning Repository's Online Retail file, and Online Retail II's names.
    id: 'uci-online-retail',
    label: 'Online Retail (UCI) data set',
    signature: [
      ['invoiceno', 'invoice'],
      ['stockcode'],
      ['description'],
      ['quantity'],
      ['invoicedate'],
      ['unitprice', 'price'],
      ['customerid'],
      ['country'],
    ],
    roles: {
      invoice: ['invoiceno', 'invoice'],
      product: ['stockcode'],
      description: ['description'],
      quantity: ['quantity'],
      date: ['invoicedate'],
      unitPrice: ['unitprice', 'price'],
      customer: ['customerid'],
      country: ['country'],
    },
  },
];
