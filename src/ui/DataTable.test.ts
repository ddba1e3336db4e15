/**
 * The table component renders the markup the screens used to write by hand: the `data` class,
 * column headers with `num` on numbers, row headers, cell classes and attributes, a footer.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataTableProps } from './DataTable.tsx';

interface Row {
  k: number;
  name: string;
  share: number;
}

const rows: Row[] = [
  { k: 2, name: 'Champions', share: 0.25 },
  { k: 3, name: 'At risk', share: 0.75 },
];

const render = (props: DataTableProps<Row>) =>
  renderToStaticMarkup(createElement(DataTable<Row>, props));

describe('DataTable', () => {
  it('writes the same markup as a hand-written table', () => {
    const html = render({
      className: 'choosek-table',
      testId: 'k-table',
      rows,
      rowKey: (r) => r.k,
      rowProps: (r) => ({ className: r.k === 3 ? 'chosen' : undefined, 'data-k': r.k }),
      columns: [
        { header: 'k', rowHeader: true, cell: (r) => r.k },
        { header: 'Name', cellClass: 'name-cell', cell: (r) => r.name },
        {
          header: 'Share',
          num: true,
          headerProps: { title: 'Share of customers' },
          cellProps: (r) => ({ 'data-label': 'Share', 'data-value': r.share }),
          cell: (r) => `${r.share * 100}%`,
        },
      ],
      foot: createElement('tr', null, createElement('th', { scope: 'row' }, 'All')),
    });
    expect(html).toBe(
      '<table class="data choosek-table" data-testid="k-table">' +
        '<thead><tr><th scope="col">k</th><th scope="col">Name</th>' +
        '<th scope="col" class="num" title="Share of customers">Share</th></tr></thead>' +
        '<tbody>' +
        '<tr data-k="2"><th scope="row">2</th><td class="name-cell">Champions</td>' +
        '<td class="num" data-label="Share" data-value="0.25">25%</td></tr>' +
        '<tr class="chosen" data-k="3"><th scope="row">3</th><td class="name-cell">At risk</td>' +
        '<td class="num" data-label="Share" data-value="0.75">75%</td></tr>' +
        '</tbody><tfoot><tr><th scope="row">All</th></tr></tfoot></table>',
    );
  });

  it('has only the data class and no test id or footer unless given', () => {
    const html = render({
      rows: [],
      rowKey: (r) => r.k,
      columns: [{ header: 'k', cell: (r) => r.k }],
    });
    expect(html).toBe(
      '<table class="data"><thead><tr><th scope="col">k</th></tr></thead><tbody></tbody></table>',
    );
  });
});
