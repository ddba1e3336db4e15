/**
 * PrestaShop, WooCommerce, Etsy and the UCI file, with their documented header lists and a few
 * hand-made rows, are recognised and mapped column by column; files of no known layout are not.
 * (Shopify, Square and Stripe: platforms.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { customer, prepareText } from '../testing/fixtures.ts';
import { byName, csv, type LayoutCase, sniff } from '../testing/layout-csv.ts';

const PRESTASHOP = ['ID', 'Reference', 'New client', 'Delivery', 'Customer', 'Total', 'Payment', 'Status', 'Date']; // prettier-ignore
const PRESTASHOP_ROWS = [
  { ID: '5', Reference: 'XKBKNABJK', 'New client': '1', Delivery: 'France', Customer: 'J. DOE', Total: '€61.80', Payment: 'Payment by check', Status: 'Payment accepted', Date: '2026-01-05 10:11:12' },
  { ID: '6', Reference: 'OHSATSERP', 'New client': '0', Delivery: 'France', Customer: 'J. DOE', Total: '€24.00', Payment: 'Bank wire', Status: 'Canceled', Date: '2026-01-05 10:11:40' },
]; // prettier-ignore
/** The same export from a French back office: the same columns, renamed. */
const PRESTASHOP_FR = ['ID', 'Référence', 'Nouveau client', 'Livraison', 'Client', 'Total', 'Paiement', 'État', 'Date']; // prettier-ignore
const PRESTASHOP_FR_ROWS = PRESTASHOP_ROWS.map((r) =>
  Object.fromEntries(PRESTASHOP.map((h, i) => [PRESTASHOP_FR[i], r[h as keyof typeof r]])),
);

const WOOCOMMERCE = ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales', 'Attribution']; // prettier-ignore
const WOOCOMMERCE_ROWS = [
  { Date: '2026-03-01 10:12:33', 'Order #': '1041', Status: 'Completed', Customer: 'Jane Doe', 'Customer type': 'new', 'Product(s)': 'Hoodie, Cap', 'Items sold': '3', 'Net sales': '45.50', Attribution: 'Direct' },
  { Date: '2026-03-02 08:00:00', 'Order #': '1042', Status: 'Refunded', Customer: 'Sam Roe', 'Customer type': 'returning', 'Product(s)': 'Cap', 'Items sold': '1', 'Net sales': '-12.00' },
]; // prettier-ignore

const ETSY = [
  'Sale Date', 'Item Name', 'Buyer', 'Quantity', 'Price', 'Coupon Code', 'Coupon Details',
  'Discount Amount', 'Shipping Discount', 'Order Shipping', 'Order Sales Tax', 'Item Total',
  'Currency', 'Transaction ID', 'Listing ID', 'Date Paid', 'Date Shipped', 'Ship Name',
  'Ship Address1', 'Ship Address2', 'Ship City', 'Ship State', 'Ship Zipcode', 'Ship Country',
  'Order ID', 'Variations', 'Order Type', 'Listings Type', 'Payment Type', 'InPerson Discount',
  'InPerson Location', 'VAT Paid by Buyer', 'SKU',
]; // prettier-ignore
const ETSY_ROWS = [
  { 'Sale Date': '08/14/25', 'Item Name': 'Sunset Fox | Greeting Card', Buyer: 'coolbuyer42', Quantity: '2', Price: '5.00', 'Item Total': '10.00', Currency: 'USD', 'Transaction ID': '4001', 'Listing ID': '9001', 'Ship Country': 'United States', 'Order ID': '3311' },
  { 'Sale Date': '08/15/25', 'Item Name': 'Robot dog', Buyer: 'eve', Quantity: '1', Price: '59.00', 'Item Total': '59.00', Currency: 'USD', 'Transaction ID': '4002', 'Listing ID': '9002', 'Ship Country': 'Australia', 'Order ID': '3312' },
]; // prettier-ignore

/** Online Retail II: the UCI layout under other names (Invoice, Price, Customer ID). */
const UCI_II = ['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']; // prettier-ignore
const UCI_II_ROWS = [
  { Invoice: '489434', StockCode: '85048', Description: '15CM CHRISTMAS GLASS BALL 20 LIGHTS', Quantity: '12', InvoiceDate: '2009-12-01 07:45:00', Price: '6.95', 'Customer ID': '13085', Country: 'United Kingdom' },
  { Invoice: '489435', StockCode: '22350', Description: 'CAT BOWL', Quantity: '12', InvoiceDate: '2009-12-01 07:46:00', Price: '2.55', 'Customer ID': '13085', Country: 'United Kingdom' },
]; // prettier-ignore

