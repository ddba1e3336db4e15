import { DROPOUT_NOT_ESTIMABLE } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatDate, formatMoney, formatPercent } from '../../ui/format.ts';

const DAY_MS = 86_400_000;

/** One customer's lifetime value in the profile, in plain words (computed on the Value tab). */
export function CustomerValueFacts({ index }: { index: number }) {
  const stored = useApp((s) => s.lifetimeValue);
  if (!stored?.ok) return null;
  const { customers, options } = stored;
  const clv = customers.clv[index]!;
  if (Number.isNaN(clv)) return null;
  const next = customers.nextOrderDays[index]!;
  const orders = (x: number) => x.toFixed(2);
  return (
    <>
      <h4>What this customer is worth from here</h4>
      <dl className="detail-facts" data-testid="detail-value">
        <div>
          <dt>Value, next {options.months} months</dt>
          <dd data-testid="detail-clv">{formatMoney(clv)}</dd>
        </div>
        <div>
          <dt>Chance still active</dt>
          <dd data-testid="detail-p-alive">
            {formatPercent(customers.pAlive[index]!)}
            {stored.dropoutNotEstimable && (
              <span className="dropout-note">{DROPOUT_NOT_ESTIMABLE}.</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Orders expected</dt>
          <dd>
            {orders(customers.expectedPurchases30[index]!)} in 30 days,{' '}
            {orders(customers.expectedPurchases90[index]!)} in 90,{' '}
            {orders(customers.expectedPurchases365[index]!)} in a year
          </dd>
        </div>
        <div>
          <dt>Spend per order</dt>
          <dd>{formatMoney(customers.expectedSpend[index]!)}</dd>
        </div>
        <div>
          <dt>No order in the next 90 days</dt>
          <dd>{formatPercent(customers.pNoPurchase90[index]!)} chance</dd>
        </div>
        <div>
          <dt>Next order likely by</dt>
          <dd>
            {Number.isFinite(next)
              ? formatDate((options.observationEndDay + next) * DAY_MS)
              : 'not expected: more likely gone'}
          </dd>
        </div>
      </dl>
    </>
  );
}
