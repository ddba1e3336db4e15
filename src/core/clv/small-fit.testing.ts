/**
 * Forty simulated customers and their summary, shared by the fast fit tests
 * (fits.mutation.test.ts, converged.mutation.test.ts); fixtures/small_fit_scipy.py fits them.
 */
import type { CustomerSummary } from './summary.ts';

/** simulateLines({ customers: 40, seed: 3, r 0.5, alpha 20, a 0.7, b 3, p 5, q 4, v 60 }). */
export const X = [1, 0, 2, 0, 5, 2, 0, 4, 3, 19, 0, 2, 4, 1, 8, 3, 0, 0, 2, 3, 7, 1, 3, 2, 32, 0, 0, 7, 1, 4, 2, 3, 0, 1, 2, 4, 3, 2, 2, 10]; // prettier-ignore
export const TX = [138, 0, 111, 0, 269, 90, 0, 203, 86, 218, 0, 14, 345, 55, 152, 88, 0, 0, 87, 118, 105, 52, 200, 41, 334, 0, 0, 67, 129, 25, 6, 182, 0, 269, 16, 93, 161, 113, 201, 101]; // prettier-ignore
export const T = [336, 307, 344, 311, 324, 233, 340, 222, 283, 225, 327, 223, 357, 285, 317, 209, 295, 199, 327, 251, 340, 188, 222, 352, 354, 322, 251, 250, 224, 269, 228, 309, 182, 269, 206, 323, 278, 235, 230, 225]; // prettier-ignore
/** Mean repeat spend, rounded to cents (the scipy fit in fits.mutation.test.ts is of these rounded values). */
export const M = [157.01, 0, 65.88, 0, 105.21, 221.29, 0, 88.53, 109.73, 191.17, 0, 89.76, 76.24, 81.35, 48.66, 98.97, 0, 0, 41.23, 91.83, 92.4, 10.12, 21.13, 44.2, 45.13, 0, 0, 51.44, 80.09, 54.46, 30.17, 221.85, 0, 163.48, 89.62, 214.58, 66.36, 64.61, 80.49, 107.44]; // prettier-ignore

/** A summary of these customers as summariseCustomers would give it. */
export function summary(x = X, tx = TX, t = T, m = M): CustomerSummary {
  return {
    customer: Int32Array.from(x, (_, i) => i),
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(t),
    m: Float64Array.from(m),
    endDay: 15_000,
    purchaseDays: 300,
    repeatCustomers: x.filter((v) => v > 0).length,
  };
}
