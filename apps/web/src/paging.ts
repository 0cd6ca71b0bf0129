// Paging and sorting rules of the server-paged tables, kept apart from React so they can be
// unit-tested: which sort a header click leads to, where a new page size starts, and the
// "Rows a–b of n" / "Records a–b of n" lines. Spreadsheet previews sort by column index; the
// records and review tables by a named key.
import { formatCount } from './format.ts';
import type { RecordSortKey, RowSort, SortDirection } from './trpc.ts';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** A header click cycles that column ascending → descending → file order; another column starts ascending. */
export function nextSort(current: RowSort | null, column: number): RowSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

export function ariaSort(current: RowSort | null, column: number): 'ascending' | 'descending' | undefined {
  if (current?.column !== column) return undefined;
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

/** With a new page size, the page that still holds the first row shown. */
export function offsetForPageSize(offset: number, pageSize: number): number {
  return Math.floor(offset / pageSize) * pageSize;
}

export function rowRangeLabel(offset: number, pageSize: number, rowCount: number): string {
  if (rowCount === 0) return 'No rows';
  const last = Math.min(offset + pageSize, rowCount);
  return `Rows ${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(rowCount)}`;
}

export const RECORDS_PAGE_SIZE = 50;

export interface RecordSort {
  key: RecordSortKey;
  direction: SortDirection;
}

/** A header click cycles that column ascending → descending → file order; another column starts ascending. */
export function nextRecordSort(current: RecordSort | null, key: RecordSortKey): RecordSort | null {
  if (current?.key !== key) return { key, direction: 'asc' };
  return current.direction === 'asc' ? { key, direction: 'desc' } : null;
}

export function recordAriaSort(current: RecordSort | null, key: RecordSortKey | null): 'ascending' | 'descending' | undefined {
  if (key === null || current?.key !== key) return undefined;
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

/** The pager's range line; `total` is undefined until the first page has arrived. */
export function recordRangeLabel(offset: number, pageSize: number, total: number | undefined): string {
  if (total === undefined) return 'Loading records…';
  if (total === 0) return 'No records';
  return `Records ${formatCount(offset + 1)}–${formatCount(Math.min(offset + pageSize, total))} of ${formatCount(total)}`;
}
