// A page of the dataset's rows, read from the server a page at a time: the page size, Previous
// and Next, and sorting by a column (a header click cycles ascending, descending, file order).
// The server sorts the whole dataset before paging, so every page follows the chosen order.
import { useId, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { formatCell, formatCount } from '../format.ts';
import { ariaSort, DEFAULT_PAGE_SIZE, nextSort, offsetForPageSize, PAGE_SIZES, rowRangeLabel } from '../paging.ts';
import { trpc, type RowSort } from '../trpc.ts';
import { LoadError } from '../components/LoadError.tsx';
import { Pager } from '../components/Pager.tsx';
import { SortButton } from '../components/SortButton.tsx';
import { useGridKeys } from '../components/gridKeys.ts';

interface PreviewTableProps {
  taskId: string;
  sheetName: string;
  columns: string[];
  rowCount: number;
}

export function PreviewTable({ taskId, sheetName, columns, rowCount }: PreviewTableProps) {
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);
  const [sort, setSort] = useState<RowSort | null>(null);
  const pageSizeId = useId();
  const page = trpc.getDatasetRows.useQuery(
    { taskId, offset, limit: pageSize, ...(sort ? { sort } : {}) },
    { staleTime: Infinity, placeholderData: keepPreviousData },
  );

  const rows = page.data?.rows ?? [];
  const grid = useGridKeys(rows.length + 1, columns.length + 1);
  const gridHelpId = useId();
  const firstRow = page.data?.offset ?? offset;
  const sortBy = (column: number) => {
    setSort(nextSort(sort, column));
    setOffset(0);
  };

  return (
    <div className="preview">
      <p className="muted grid-help" id={gridHelpId}>
        The table is one stop for Tab: move between cells with the arrow keys, Home and End; Enter on a column name sorts by it.
      </p>
      <div className="table-scroll" role="region" aria-label={`Rows of ${sheetName}`} aria-busy={page.isPlaceholderData}>
        <table role="grid" aria-describedby={gridHelpId} aria-rowcount={rowCount + 1} ref={grid.table} onKeyDown={grid.onKeyDown} onFocus={grid.onFocus}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="row-number" title="Position in the order shown" tabIndex={grid.tabIndex(0, 0)}>
                Row
              </th>
              {columns.map((column, index) => {
                const order = ariaSort(sort, index);
                return (
                  <th scope="col" key={index} aria-sort={order} tabIndex={grid.tabIndex(0, index + 1)}>
                    <SortButton label={column} order={order} title={`Sort by ${column}`} onClick={() => sortBy(index)} tabIndex={-1} />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={firstRow + rowIndex} aria-rowindex={firstRow + rowIndex + 2}>
                <th scope="row" className="row-number" tabIndex={grid.tabIndex(rowIndex + 1, 0)}>
                  {formatCount(firstRow + rowIndex + 1)}
                </th>
                {columns.map((_, colIndex) => (
                  <td key={colIndex} tabIndex={grid.tabIndex(rowIndex + 1, colIndex + 1)}>
                    {formatCell(row[colIndex] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadError query={page} what="these rows" />
      <Pager label={`Pages of ${sheetName}`} offset={offset} pageSize={pageSize} total={rowCount} rangeLabel={rowRangeLabel(offset, pageSize, rowCount)} onOffset={setOffset}>
        <span className="page-size">
          <label htmlFor={pageSizeId}>Rows per page</label>
          <select
            id={pageSizeId}
            value={pageSize}
            onChange={(event) => {
              const size = Number(event.target.value);
              setPageSize(size);
              setOffset(offsetForPageSize(offset, size));
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </span>
      </Pager>
    </div>
  );
}
