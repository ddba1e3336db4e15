import { useMemo } from 'react';
import { DROPOUT_NOT_ESTIMABLE, slippingCustomers, VALUABLE_TOP_SHARE } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent, formatWhole } from '../../ui/format.ts';
import { exportSlippingCsv } from '../value/actions.ts';
import type { ValueColumns } from './customer-rows.ts';

export interface CustomerValue {
  columns: ValueColumns | null;
  /** 1 for the "valuable but slipping" customers. */
  slipping: Uint8Array | null;
  slippingCount: number;
  atRiskBelow: number;
  pAliveNote: string | undefined;
}

/** The lifetime value the customer table shows, once the Value analysis has computed it. */
export function useCustomerValue(): CustomerValue {
  const stored = useApp((s) => s.lifetimeValue);
  const atRiskBelow = useApp((s) => s.atRiskBelow);
  return useMemo(() => {
    if (!stored?.ok)
      return {
        columns: null,
        slipping: null,
        slippingCount: 0,
        atRiskBelow,
        pAliveNote: undefined,
      };
    const { clv, pAlive, expectedPurchases90 } = stored.customers;
    const picked = slippingCustomers(stored.customers, atRiskBelow).customers;
    const slipping = new Uint8Array(clv.length);
    for (const i of picked) slipping[i] = 1;
    return {
      columns: { clv, pAlive, expectedPurchases90 },
      slipping,
      slippingCount: picked.length,
      atRiskBelow,
      pAliveNote: stored.dropoutNotEstimable ? DROPOUT_NOT_ESTIMABLE : undefined,
    };
  }, [stored, atRiskBelow]);
}

/** "Valuable but slipping only": the filter, what it means, and its export. */
export function SlippingFilter({
  value,
  checked,
  onChange,
}: {
  value: CustomerValue;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  if (!value.slipping) return null;
  return (
    <div className="field slipping-filter">
      <label
        title={`Top ${formatPercent(VALUABLE_TOP_SHARE)} by predicted value, with a chance of still being active below ${formatPercent(value.atRiskBelow)} (threshold set on the Value tab)`}
      >
        <input
          type="checkbox"
          data-testid="slipping-filter"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        Valuable but slipping only ({formatWhole(value.slippingCount)})
      </label>
      <span className="muted">
        Top {formatPercent(VALUABLE_TOP_SHARE)} by value, chance still active below{' '}
        {formatPercent(value.atRiskBelow)}.
      </span>
      {checked && value.slippingCount > 0 && (
        <button
          type="button"
          className="secondary"
          data-testid="export-slipping-customers"
          onClick={() => void exportSlippingCsv()}
        >
          Export them (CSV)
        </button>
      )}
    </div>
  );
}
