import type { PaginationState, SortingState, Updater } from '@tanstack/react-table';
import { useEffect, useId, useMemo, useState } from 'react';
import type { PreparedView, SegmentView } from '../../core/results.ts';
import { useApp } from '../../store/store.ts';
import { formatWhole } from '../../ui/format.ts';
import { CustomerExportButtons } from '../export/CustomerExportButtons.tsx';
import { CustomerDetailPanel } from './CustomerDetailPanel.tsx';
import { CustomerTable } from './CustomerTable.tsx';
import { countryRanks, type CustomerColumn, filterOrder, sortedOrder } from './customer-rows.ts';
import { SlippingFilter, useCustomerValue } from './SlippingFilter.tsx';
import './CustomersScreen.css';

const PAGE_SIZE = 50;
/** Long enough to skip the scans between keystrokes, short enough to feel live. */
const SEARCH_DELAY_MS = 150;

export function CustomersScreen() {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  if (!prepared || !segmentation) return <p className="busy">Finding segments…</p>;
  return <Customers customers={prepared.customers} segmentation={segmentation} />;
}

function Customers({
  customers,
  segmentation,
}: {
  customers: PreparedView['customers'];
  segmentation: SegmentView;
}) {
  const { labels, segments } = segmentation;
  const selected = useApp((s) => s.selectedCustomer);
  const searchId = useId();
  const filterId = useId();

  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [segment, setSegment] = useState<number | null>(null);
  const [onlySlipping, setOnlySlipping] = useState(false);
  const value = useCustomerValue();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'id', desc: false }]);
  const [pagination, setPagination] = useState<PaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  });

  useEffect(() => {
    if (searchText === query) return;
    const timer = setTimeout(() => {
      setQuery(searchText);
      setPagination((p) => ({ ...p, pageIndex: 0 }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, query]);

  const countryRank = useMemo(() => countryRanks(customers.country), [customers]);
  const lowerIds = useMemo(() => customers.ids.map((id) => id.toLowerCase()), [customers]);
  const sortKey = sorting[0] ?? { id: 'id', desc: false };
  const order = useMemo(
    () =>
      sortedOrder(
        customers,
        labels,
        countryRank,
        { column: sortKey.id as CustomerColumn, desc: sortKey.desc },
        value.columns,
      ),
    [customers, labels, countryRank, sortKey.id, sortKey.desc, value.columns],
  );
  // A segment number from another k would filter everything out.
  const segmentFilter = segment !== null && segment < segments.length ? segment : null;
  const rows = useMemo(
    () =>
      filterOrder(order, lowerIds, labels, {
        query,
        segment: segmentFilter,
        only: onlySlipping ? value.slipping : null,
      }),
    [order, lowerIds, labels, query, segmentFilter, onlySlipping, value.slipping],
  );
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pageIndex = Math.min(pagination.pageIndex, pageCount - 1);
  const pageRows = useMemo(
    () => Array.from(rows.subarray(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE)),
    [rows, pageIndex],
  );

  const onSortingChange = (updater: Updater<SortingState>) => {
    setSorting(updater);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };
  const goTo = (index: number) =>
    setPagination((p) => ({ ...p, pageIndex: Math.max(0, Math.min(index, pageCount - 1)) }));

  return (
    <div className="customers-screen">
      <header className="screen-heading">
        <h2>Customers</h2>
        <p className="muted">
          {formatWhole(customers.ids.length)} customers. Sort by any column, search by customer id,
          and select a row to see the customer's profile.
        </p>
      </header>
      <section className="card">
        <div className="customer-controls">
          <div className="field">
            <label htmlFor={searchId}>Search customer id</label>
            <input
              id={searchId}
              type="search"
              data-testid="customer-search"
              placeholder="e.g. 12347"
              autoComplete="off"
              spellCheck={false}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={filterId}>Segment</label>
            <select
              id={filterId}
              value={segmentFilter ?? ''}
              onChange={(e) => {
                setSegment(e.target.value === '' ? null : Number(e.target.value));
                setPagination((p) => ({ ...p, pageIndex: 0 }));
              }}
            >
              <option value="">All segments</option>
              {segments.map((s) => (
                <option key={s.cluster} value={s.cluster}>
                  {s.cluster + 1}. {s.name}
                </option>
              ))}
            </select>
          </div>
          <SlippingFilter
            value={value}
            checked={onlySlipping}
            onChange={(on) => {
              setOnlySlipping(on);
              setPagination((p) => ({ ...p, pageIndex: 0 }));
            }}
          />
          <p className="match-count" aria-live="polite">
            {rows.length === customers.ids.length
              ? `${formatWhole(rows.length)} customers`
              : `${formatWhole(rows.length)} of ${formatWhole(customers.ids.length)} customers match`}
          </p>
        </div>
        <div className="customer-export" data-testid="customer-export">
          <span>
            Export {rows.length === customers.ids.length ? 'all' : 'these'}{' '}
            {formatWhole(rows.length)} customers:
          </span>
          <CustomerExportButtons
            testId="export-view"
            view={{
              only: rows,
              part:
                query.trim() !== ''
                  ? '-filtered'
                  : segmentFilter !== null
                    ? `-segment-${segmentFilter + 1}`
                    : '',
            }}
          />
        </div>
        <CustomerTable
          customers={customers}
          labels={labels}
          segments={segments}
          pageRows={pageRows}
          rowCount={rows.length}
          sorting={sorting}
          onSortingChange={onSortingChange}
          pagination={{ pageIndex, pageSize: PAGE_SIZE }}
          onPaginationChange={setPagination}
          selected={selected}
          value={value.columns}
          pAliveNote={value.pAliveNote}
        />
        {value.pAliveNote && <p className="dropout-note">* {value.pAliveNote}.</p>}
        <nav className="pager" aria-label="Customer pages">
          <button
            type="button"
            className="secondary"
            onClick={() => goTo(0)}
            disabled={pageIndex === 0}
            aria-label="First page"
          >
            «
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => goTo(pageIndex - 1)}
            disabled={pageIndex === 0}
          >
            Previous
          </button>
          <span className="page-of">
            Page {formatWhole(pageIndex + 1)} of {formatWhole(pageCount)}
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => goTo(pageIndex + 1)}
            disabled={pageIndex >= pageCount - 1}
          >
            Next
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => goTo(pageCount - 1)}
            disabled={pageIndex >= pageCount - 1}
            aria-label="Last page"
          >
            »
          </button>
        </nav>
      </section>
      <CustomerDetailPanel segments={segments} />
    </div>
  );
}
