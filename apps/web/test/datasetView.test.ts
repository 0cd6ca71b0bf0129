// How the dataset view words what the server sends: profile numbers, cell notes, sheet names,
// download addresses.
import { describe, expect, it } from 'vitest';
import { noteText, notesHeadline } from '../src/spreadsheets/CellNotes.tsx';
import { exportUrl } from '../src/spreadsheets/DownloadLinks.tsx';
import { distinctLabel, missingLabel, missingTokensLabel, topValueLabel } from '../src/spreadsheets/ProfilePanel.tsx';
import { sheetLabel } from '../src/spreadsheets/SheetPicker.tsx';
import { formatStat } from '../src/format.ts';
import type { CellNote } from '../src/trpc.ts';

const note = (kind: CellNote['kind'], detail: string): CellNote => ({ row: 4, column: 'Dose', kind, detail });

describe('profile wording', () => {
  it('shows distinct counts exactly, says when every value is unique, and labels a lower bound', () => {
    expect(distinctLabel({ distinct: 3339, distinctCapped: false, missing: 0 }, 3339)).toBe('3,339 · all values unique');
    expect(distinctLabel({ distinct: 3311, distinctCapped: false, missing: 0 }, 3339)).toBe('3,311');
    expect(distinctLabel({ distinct: 42, distinctCapped: false, missing: 8 }, 50)).toBe('42 · all values unique');
    expect(distinctLabel({ distinct: 1, distinctCapped: false, missing: 0 }, 1)).toBe('1');
    expect(distinctLabel({ distinct: 8_000_000, distinctCapped: true, missing: 0 }, 9_000_000)).toBe('at least 8,000,000 (too many to count exactly)');
  });

  it('names the missing-value tokens found', () => {
    expect(missingTokensLabel(undefined)).toBeNull();
    expect(missingTokensLabel([{ value: 'N/A', count: 2 }, { value: '-', count: 1 }])).toBe('N/A × 2, - × 1');
  });

  it('gives missing cells as a count and a share of the rows', () => {
    expect(missingLabel(0, 120)).toBe('0');
    expect(missingLabel(3, 120)).toBe('3 (2.5%)');
    expect(missingLabel(1, 3339)).toBe('1 (<0.1%)');
  });

  it('shows data values as the table does, and rounds computed means', () => {
    expect(formatStat(3339)).toBe('3339');
    expect(formatStat('2024-03-01')).toBe('2024-03-01');
    expect(formatStat(true)).toBe('TRUE');
    expect(formatStat(110.38333333333334, true)).toBe('110.383');
    expect(formatStat(0.000012345678, true)).toBe('0.0000123457');
    expect(formatStat(60, true)).toBe('60');
  });
});

describe('cell notes', () => {
  it('says "read as missing" only when every note is about a missing cell', () => {
    expect(notesHeadline([note('error_value', '#N/A')], 1)).toBe('1 cell was read as missing');
    expect(notesHeadline([note('error_value', '#N/A'), note('formula_without_value', '=A2*2')], 2)).toBe('2 cells were read as missing');
    expect(notesHeadline([note('number_as_text', '00123')], 1)).toBe('1 number was kept as text');
    expect(notesHeadline([note('error_value', '#N/A'), note('number_as_text', '00123')], 2)).toMatch(/^2 cells were not read as written/);
    // Only the first notes were kept: the rest may be of another kind.
    expect(notesHeadline([note('error_value', '#N/A')], 1500)).toMatch(/^1,500 cells were not read as written/);
  });

  it('explains each note', () => {
    expect(noteText(note('error_value', '#DIV/0!'))).toBe('Excel error #DIV/0!, read as missing');
    expect(noteText(note('formula_without_value', '=A2*2'))).toBe('formula =A2*2 has no saved value, read as missing');
    expect(noteText(note('number_out_of_range', '1e309'))).toBe('1e309 is no number a spreadsheet can hold, read as missing');
    expect(noteText(note('character_replaced', 'a\uFFFDb'))).toMatch(/^a character that cannot be stored .* replaced with \uFFFD: "a\uFFFDb"$/);
    expect(notesHeadline([note('number_out_of_range', 'NaN')], 1)).toBe('1 cell was read as missing');
  });
});

describe('sheets and downloads', () => {
  it('marks hidden sheets', () => {
    expect(sheetLabel({ name: 'Lookup', hidden: true })).toBe('Lookup (hidden)');
    expect(sheetLabel({ name: 'Labs', hidden: false })).toBe('Labs');
  });

  it('points the links at the export route', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(exportUrl(id, 'csv')).toBe(`/api/datasets/${id}/export?format=csv`);
    expect(exportUrl(id, 'xlsx')).toBe(`/api/datasets/${id}/export?format=xlsx`);
  });
});

describe('top values', () => {
  it('reads booleans as the table does', () => {
    expect(topValueLabel('boolean', 'true')).toBe('TRUE');
    expect(topValueLabel('text', 'true')).toBe('true');
    expect(topValueLabel('text', '')).toBe('(blank)');
  });
});
