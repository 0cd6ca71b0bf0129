// The review table's remembered column choice: what storage holds is read back safely.
import { describe, expect, it } from 'vitest';
import { hiddenColumnClasses, parseHiddenColumns } from '../src/screening/columnChoice.ts';

describe('review table columns', () => {
  it('reads back the hidden columns, ignoring anything unknown or unreadable', () => {
    expect(parseHiddenColumns(null)).toEqual([]);
    expect(parseHiddenColumns('["reason","year"]')).toEqual(['year', 'reason']);
    expect(parseHiddenColumns('["title","confidence"]')).toEqual(['confidence']);
    expect(parseHiddenColumns('{"reason":true}')).toEqual([]);
    expect(parseHiddenColumns('not json')).toEqual([]);
  });

  it('hides each column by its position in the table', () => {
    expect(hiddenColumnClasses([])).toBe('');
    expect(hiddenColumnClasses(['confidence', 'year'])).toBe('hide-col-2 hide-col-5');
  });
});
