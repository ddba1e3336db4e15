import { useEffect, useId, useMemo, useRef } from 'react';
import type { SegmentProfile } from '../../core/cluster/segments.ts';
import type { CustomerDetail } from '../../core/results.ts';
import { FEATURE_NAMES } from '../../core/index.ts';
import { Plot } from '../../charts/Plot.tsx';
import { segmentColour } from '../../charts/palette.ts';
import { MONTHLY_LAYOUT, monthlySpendTrace } from '../../charts/segment-charts.ts';
import { selectCustomer } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { CustomerValueFacts } from './CustomerValueFacts.tsx';
import { DistanceList } from './DistanceList.tsx';
import { FEATURE_LABELS, formatDate, formatFeature, formatPercent } from '../../ui/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';

/** The selected customer's profile, as a panel over the right of the screen. */
export function CustomerDetailPanel({ segments }: { segments: readonly SegmentProfile[] }) {
  const selected = useApp((s) => s.selectedCustomer);
  const detail = useApp((s) => s.customerDetail);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const titleId = useId();

  // Focus moves into the panel when it opens and back to the row when it closes.
  useEffect(() => {
    if (selected === null) return;
    returnFocus.current ??= document.activeElement;
    headingRef.current?.focus();
  }, [selected]);

  if (selected === null) return null;
  const close = () => {
    void selectCustomer(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back instanceof HTMLElement) back.focus();
  };

  return (
    <aside
      className="customer-detail"
      data-testid="customer-detail"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <div className="detail-head">
        <h3 id={titleId} ref={headingRef} tabIndex={-1}>
          Customer {detail?.id ?? '…'}
        </h3>
        <button
          type="button"
          className="secondary"
          onClick={close}
          aria-label="Close customer profile"
        >
          Close
        </button>
      </div>
      {detail && detail.index === selected ? (
        <DetailBody detail={detail} segments={segments} />
      ) : (
        <p className="busy">Loading…</p>
      )}
    </aside>
  );
}

function DetailBody({
  detail,
  segments,
}: {
  detail: CustomerDetail;
  segments: readonly SegmentProfile[];
}) {
  const own = segments[detail.segment];
  const colour = segmentColour(detail.segment);
  const monthly = useMemo(
    () => [monthlySpendTrace(detail.monthly, colour)],
    [detail.monthly, colour],
  );
  const nearest = detail.distances.reduce(
    (best, d, c) => (d < (detail.distances[best] ?? Infinity) ? c : best),
    0,
  );

  return (
    <>
      <dl className="detail-facts">
        <div>
          <dt>Segment</dt>
          <dd data-testid="detail-segment">
            <span className="swatch" style={{ background: colour }} aria-hidden="true" />
            {own?.name ?? `Segment ${detail.segment + 1}`}
          </dd>
        </div>
        <div>
          <dt>Country</dt>
          <dd>{detail.country || '—'}</dd>
        </div>
        <div>
          <dt>First purchase</dt>
          <dd>{formatDate(detail.firstPurchase)}</dd>
        </div>
        <div>
          <dt>Last purchase</dt>
          <dd>{formatDate(detail.lastPurchase)}</dd>
        </div>
        {detail.hdbscan && (
          <div data-testid="detail-hdbscan">
            <dt>Density group (HDBSCAN)</dt>
            <dd>
              {detail.hdbscan.group < 0
                ? 'None (noise)'
                : `Group ${detail.hdbscan.group + 1}, strength ${formatPercent(detail.hdbscan.strength)}`}
            </dd>
          </div>
        )}
      </dl>
      {own && <p className="detail-action">{own.action}</p>}
      <CustomerValueFacts index={detail.index} />

      <h4>Features</h4>
      <p className="muted small">
        Bars show the percentile among all customers: the share with the same value or less. For
        recency the bar is reversed, as on the segment radar: high means a recent buyer.
      </p>
      <DataTable
        className="detail-features"
        rows={FEATURE_NAMES}
        rowKey={(f) => f}
        rowProps={(f) => ({ 'data-feature': f })}
        columns={[
          { header: 'Feature', rowHeader: true, cell: (f) => FEATURE_LABELS[f] },
          {
            header: 'Value',
            num: true,
            cellProps: (f) => ({ 'data-testid': `detail-${f}`, 'data-value': detail.features[f] }),
            cell: (f) => formatFeature(f, detail.features[f]),
          },
          {
            header: 'Percentile',
            cell: (f) => {
              const pct = detail.scores[f];
              return (
                <span className="pct">
                  <span className="pct-bar" aria-hidden="true">
                    <span style={{ width: `${pct * 100}%`, background: colour }} />
                  </span>
                  <span className="pct-value">{Math.round(pct * 100)}%</span>
                </span>
              );
            },
          },
        ]}
      />

      <h4>Monthly spend</h4>
      <Plot
        data={monthly}
        layout={MONTHLY_LAYOUT}
        label={`Bar chart of customer ${detail.id}'s revenue per month`}
        className="plot plot-small"
      />

      <h4>Distance to each segment centre</h4>
      <p className="muted small">
        In the scaled feature space the segments were found in; the nearest is the customer's
        segment.
      </p>
      <DistanceList distances={detail.distances} segments={segments} own={nearest} />
    </>
  );
}
