import type { ColumnMapping, ColumnRole } from '../types.ts';

/**
 * Header names each role is recognised by, normalised (see `normaliseHeader`). Order matters
 * within a role: the first synonym found wins. Shop systems name these columns in many ways; the
 * user can always re-map, so this list aims for the common exports (Shopify, WooCommerce,
 * Magento, Square, Etsy, the UCI Online Retail file, CRM sales exports).
 */
const SYNONYMS: Record<ColumnRole, readonly string[]> = {
  customer: [
    'customerid',
    'customer',
    'customerno',
    'customernumber',
    'customercode',
    'custid',
    'custno',
    'clientid',
    'client',
    'clientno',
    'clientnumber',
    'buyerid',
    'buyer',
    'userid',
    'accountid',
    'accountnumber',
    'memberid',
    'shopperid',
    'customeremail',
    'email',
    // German, French, Spanish and Dutch exports.
    'kunde',
    'kundennummer',
    'kundennr',
    'kundenid',
    'idclient',
    'numeroclient',
    'cliente',
    'idcliente',
    'klant',
    'klantnummer',
  ],
  date: [
    'invoicedate',
    'date',
    'orderdate',
    'transactiondate',
    'purchasedate',
    'saledate',
    'datetime',
    'timestamp',
    'orderdatetime',
    'invoicedatetime',
    'createdat',
    'created',
    'paidat',
    'orderedat',
    'dateordered',
    'salesdate',
    'day',
    // German, French, Spanish and Dutch exports.
    'datum',
    'rechnungsdatum',
    'bestelldatum',
    'fecha',
    'fechafactura',
    'datefacture',
    'datecommande',
    'besteldatum',
  ],
  invoice: [
    'invoiceno',
    'invoice',
    'invoiceid',
    'invoicenumber',
    'orderid',
    'order',
    'orderno',
    'ordernumber',
    'transactionid',
    'transaction',
    'receiptid',
    'receiptno',
    'receipt',
    'billno',
    'salesorder',
    'documentno',
    // German, French, Spanish and Dutch exports.
    'rechnung',
    'rechnungsnummer',
    'rechnungsnr',
    'bestellnummer',
    'bestellung',
    'facture',
    'numerofacture',
    'commande',
    'factura',
    'numerofactura',
    'pedido',
    'factuur',
    'bestelling',
  ],
  quantity: [
    'quantity',
    'qty',
    'units',
    'quantityordered',
    'itemsordered',
    'unitssold',
    'count',
    'lineitemquantity',
    // German, French, Spanish and Dutch exports.
    'menge',
    'anzahl',
    'stuck',
    'quantite',
    'cantidad',
    'aantal',
  ],
  unitPrice: [
    'unitprice',
    'price',
    'priceeach',
    'itemprice',
    'unitcost',
    'priceperunit',
    'saleprice',
    'sellingprice',
    'lineitemprice',
    // German, French, Spanish and Dutch exports.
    'preis',
    'einzelpreis',
    'stuckpreis',
    'prixunitaire',
    'prix',
    'precio',
    'preciounitario',
    'prijs',
  ],
  amount: [
    'amount',
    'total',
    'sales',
    'revenue',
    'dollarvalue',
    'linetotal',
    'totalprice',
    'totalamount',
    'salesamount',
    'lineamount',
    'linevalue',
    'netsales',
    'ordervalue',
    'value',
    'subtotal',
    'grosssales',
    // German, French, Spanish and Dutch exports.
    'betrag',
    'umsatz',
    'gesamtbetrag',
    'montant',
    'importe',
    'bedrag',
  ],
  product: [
    'stockcode',
    'productid',
    'sku',
    'productcode',
    'itemcode',
    'itemid',
    'product',
    'articleno',
    'article',
    'itemno',
    'lineitemsku',
    // German, French, Spanish and Dutch exports.
    'artikelnummer',
    'artikelnr',
    'artikel',
    'produkt',
    'produktid',
    'referencia',
    'codigo',
  ],
  description: [
    'description',
    'productname',
    'itemname',
    'productdescription',
    'itemdescription',
    'name',
    'title',
    'lineitemname',
    // German, French, Spanish and Dutch exports.
    'beschreibung',
    'bezeichnung',
    'artikelname',
    'produktname',
    'libelle',
    'descripcion',
    'omschrijving',
  ],
  country: [
    'country',
    'countryname',
    'billingcountry',
    'shippingcountry',
    'countrycode',
    // German, French, Spanish and Dutch exports.
    'land',
    'pays',
    'pais',
  ],
};

/** Case, spaces, `_`, `-` and other punctuation are ignored (SPEC "Input"). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Roles in the order they claim columns: required and more specific roles first. */
const CLAIM_ORDER: readonly ColumnRole[] = [
  'customer',
  'invoice',
  'date',
  'quantity',
  'unitPrice',
  'amount',
  'product',
  'description',
  'country',
];

/**
 * Guesses which header column plays which role. Exact (normalised) matches first; then a header
 * that starts with a synonym of four or more letters (`Unit Price (GBP)`). A column serves one
 * role. A line amount is only mapped when there is no unit price, because quantity x unit price
 * is the line total when both exist (SPEC "Cleaning").
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};

  const claim = (role: ColumnRole, match: (header: string, synonym: string) => boolean) => {
    if (mapping[role] !== undefined) return;
    for (const synonym of SYNONYMS[role]) {
      const index = normalised.findIndex((h, i) => !taken.has(i) && h !== '' && match(h, synonym));
      if (index >= 0) {
        mapping[role] = index;
        taken.add(index);
        return;
      }
    }
  };

  for (const role of CLAIM_ORDER) claim(role, (h, s) => h === s);
  for (const role of CLAIM_ORDER) claim(role, (h, s) => s.length >= 4 && h.startsWith(s));

  if (mapping.unitPrice !== undefined && mapping.quantity !== undefined) delete mapping.amount;
  return mapping;
}

export interface MappingProblem {
  /** Roles that must be mapped but are not. `money` stands for quantity + unit price or amount. */
  missing: ('customer' | 'date' | 'money')[];
  /** Columns mapped to more than one role. */
  duplicates: number[];
}

/** The money of a line is quantity x unit price when both are mapped, else the amount column. */
export function moneySource(mapping: ColumnMapping): 'quantityTimesPrice' | 'amount' | null {
  if (mapping.quantity !== undefined && mapping.unitPrice !== undefined)
    return 'quantityTimesPrice';
  if (mapping.amount !== undefined) return 'amount';
  return null;
}

export function checkMapping(mapping: ColumnMapping, columnCount: number): MappingProblem {
  const missing: MappingProblem['missing'] = [];
  if (mapping.customer === undefined) missing.push('customer');
  if (mapping.date === undefined) missing.push('date');
  if (moneySource(mapping) === null) missing.push('money');
  const seen = new Map<number, number>();
  for (const index of Object.values(mapping)) {
    if (index === undefined || index < 0 || index >= columnCount) continue;
    seen.set(index, (seen.get(index) ?? 0) + 1);
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([i]) => i);
  return { missing, duplicates };
}

export const ROLE_LABELS: Record<ColumnRole, string> = {
  customer: 'Customer ID',
  date: 'Order date',
  invoice: 'Invoice / order ID',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Line amount',
  product: 'Product code',
  description: 'Product description',
  country: 'Country',
};
