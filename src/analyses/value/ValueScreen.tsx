import { useId, useMemo } from 'react';
import { MIN_REPEAT_CUSTOMERS } from '../../core/index.ts';
import { Plot } from '../../charts/Plot.tsx';
import { useApp } from '../../store/store.ts';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import { setClvHorizon } from './actions.ts';
import { DropoutNote, type FittedValue } from './DropoutNote.tsx';
import { ValueCheck } from './ValueCheck.tsx';
import { ValueSegments } from './ValueSegments.tsx';
import { valueBands, valueBandsChart } from './value-charts.ts';
import './ValueScreen.css';

/**
 * "What is each customer worth from here?": predicted value, chance still active and expected
 * orders (BG/NBD + Gamma-Gamma, src/core/clv), per segment, at risk, checked against the file.
 */
export function ValueScreen() {
  const stored = useApp((s) => s.lifetimeValue);
  const progress = useApp((s) => s.valueProgress);
  const value = stored?.ok ? stored : null;

  return (
    <div className="value-screen" data-testid="value-screen">
      <header className="screen-heading">
        <h2>What are your customers worth from here?</h2>
        <p className="muted">
          From each customer's purchase history so far, a statistical model estimates how likely
          they are to still be a customer, how many orders they will place and how much those will
          bring in. These are forecasts for groups of customers: reliable on average, rough for any
          single person.
        </p>
      </header>
      <HorizonForm />
      {progress !== null && (
        <p className="busy" data-testid="value-busy">
          Estimating lifetime value… <progress value={progress} max={1} />
        </p>
      )}
      {stored && !stored.ok && (
        <section className="card value-problem" role="status" data-testid="value-problem">
          <h3>Lifetime value cannot be estimated for this file</h3>
          <p>{stored.problem.message}</p>
          {stored.problem.code.endsWith('repeat-customers') && (
            <p className="muted">
              The models need at least {MIN_REPEAT_CUSTOMERS} customers who bought on two or more
              different days.
            </p>
          )}
        </section>
      )}
      {value && <ValueBody value={value} />}
      {!stored && progress === null && <p className="busy">Preparing lifetime value…</p>}
    </div>
  );
}

function HorizonForm() {
  const { months, monthlyDiscount } = useApp((s) => s.clvHorizon);
  const monthsId = useId();
  const discountId = useId();
  return (
    <form className="card value-form" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={monthsId}>Months ahead</label>
        <input
          id={monthsId}
          data-testid="clv-months"
          type="number"
          min={1}
          max={120}
          step={1}
          defaultValue={months}
          onChange={(e) => setClvHorizon({ months: Number(e.target.value), monthlyDiscount })}
        />
      </div>
      <div className="field">
        <label htmlFor={discountId}>Discount per month (%)</label>
        <input
          id={discountId}
          data-testid="clv-discount"
          type="number"
          min={0}
          max={50}
          step={0.1}
          defaultValue={Math.round(monthlyDiscount * 1000) / 10}
          onChange={(e) => setClvHorizon({ months, monthlyDiscount: Number(e.target.value) / 100 })}
        />
      </div>
      <p className="muted value-form-note">
        Money expected later is worth a little less than money today; the discount says how much
        less per month (1% is usual). The value of each customer is what they are expected to spend
        over these months, discounted.
      </p>
    </form>
  );
}

function ValueBody({ value }: { value: FittedValue }) {
  const { customers, options, fits } = value;
  const totals = useMemo(() => {
    let clv = 0;
    let orders = 0;
    let active = 0;
    let count = 0;
    customers.clv.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      clv += v;
      orders += customers.expectedPurchases90[i]!;
      active += customers.pAlive[i]!;
      count++;
    });
    return { clv, orders, active, count };
  }, [customers]);
  const bands = useMemo(() => valueBandsChart(valueBands(customers.clv)), [customers]);

  return (
    <>
      {value.warnings.length > 0 && (
        <div className="warnings" role="note" data-testid="value-warnings">
          <ul>
            {value.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="kpis" data-testid="value-kpis">
        <div className="kpi">
          <span className="kpi-label">Value, next {options.months} months</span>
          <span className="kpi-value">{formatWhole(totals.clv)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Orders expected, next 90 days</span>
          <span className="kpi-value">{formatWhole(totals.orders)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">Average chance still active</span>
          <span className="kpi-value">
            {formatPercent(totals.active / Math.max(1, totals.count))}
          </span>
          <DropoutNote value={value} />
        </div>
        <div className="kpi">
          <span className="kpi-label">Customers who came back</span>
          <span className="kpi-value">{formatWhole(fits.repeatCustomers)}</span>
        </div>
      </div>

      <section className="card" aria-labelledby="value-words-title">
        <h3 id="value-words-title">What the numbers mean</h3>
        <dl className="value-words">
          <dt>Value (next {options.months} months)</dt>
          <dd>
            What a customer is expected to spend with you over the next {options.months} months,
            discounted by {formatPercent(options.monthlyDiscount)} a month. It combines the three
            figures below: chance still active × orders expected × spend per order.
          </dd>
          <dt>Chance still active</dt>
          <dd>
            How likely the customer still buys from you at all, rather than having quietly left. It
            falls when someone who used to buy often has not bought for a long time. A one-time
            buyer counts as active until the file shows otherwise. <DropoutNote value={value} />
          </dd>
          <dt>Orders expected (90 days)</dt>
          <dd>
            How many days with a purchase the customer is expected to have in the next 90 days. 0.5
            means one order in two such customers.
          </dd>
          <dt>Spend per order</dt>
          <dd>
            What the customer is expected to spend on a future order day: their own average, pulled
            towards the average of all customers when they have bought only a few times.
          </dd>
          <dt>Value at risk</dt>
          <dd>
            The value of customers whose chance of still being active is below the threshold you set
            below: the money you may lose unless you win them back.
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="value-bands-title">
        <h3 id="value-bands-title">How value is spread over your customers</h3>
        <p className="muted">
          Number of customers in each band of predicted value (next {options.months} months).
          Usually most customers are worth little and a few are worth a lot: those few are the ones
          to look after.
        </p>
        <div data-testid="value-bands-chart">
          <Plot
            data={bands.data}
            layout={bands.layout}
            className="plot"
            label="Bar chart: customers by band of predicted value"
          />
        </div>
      </section>

      <ValueSegments value={value} />
      <ValueCheck value={value} />
      <p className="muted value-method">
        Method: the BG/NBD model of purchases and dropout (r {fits.bgnbd.params.r.toPrecision(4)},
        alpha {fits.bgnbd.params.alpha.toPrecision(4)}, a {fits.bgnbd.params.a.toPrecision(4)}, b{' '}
        {fits.bgnbd.params.b.toPrecision(4)}) and the Gamma-Gamma model of spend (p{' '}
        {fits.gammaGamma.params.p.toPrecision(4)}, q {fits.gammaGamma.params.q.toPrecision(4)}, v{' '}
        {formatMoney(fits.gammaGamma.params.v)}), fitted to {formatWhole(fits.customers)} customers'
        purchase days.
      </p>
    </>
  );
}
