// A ready task's clean data: the sheet, its size, and the rows a page at a time, read from
// the rows the worker saved (nothing is re-parsed).
import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { formatCell, formatCount, plural } from '../format.ts';
import { trpc } from '../trpc.ts';

const PAGE_SIZE = 50;

export function DatasetTable({ taskId }: { taskId: string }) {
  const [offset, setOffset] = useState(0);
  const dataset = trpc.getDataset.useQuery({ taskId }, { staleTime: Infinity });
  const page = trpc.getDatasetRows.useQuery(
    { taskId, offset, limit: PAGE_SIZE },
    { staleTime: Infinity, placeholderData: keepPreviousData },
  );

  if (dataset.isError) {
    return (
      <p className="message error" role="alert">
        Could not load the dataset: {dataset.error.message}
      </p>
    );
  }
  if (!dataset.data) return <p className="muted">Loading the dataset…</p>;

  const { sheetName, columns, rowCount } = dataset.data;
  const rows = page.data?.rows ?? [];
  const firstRow = page.data?.offset ?? offset;
  const shownFrom = rowCount === 0 ? 0 : offset + 1;
  const shownTo = Math.min(offset + PAGE_SIZE, rowCount);

  return (
    <div className="dataset">
      <h4 className="dataset-title">Sheet “{sheetName}”</h4>
      <p className="dataset-size">
        {plural(rowCount, 'row', 'rows')} × {plural(columns.length, 'column', 'columns')}
      </p>
      <div className="table-scroll" role="region" aria-label={`Rows of ${sheetName}`} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col" className="row-number">
                Row
              </th>
              {columns.map((column, index) => (
                <th scope="col" key={index}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={firstRow + rowIndex}>
                <th scope="row" className="row-number">
                  {formatCount(firstRow + rowIndex + 1)}
                </th>
                {columns.map((_, colIndex) => (
                  <td key={colIndex}>{formatCell(row[colIndex] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.isError && (
        <p className="message error" role="alert">
          Could not load these rows: {page.error.message}
        </p>
      )}
      <nav className="pager" aria-label={`Pages of ${sheetName}`}>
        <button type="button" className="button secondary" onClick={() => setOffset(offset - PAGE_SIZE)} disabled={offset === 0}>
          Previous page
        </button>
        <span aria-live="polite">
          Rows {formatCount(shownFrom)}–{formatCount(shownTo)} of {formatCount(rowCount)}
        </span>
        <button
          type="button"
          className="button secondary"
          onClick={() => setOffset(offset + PAGE_SIZE)}
          disabled={offset + PAGE_SIZE >= rowCount}
        >
          Next page
        </button>
      </nav>
    </div>
  );
}
