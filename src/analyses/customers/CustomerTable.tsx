import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type PaginationState,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import type { SegmentProfile } from '../../core/cluster/segments.ts';
import type { PreparedView } from '../../core/results.ts';
import type { FeatureName } from '../../core/types.ts';
import { segmentColour } from '../../charts/palette.ts';
import { selectCustomer } from '../../store/actions.ts';
import { formatMoney, formatPercent, formatWhole } from '../../ui/format.ts';
import type { ValueColumn, ValueColumns } from './customer-rows.ts';

const VALUE_COLUMN_DEFS: {
  column: ValueColumn;
  header: string;
  title: string;
  format: (x: number) => string;
}[] = [
  {
    column: 'clv',
    header: 'Value',
    title: 'Predicted spend over the coming months (Value tab), discounted',
    format: formatMoney,
  },
  {
    column: 'pAlive',
    header: 'Active',
    title: 'Chance the customer still buys from you',
    format: formatPercent,
  },
  {
    column: 'expectedPurchases90',
    header: 'Orders 90 d',
    title: 'Order days expected in the next 90 days',
    format: (x) => x.toFixed(2),
  },
];

interface Props {
  customers: PreparedView['customers'];
  labels: Int32Array;
  segments: readonly SegmentProfile[];
  /** Customer indices of the page on screen (at most one page: the table renders only these). */
  pageRows: number[];
  rowCount: number;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  pagination: PaginationState;
  onPaginationChange: OnChangeFn<PaginationState>;
  selected: number | null;
  /** Lifetime value columns, once computed (shown as … until then). */
  value?: ValueColumns | null | undefined;
  /** Why P(alive) says little on this file (SPEC boundary sentence), shown in its header. */
  pAliveNote?: string | undefined;
}

const FEATURE_COLUMNS: { feature: FeatureName; header: string; title: string; money?: boolean }[] =
  [
    { feature: 'Recency', header: 'Recency', title: 'Days since the last purchase' },
    { feature: 'Frequency', header: 'Frequency', title: 'Number of orders' },
    { feature: 'Monetary', header: 'Monetary', title: 'Total revenue', money: true },
    { feature: 'TotalQuantity', header: 'Quantity', title: 'Total quantity bought' },
    { feature: 'UniqueProducts', header: 'Products', title: 'Number of different products bought' },
    { feature: 'Tenure', header: 'Tenure', title: 'Days since the first purchase' },
    { feature: 'AvgOrderValue', header: 'Avg order', title: 'Average order value', money: true },
  ];

/**
 * The customers table. Sorting, search and paging happen on index arrays outside (manual mode),
 * so react-table only ever sees the 50 rows on screen; it owns the header and sorting state.
 */
export function CustomerTable(props: Props) {
  const { customers, labels, segments, pageRows, rowCount, selected, value, pAliveNote } = props;

  const columns = useMemo<ColumnDef<number>[]>(
    () => [
      {
        id: 'id',
        header: 'Customer',
        accessorFn: (i) => customers.ids[i],
        cell: ({ row }) => <span className="customer-id">{customers.ids[row.original]}</span>,
        sortDescFirst: false,
      },
      {
        id: 'segment',
        header: 'Segment',
        accessorFn: (i) => labels[i],
        sortDescFirst: false,
        cell: ({ row }) => {
          const cluster = labels[row.original] ?? 0;
          return (
            <span className="nowrap">
              <span
                className="swatch"
                style={{ background: segmentColour(cluster) }}
                aria-hidden="true"
              />
              {segments[cluster]?.name ?? `Segment ${cluster + 1}`}
            </span>
          );
        },
      },
      ...FEATURE_COLUMNS.map(({ feature, header, title, money }): ColumnDef<number> => ({
        id: feature,
        header: () => <span title={title}>{header}</span>,
        accessorFn: (i) => customers.features[feature][i],
        sortDescFirst: feature !== 'Recency',
        meta: { numeric: true },
        cell: ({ row }) => {
          const value = customers.features[feature][row.original] ?? 0;
          return money ? formatMoney(value) : formatWhole(value);
        },
      })),
      ...VALUE_COLUMN_DEFS.map(({ column, header, title, format }): ColumnDef<number> => ({
        id: column,
        header: () => (
          <span title={column === 'pAlive' && pAliveNote ? `${title}. ${pAliveNote}.` : title}>
            {header}
            {column === 'pAlive' && pAliveNote ? ' *' : ''}
          </span>
        ),
        // Sorting happens outside (customer-rows.ts); an accessor makes the column sortable.
        accessorFn: (i) => value?.[column][i],
        sortDescFirst: true,
        meta: { numeric: true },
        cell: ({ row }) => {
          const x = value?.[column][row.original];
          return x === undefined ? '…' : Number.isNaN(x) ? '–' : format(x);
        },
      })),
      {
        id: 'country',
        header: 'Country',
        accessorFn: (i) => customers.country[i],
        sortDescFirst: false,
        cell: ({ row }) => customers.country[row.original],
      },
    ],
    [customers, labels, segments, value, pAliveNote],
  );

  const table = useReactTable({
    data: pageRows,
    columns,
    getRowId: (i) => String(i),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    rowCount,
    state: { sorting: props.sorting, pagination: props.pagination },
    onSortingChange: props.onSortingChange,
    onPaginationChange: props.onPaginationChange,
  });

  return (
    <div className="table-scroll">
      <table className="data customer-table" data-testid="customer-table">
        <caption className="visually-hidden">
          Customers, {rowCount} shown across pages. Select a row to open the customer's profile.
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)
                  ?.numeric;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={numeric ? 'num' : undefined}
                    aria-sort={
                      sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                    }
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              tabIndex={0}
              className={row.original === selected ? 'customer-row selected' : 'customer-row'}
              aria-selected={row.original === selected}
              data-customer={customers.ids[row.original]}
              onClick={() => void selectCustomer(row.original)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  void selectCustomer(row.original);
                }
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={
                    (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric
                      ? 'num'
                      : undefined
                  }
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
          {pageRows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted empty-row">
                No customers match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
