/**
 * What an order or payment status says about the sale. Each platform writes its own words; only
 * known values drop a row, anything else (`paid`, `Completed`, `Livré`, `pending`, a status we
 * have never seen) is kept, so an unfamiliar export loses nothing silently.
 */

/** A status that means the sale did not happen, or was undone. */
export type StatusOutcome = 'failed_payment' | 'cancelled_status' | 'refunded';

/**
 * Known values, normalised (see `normaliseStatus`), by outcome. Sources: Shopify `Financial
 * Status` (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided,
 * expired); Stripe payments `Status` (Paid, Refunded, Failed, Blocked); Square Items Detail
 * `Event Type` (Payment, Refund); PrestaShop order states in English and French; WooCommerce order
 * statuses (completed, processing, on-hold, pending, cancelled, refunded, failed).
 */
const KNOWN: Record<StatusOutcome, readonly string[]> = {
  // The money never arrived: a declined card, a blocked or expired authorisation.
  failed_payment: [
    'failed',
    'payment failed',
    'declined',
    'blocked',
    'expired',
    'payment error',
    'erreur de paiement',
  ],
  // The order was called off before it was fulfilled; a voided authorisation was never captured.
  cancelled_status: ['cancelled', 'canceled', 'voided', 'void', 'annule', 'annulee'],
  refunded: ['refunded', 'refund', 'rembourse', 'remboursee', 'remboursement'],
};

const OUTCOME_OF = new Map<string, StatusOutcome>(
  (Object.entries(KNOWN) as [StatusOutcome, readonly string[]][]).flatMap(([outcome, values]) =>
    values.map((value) => [value, outcome] as const),
  ),
);

/**
 * Case, accents, `_`, `-` and repeated spaces ignored, trimmed: `partially_refunded`,
 * `Partially refunded` and `PARTIALLY-REFUNDED` are one value, `Annulé` is `annule`.
 */
export function normaliseStatus(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The outcome a status value stands for, or null when the sale stands (or the value is unknown). */
export function statusOutcome(value: string): StatusOutcome | null {
  return OUTCOME_OF.get(normaliseStatus(value)) ?? null;
}
