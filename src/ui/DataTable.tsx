import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

/** Data attributes, which React's attribute types do not list. */
type DataAttributes = { [name: `data-${string}`]: string | number | undefined };

export interface Column<Row> {
  header: ReactNode;
  /** A number: right-aligned (class `num`) in the header and the cells. */
  num?: boolean;
  /** The header cell's own attributes (a `title` explaining it, say). */
  headerProps?: ThHTMLAttributes<HTMLTableCellElement>;
  /** Whether this column names the row (`<th scope="row">`) rather than holding data. */
  rowHeader?: boolean;
  cell: (row: Row, index: number) => ReactNode;
  /** The cell's class; `num` columns default to `num`. */
  cellClass?: string;
  /** More attributes of each cell (test ids, labels for the phone layout). */
  cellProps?: (row: Row, index: number) => TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;
}

export interface DataTableProps<Row> {
  /** Added to the `data` class every table has. */
  className?: string;
  testId?: string | undefined;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  rowProps?: (row: Row, index: number) => HTMLAttributes<HTMLTableRowElement> & DataAttributes;
  /** Rows of a footer (totals, averages). */
  foot?: ReactNode;
}

/**
 * The app's data table: a header row of column titles, one row per item, an optional footer. The
 * screens say what each column shows; the markup (scopes, number alignment) is the same everywhere.
 */
export function DataTable<Row>({
  className,
  testId,
  columns,
  rows,
  rowKey,
  rowProps,
  foot,
}: DataTableProps<Row>) {
  return (
    <table className={className ? `data ${className}` : 'data'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, c) => (
            <th
              key={c}
              scope="col"
              className={column.num ? 'num' : undefined}
              {...column.headerProps}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)} {...rowProps?.(row, i)}>
            {columns.map((column, c) => {
              const content = column.cell(row, i);
              if (column.rowHeader)
                return (
                  <th key={c} scope="row" {...column.cellProps?.(row, i)}>
                    {content}
                  </th>
                );
              return (
                <td
                  key={c}
                  className={column.cellClass ?? (column.num ? 'num' : undefined)}
                  {...column.cellProps?.(row, i)}
                >
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {foot !== undefined && <tfoot>{foot}</tfoot>}
    </table>
  );
}
