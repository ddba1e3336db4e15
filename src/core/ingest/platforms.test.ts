/**
 * Each platform's export, with its documented header list (in the platform's column order, more
 * columns than Segment uses) and a few hand-made rows, is recognised and mapped column by column:
 * Shopify (orders, and its customers export refused), Square and Stripe here; the other shops in
 * platforms-shops.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isAnalysisError } from '../errors.ts';
import { customer, expectAnalysisError, prepareText } from '../testing/fixtures.ts';
import { byName, csv, type LayoutCase, rejectedFor, sniff } from '../testing/layout-csv.ts';

const SHOPIFY_ORDERS = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at',
  'Accepts Marketing', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code',
  'Discount Amount', 'Shipping Method', 'Created at', 'Lineitem quantity', 'Lineitem name',
  'Lineitem price', 'Lineitem compare at price', 'Lineitem sku', 'Lineitem requires shipping',
  'Lineitem taxable', 'Lineitem fulfillment status', 'Billing Name', 'Billing Street',
  'Billing Address1', 'Billing Address2', 'Billing Company', 'Billing City', 'Billing Zip',
  'Billing Province', 'Billing Country', 'Billing Phone', 'Shipping Name', 'Shipping Street',
  'Shipping Address1', 'Shipping Address2', 'Shipping Company', 'Shipping City', 'Shipping Zip',
  'Shipping Province', 'Shipping Country', 'Shipping Phone', 'Notes', 'Note Attributes',
  'Cancelled at', 'Payment Method', 'Payment Reference', 'Refunded Amount', 'Vendor',
  'Outstanding Balance', 'Employee', 'Location', 'Device ID', 'Id', 'Tags', 'Risk Level',
  'Source', 'Lineitem discount', 'Tax 1 Name', 'Tax 1 Value', 'Phone', 'Receipt Number',
  'Duties', 'Billing Province Name', 'Shipping Province Name', 'Payment ID',
  'Payment Terms Name', 'Next Payment Due At', 'Payment References',
]; // prettier-ignore

const SHOPIFY_ROWS = [
  { Name: '#1001', Email: 'ada@example.com', 'Financial Status': 'paid', 'Created at': '2011-06-01 12:05:00 +0100', 'Lineitem quantity': '2', 'Lineitem name': 'Fern print', 'Lineitem price': '16.00', 'Lineitem sku': 'FERN-1', 'Billing Country': 'GB', 'Refunded Amount': '0.00', Id: '5550000001' },
  { Name: '#1001', Email: 'ada@example.com', 'Created at': '2011-06-01 12:05:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'Tote bag', 'Lineitem price': '20.00', 'Lineitem sku': 'TOTE-1' },
  { Name: '#1002', Email: 'bo@example.com', 'Financial Status': 'refunded', 'Created at': '2011-06-03 09:00:00 +0100', 'Lineitem quantity': '1', 'Lineitem name': 'Mug', 'Lineitem price': '25.00', 'Lineitem sku': 'MUG-1', 'Billing Country': 'FR', 'Refunded Amount': '25.00', Id: '5550000002' },
]; // prettier-ignore

describe('Shopify orders export', () => {
  it('is recognised whatever the column order and case, without optional columns', async () => {
    const kept = SHOPIFY_ORDERS.filter((h) => !['Billing Country', 'Refunded Amount'].includes(h));
    const header = kept.reverse().map((h) => h.toUpperCase());
    const rows = SHOPIFY_ROWS.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toUpperCase(), v])),
    );
    const s = await sniff(csv(header, rows));
    expect(s.platform?.id).toBe('shopify-orders');
    expect(s.mapping).toEqual(
      byName(header, {
        invoice: 'NAME',
        customer: 'EMAIL',
        date: 'CREATED AT',
        quantity: 'LINEITEM QUANTITY',
        unitPrice: 'LINEITEM PRICE',
        product: 'LINEITEM SKU',
        description: 'LINEITEM NAME',
        // Billing Country is gone, and this sample has no shipping country filled in.
        status: 'FINANCIAL STATUS',
      }),
    );
  });

  it('takes Customer ID where the export has one with values, else Email', async () => {
    const header = [...SHOPIFY_ORDERS, 'Customer ID'];
    const withIds = SHOPIFY_ROWS.map((r, i) => ({ ...r, 'Customer ID': `70${i}` }));
    expect((await sniff(csv(header, withIds))).mapping.customer).toBe(header.length - 1);
    const blank = await sniff(csv(header, SHOPIFY_ROWS));
    expect(blank.mapping.customer).toBe(header.indexOf('Email'));
    expect(rejectedFor(blank, 'customer')).toEqual([['Customer ID', 'always empty']]);
  });

  it('through the pipeline: two lines of order #1001 are one order of 52.00', async () => {
    const data = await prepareText(csv(SHOPIFY_ORDERS, SHOPIFY_ROWS));
    expect(customer(data, 'ada@example.com')).toMatchObject({
      Frequency: 1,
      Monetary: 2 * 16 + 20,
      TotalQuantity: 3,
      UniqueProducts: 2,
    });
  });

  it('without recognition, the empty Receipt Number is still never the order id', async () => {
    // The layout is not recognised once `Created at` is renamed; the generic guess runs.
    const header = SHOPIFY_ORDERS.map((h) => (h === 'Created at' ? 'Order Date' : h));
    const rows = SHOPIFY_ROWS.map(({ 'Created at': d, ...r }) => ({ ...r, 'Order Date': d }));
    const s = await sniff(csv(header, rows));
    expect(s.platform).toBeNull();
    expect(s.mapping.invoice).not.toBe(header.indexOf('Receipt Number'));
    expect(rejectedFor(s, 'invoice')).toContainEqual(['Receipt Number', 'always empty']);
  });
});

describe('Shopify customers export', () => {
  const header = [
    'Customer ID', 'First Name', 'Last Name', 'Email', 'Accepts Email Marketing',
    'Default Address Company', 'Default Address Address1', 'Default Address Address2',
    'Default Address City', 'Default Address Province Code', 'Default Address Country Code',
    'Default Address Zip', 'Default Address Phone', 'Phone', 'Accepts SMS Marketing',
    'Total Spent', 'Total Orders', 'Note', 'Tax Exempt', 'Tags',
  ]; // prettier-ignore
  const rows = [
    { 'Customer ID': '6001', 'First Name': 'Maria', Email: 'maria@example.com', 'Default Address Zip': '97201', 'Total Spent': '150.00', 'Total Orders': '3' },
    { 'Customer ID': '6002', 'First Name': 'John', Email: 'john@example.com', 'Default Address Zip': '36500', 'Total Spent': '29.95', 'Total Orders': '1' },
  ]; // prettier-ignore

  it('is refused as a customer list, saying which export to use instead', async () => {
    const error: unknown = await sniff(csv(header, rows)).catch((e: unknown) => e);
    expect(isAnalysisError(error) && error.code).toBe('customer-list');
    expect((error as Error).message).toContain('Shopify customer list');
    expect((error as Error).message).toContain(
      'In Shopify admin, go to Orders, then Export, and choose all orders as CSV',
    );
  });

  it('any list of customer totals without dates is refused the same way', async () => {
    const text = csv(
      ['Client', 'E-mail', 'Amount Spent', 'Orders Count', 'Postcode'],
      [
        { Client: 'A', 'Amount Spent': '10', 'Orders Count': '1', Postcode: '36500' },
        { Client: 'B', 'Amount Spent': '20', 'Orders Count': '2', Postcode: '97201' },
      ],
    );
    const error: unknown = await sniff(text).catch((e: unknown) => e);
    expect(isAnalysisError(error) && error.code).toBe('customer-list');
    expect((error as Error).message).toContain('customer list');
  });
});

const SQUARE = [
  'Date', 'Time', 'Time Zone', 'Category', 'Item', 'Qty', 'Price Point Name', 'SKU',
  'Modifiers Applied', 'Gross Sales', 'Discounts', 'Net Sales', 'Tax', 'Transaction ID',
  'Payment ID', 'Device Name', 'Notes', 'Details', 'Event Type', 'Location', 'Dining Option',
  'Customer ID', 'Customer Name', 'Customer Reference ID', 'Unit', 'Count', 'Itemization Type',
  'Commission', 'Employee', 'Fulfillment Note', 'Channel', 'Token', 'Card Brand', 'PAN Suffix',
]; // prettier-ignore

const SQUARE_ROWS = [
  { Date: '2026-08-15', Time: '14:00:00', 'Time Zone': 'Eastern Time (US & Canada)', Category: 'Ceramics', Item: 'Speckled Mug', Qty: '2', 'Price Point Name': 'Regular', SKU: 'MUG-1', 'Gross Sales': '$36.00', Discounts: '$0.00', 'Net Sales': '$36.00', Tax: '$2.88', 'Transaction ID': 'C3zQ8', 'Payment ID': 'PC3', 'Event Type': 'Payment', 'Customer ID': 'CUST1', 'Customer Name': 'Dee Example' },
  { Date: '2026-09-13', Time: '10:02:11', 'Time Zone': 'Eastern Time (US & Canada)', Category: 'Prints', Item: 'Fern Print', Qty: '1', 'Price Point Name': 'Large', 'Gross Sales': '$1,218.00', Discounts: '-$3.00', 'Net Sales': '$1,215.00', Tax: '$1.20', 'Transaction ID': 'SQA1x', 'Payment ID': 'PA1', 'Event Type': 'Payment', 'Customer ID': 'CUST2' },
  { Date: '2026-09-20', Time: '09:00:00', 'Time Zone': 'Eastern Time (US & Canada)', Category: 'Ceramics', Item: 'Speckled Mug', Qty: '-1', 'Price Point Name': 'Regular', SKU: 'MUG-1', 'Gross Sales': '-$18.00', Discounts: '$0.00', 'Net Sales': '-$18.00', Tax: '-$1.44', 'Transaction ID': 'C3zQ8', 'Payment ID': 'PC3R', 'Event Type': 'Refund', 'Customer ID': 'CUST1' },
]; // prettier-ignore

describe('Square items detail export', () => {
  it('says that only sales with a Customer ID can be put in a segment', async () => {
    const s = await sniff(csv(SQUARE, SQUARE_ROWS));
    expect(s.platform?.hint).toContain('Customer ID');
  });

  it('without recognition, Price Point Name is never the unit price', async () => {
    const header = SQUARE.filter((h) => h !== 'Time Zone');
    const s = await sniff(csv(header, SQUARE_ROWS));
    expect(s.platform).toBeNull();
    expect(s.mapping.unitPrice).toBeUndefined();
    expect(s.mapping.amount).toBe(header.indexOf('Net Sales'));
    expect(rejectedFor(s, 'unitPrice')).toEqual([
      ['Price Point Name', "not numbers (e.g. 'Regular')"],
    ]);
  });

  it('with no customer attached to any sale, says which column was empty', async () => {
    const rows = SQUARE_ROWS.map(({ 'Customer ID': _id, ...r }) => r);
    const s = await sniff(csv(SQUARE, rows));
    expect(s.mapping.customer).toBeUndefined();
    expect(rejectedFor(s, 'customer')).toEqual([['Customer ID', 'always empty']]);
    const error = await expectAnalysisError(prepareText(csv(SQUARE, rows)), 'missing-columns');
    expect(error.message).toBe(
      'We could not find the customer ID column. Choose it in the column mapping. ' +
        'Columns considered and not used: "Customer ID" as Customer ID: always empty.',
    );
  });
});

const STRIPE = [
  'id', 'Description', 'Seller Message', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency',
  'Converted Amount', 'Converted Amount Refunded', 'Fee', 'Tax', 'Converted Currency', 'Mode',
  'Status', 'Statement Descriptor', 'Customer ID', 'Customer Description', 'Customer Email',
  'Captured', 'Card ID', 'Card Last4', 'Card Brand', 'Card Funding', 'Card Exp Month',
  'Card Exp Year', 'Card Name', 'Card Address Line1', 'Card Address Line2', 'Card Address City',
  'Card Address State', 'Card Address Country', 'Card Address Zip', 'Card Issue Country',
  'Card Fingerprint', 'Card CVC Status', 'Card AVS Zip Status', 'Card AVS Line1 Status',
  'Card Tokenization Method', 'Disputed Amount', 'Dispute Status', 'Dispute Reason',
  'Dispute Date (UTC)', 'Dispute Evidence Due (UTC)', 'Invoice ID', 'Payment Source Type',
  'Destination', 'Transfer', 'Transfer Group', 'PaymentIntent ID',
]; // prettier-ignore

const STRIPE_ROWS = [
  { id: 'ch_3Tf4ViLQF3ru3dK4', Description: 'Fern print', 'Created (UTC)': '2026-06-05 20:38', Amount: '31.25', 'Amount Refunded': '0.00', Currency: 'gbp', Status: 'Paid', 'Customer ID': 'cus_A1', 'Customer Email': 'a@example.com', 'Card Address Country': 'GB' },
  { id: 'ch_3Tf5WmLQF3ru3dK5', Description: 'Mug', 'Created (UTC)': '2026-06-06 09:12', Amount: '18.00', 'Amount Refunded': '18.00', Currency: 'gbp', Status: 'Refunded', 'Customer ID': 'cus_B2', 'Customer Email': 'b@example.com' },
  { id: 'ch_3Tf6XnLQF3ru3dK6', Description: 'Mug', 'Created (UTC)': '2026-06-07 11:40', Amount: '18.00', 'Amount Refunded': '0.00', Currency: 'gbp', Status: 'Failed', 'Customer Email': 'c@example.com' },
]; // prettier-ignore

describe('Stripe payments export', () => {
  it('falls back to Customer Email when no charge has a Customer ID; any time zone', async () => {
    const zone = 'Created date (Europe/London)';
    const header = STRIPE.map((h) => (h === 'Created (UTC)' ? zone : h));
    const rows = STRIPE_ROWS.map(({ 'Customer ID': _c, 'Created (UTC)': d, ...r }) => ({
      ...r,
      [zone]: d,
    }));
    const s = await sniff(csv(header, rows));
    expect(s.platform?.id).toBe('stripe-payments');
    expect(s.mapping.customer).toBe(header.indexOf('Customer Email'));
    expect(s.mapping.date).toBe(header.indexOf(zone));
  });

  it('without recognition, the always-empty Invoice ID is passed over', async () => {
    const header = STRIPE.filter((h) => h !== 'Amount Refunded');
    const s = await sniff(csv(header, STRIPE_ROWS));
    expect(s.platform).toBeNull();
    expect(s.mapping.invoice).toBeUndefined();
    expect(rejectedFor(s, 'invoice')).toEqual([['Invoice ID', 'always empty']]);
  });
});

describe('each export is recognised and mapped column by column', () => {
  it.each([
    {
      layout: 'Shopify orders: Name is the order, Email the customer',
      header: SHOPIFY_ORDERS,
      rows: SHOPIFY_ROWS,
      platform: { id: 'shopify-orders', label: 'Shopify orders export' },
      roles: { invoice: 'Name', customer: 'Email', date: 'Created at', quantity: 'Lineitem quantity', unitPrice: 'Lineitem price', product: 'Lineitem sku', description: 'Lineitem name', country: 'Billing Country', status: 'Financial Status', refund: 'Refunded Amount' },
    },
    {
      layout: 'Square items detail: Qty with Net Sales as the line amount, the Time column as time of day',
      header: SQUARE,
      rows: SQUARE_ROWS,
      platform: { id: 'square-items', label: 'Square items detail export' },
      roles: { invoice: 'Transaction ID', customer: 'Customer ID', date: 'Date', time: 'Time', quantity: 'Qty', amount: 'Net Sales', product: 'SKU', description: 'Item', status: 'Event Type' },
    },
    {
      layout: 'Stripe payments: the charge id is the order, never the empty Invoice ID',
      header: STRIPE,
      rows: STRIPE_ROWS,
      platform: { id: 'stripe-payments' },
      roles: { invoice: 'id', customer: 'Customer ID', date: 'Created (UTC)', amount: 'Amount', refund: 'Amount Refunded', status: 'Status', description: 'Description', country: 'Card Address Country' },
    },
  ] satisfies LayoutCase[])(
    '$layout',
    async ({ header, rows, platform, roles }) => {
      const s = await sniff(csv(header, rows));
      expect(s.platform).toMatchObject(platform);
      expect(s.mapping).toEqual(byName(header, roles));
    },
  ); // prettier-ignore
});
