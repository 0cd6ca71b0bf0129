// The preview's rules: what a header click sorts by, where a new page size starts, the range line.
import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, offsetForPageSize, rowRangeLabel } from '../src/paging.ts';

describe('nextSort', () => {
  it('cycles one column ascending, descending, then file order', () => {
    const asc = nextSort(null, 2);
    expect(asc).toEqual({ column: 2, direction: 'asc' });
    const desc = nextSort(asc, 2);
    expect(desc).toEqual({ column: 2, direction: 'desc' });
    expect(nextSort(desc, 2)).toBeNull();
  });

  it('starts another column ascending', () => {
    expect(nextSort({ column: 2, direction: 'desc' }, 0)).toEqual({ column: 0, direction: 'asc' });
  });
});

describe('ariaSort', () => {
  it('marks only the sorted column', () => {
    expect(ariaSort({ column: 1, direction: 'asc' }, 1)).toBe('ascending');
    expect(ariaSort({ column: 1, direction: 'desc' }, 1)).toBe('descending');
    expect(ariaSort({ column: 1, direction: 'desc' }, 0)).toBeUndefined();
    expect(ariaSort(null, 0)).toBeUndefined();
  });
});

describe('offsetForPageSize', () => {
  it('keeps the first row shown on the new page', () => {
    expect(offsetForPageSize(50, 25)).toBe(50);
    expect(offsetForPageSize(75, 50)).toBe(50);
    expect(offsetForPageSize(150, 200)).toBe(0);
    expect(offsetForPageSize(0, 100)).toBe(0);
  });
});

describe('rowRangeLabel', () => {
  it('reads as the pager shows it, the last page cut at the row count', () => {
    expect(rowRangeLabel(50, 50, 3339)).toBe('Rows 51–100 of 3,339');
    expect(rowRangeLabel(3300, 50, 3339)).toBe('Rows 3,301–3,339 of 3,339');
    expect(rowRangeLabel(0, 25, 0)).toBe('No rows');
  });
});
