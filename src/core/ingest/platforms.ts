/** The shop systems whose export layouts are recognised by their header set. */
export type PlatformId =
  | 'shopify-orders'
  | 'shopify-customers'
  | 'square-items'
  | 'stripe-payments'
  | 'prestashop-orders'
  | 'woocommerce-orders'
  | 'etsy-order-items'
  | 'uci-online-retail';

/** A recognised export layout, as the mapping screen and the CLI name it. */
export interface PlatformMatch {
  id: PlatformId;
  /** e.g. "Shopify orders export" */
  label: string;
  /** What the owner should know about this layout, when there is something. */
  hint?: string;
}