describe('each export is recognised and mapped column by column', () => {
  it.each([
    {
      layout: 'PrestaShop (semicolons): Reference is the order, Total the amount',
      header: PRESTASHOP,
      rows: PRESTASHOP_ROWS,
      delimiter: ';',
      platform: { id: 'prestashop-orders' },
      roles: { invoice: 'Reference', customer: 'Customer', date: 'Date', amount: 'Total', status: 'Status', country: 'Delivery' },
    },
    {
      layout: 'PrestaShop in French',
      header: PRESTASHOP_FR,
      rows: PRESTASHOP_FR_ROWS,
      delimiter: ';',
      platform: { id: 'prestashop-orders' },
      roles: { invoice: 'Référence', customer: 'Client', date: 'Date', amount: 'Total', status: 'État', country: 'Livraison' },
    },
    {
      layout: 'WooCommerce: Net sales with Items sold; the product list is a description',
      header: WOOCOMMERCE,
      rows: WOOCOMMERCE_ROWS,
      platform: { id: 'woocommerce-orders' },
      roles: { invoice: 'Order #', customer: 'Customer', date: 'Date', quantity: 'Items sold', amount: 'Net sales', status: 'Status', description: 'Product(s)' },
    },
    {
      layout: 'Etsy: the Listing ID is the product when no SKU is filled in',
      header: ETSY,
      rows: ETSY_ROWS,
      platform: { id: 'etsy-order-items' },
      roles: { invoice: 'Order ID', customer: 'Buyer', date: 'Sale Date', quantity: 'Quantity', unitPrice: 'Price', product: 'Listing ID', description: 'Item Name', country: 'Ship Country' },
    },
    {
      layout: 'Online Retail II names: the UCI layout',
      header: UCI_II,
      rows: UCI_II_ROWS,
      platform: { id: 'uci-online-retail' },
      roles: { invoice: 'Invoice', product: 'StockCode', description: 'Description', quantity: 'Quantity', date: 'InvoiceDate', unitPrice: 'Price', customer: 'Customer ID', country: 'Country' },
    },
  ] satisfies LayoutCase[])(
    '$layout',
    async ({ header, rows, delimiter, platform, roles }) => {
      const s = await sniff(csv(header, rows, delimiter));
      expect(s.delimiter).toBe(delimiter ?? ',');
      expect(s.platform).toMatchObject(platform);
      expect(s.mapping).toEqual(byName(header, roles));
    },
  ); // prettier-ignore
});

describe('through the pipeline', () => {
  it('WooCommerce: net sales are the money, the refund row is not a sale', async () => {
    const data = await prepareText(csv(WOOCOMMERCE, WOOCOMMERCE_ROWS));
    expect(data.groups.table.ids).toEqual(['Jane Doe']);
    expect(customer(data, 'Jane Doe')).toMatchObject({
      Frequency: 1,
      Monetary: 45.5,
      TotalQuantity: 3,
    });
  });

  it('Etsy: month-first sale dates, quantity x price', async () => {
    const data = await prepareText(csv(ETSY, ETSY_ROWS));
    expect(data.tx.dateFormat).toBe('mdy');
    expect(customer(data, 'coolbuyer42')).toMatchObject({ Frequency: 1, Monetary: 10 });
    expect(customer(data, 'eve')).toMatchObject({ Frequency: 1, Monetary: 59, Recency: 1 });
  });
});

describe('UCI Online Retail', () => {
  it('is recognised and mapped exactly as the generic guess maps it', async () => {
    const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']; // prettier-ignore
    const text = [
      header.join(','),
      '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom',
      'C536379,D,Discount,-1,12/1/10 9:41,27.5,14527,United Kingdom',
    ].join('\n');
    const s = await sniff(text);
    expect(s.platform).toEqual({ id: 'uci-online-retail', label: 'Online Retail (UCI) data set' });
    expect(s.mapping).toEqual({
      invoice: 0,
      product: 1,
      description: 2,
      quantity: 3,
      date: 4,
      unitPrice: 5,
      customer: 6,
      country: 7,
    });
  });
});

describe('files of no known layout', () => {
  it.each([
    ['the CDNOW sample', 'customer_id,date,number_of_cds,dollar_value\n00004,19970101,2,29.33\n'],
    [
      "Square's Transactions export (not Items Detail)",
      'Date,Time,Time Zone,Gross Sales,Discounts,Net Sales,Tax,Tip,Total Collected,Transaction ID,Payment ID,Customer ID\n2026-08-15,14:00:00,Eastern Time (US & Canada),$36.00,$0.00,$36.00,$2.88,$0.00,$38.88,C3zQ8,PC3,CUST1\n',
    ],
    ['a German spreadsheet', 'Kundennummer;Datum;Betrag\n17850;01.12.2010;15,30\n'],
  ])('%s: no platform, the columns guessed by name', async (_, text) => {
    const s = await sniff(text);
    expect(s.platform).toBeNull();
    expect(s.mapping.customer).toBe(text.startsWith('Date') ? 11 : 0);
  });
});
