/**
 * What the lifetime-value analysis tells a shop owner when a file does not suit it, or when a
 * number needs a caveat. Each has a stable code (tests, UI) and a message in plain words.
 */

export type ClvProblemCode =
  /** Every purchase is on one calendar day: no time over which to see anyone return. */
  | 'single-day'
  /** Nobody bought on more than one day. */
  | 'no-repeat-customers'
  /** Some came back, but too few to fit the models. */
  | 'few-repeat-customers'
  /** Repeat customers whose repeat days add up to zero or less: left out of the spend model. */
  | 'nonpositive-spend'
  /** The spend model's population mean is infinite (q <= 1): spends are too spread out. */
  | 'spend-unbounded'
  /** The BG/NBD maximum is on a boundary (SPEC): P(alive) cannot be estimated. */
  | 'dropout-not-estimable'
  /** The optimiser stopped before the likelihood's gradient vanished. */
  | 'not-converged'
  /** The calibration end leaves no calibration or no holdout period. */
  | 'calibration-period'
  /** An analysis saved before lifetime value existed: its purchase days were not kept. */
  | 'no-purchase-days';

export interface ClvProblem {
  code: ClvProblemCode;
  message: string;
}

/**
 * Repeat customers needed before the models are fitted. The two models have 7 parameters
 * between them; below a few dozen repeat buyers their estimates swing with single customers.
 */
export const MIN_REPEAT_CUSTOMERS = 20;

/** SPEC "Lifetime value": shown next to every P(alive) when the fit is on a boundary. */
export const DROPOUT_NOT_ESTIMABLE = 'The dropout process cannot be estimated from this file';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const clvMessages = {
  singleDay: (): ClvProblem => ({
    code: 'single-day',
    message:
      'Every purchase in this file is on the same day, so there is no time over which to see ' +
      'customers come back. Lifetime value needs orders spread over several weeks or months.',
  }),
  noRepeatCustomers: (customers: number): ClvProblem => ({
    code: 'no-repeat-customers',
    message:
      `All ${plural(customers, 'customer', 'customers')} bought on a single day only, so the ` +
      'file shows no repeat purchases to learn from. Lifetime value needs customers who came back.',
  }),
  fewRepeatCustomers: (repeat: number): ClvProblem => ({
    code: 'few-repeat-customers',
    message:
      `Only ${plural(repeat, 'customer', 'customers')} bought on more than one day; at least ` +
      `${MIN_REPEAT_CUSTOMERS} are needed to estimate how often customers return and how much ` +
      'they spend. A longer period of orders would help.',
  }),
  nonpositiveSpend: (customers: number): ClvProblem => ({
    code: 'nonpositive-spend',
    message:
      `${plural(customers, 'repeat customer has', 'repeat customers have')} zero or negative ` +
      'spend on their repeat purchases (refunds or free orders), so the spend model leaves them ' +
      'out; their value is estimated from the other customers.',
  }),
  spendUnbounded: (): ClvProblem => ({
    code: 'spend-unbounded',
    message:
      'Spend per order varies so much between customers that no typical spend can be ' +
      'estimated, so lifetime value in money cannot be computed. Check for a few very large ' +
      'orders (wholesale or data errors).',
  }),
  dropoutNotEstimable: (): ClvProblem => ({
    code: 'dropout-not-estimable',
    message:
      `${DROPOUT_NOT_ESTIMABLE}: almost no customer in it looks like they have stopped buying, ` +
      'so the chance that a customer is still active is close to 100% for nearly everyone and ' +
      'should not be read as a churn risk. Expected orders and value are still estimated.',
  }),
  notConverged: (): ClvProblem => ({
    code: 'not-converged',
    message:
      'The model fit stopped before it fully settled; the numbers are approximate. This usually ' +
      'means the file has an unusual purchase pattern.',
  }),
  noPurchaseDays: (): ClvProblem => ({
    code: 'no-purchase-days',
    message:
      'This analysis was saved by an earlier version of the app, which did not keep the purchase ' +
      'dates lifetime value needs. Open the file again to see it.',
  }),
  calibrationPeriod: (): ClvProblem => ({
    code: 'calibration-period',
    message:
      'The check date must leave orders both before it (to fit on) and after it (to compare ' +
      'against). Choose a date inside the period of the file.',
  }),
};
