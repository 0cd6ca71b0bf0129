// The preview's paging and sorting rules, kept apart from React so they can be unit-tested:
// which sort a header click leads to, where a new page size starts, and the "Rows a–b of n" line.
import { formatCount } from './format.ts';
import type { RowSort } from './trpc.ts';

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
