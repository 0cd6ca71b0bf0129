// Spreadsheet rows to records, with a column mapping (from mapColumns or the researcher): serves
// XLSX sheets read by @sift/excel and CSV/TSV exports (Scopus, Web of Science tab-delimited, CNKI)
// alike. Author cells come in many list styles; the split rules below say which.
import { buildReport, emptyRecord, type ImportReport, type LiteratureRecord, type SkippedEntry } from '../record.ts';
import { cleanMarkup, cleanText, formatAuthors, joinPages, normaliseDoi, normalisePmid, parseYear, splitKeywords } from '../text.ts';
import type { ColumnMapping, LiteratureField } from './columns.ts';

export type RowCell = string | number | boolean | null | undefined;

export interface RowsOptions {
  sourceFile?: string | null;
  /** Number shown in the report for rows[0] (default 2: the row after a header in row 1). */
  firstRowNumber?: number;
}

/** Records from rows; blank rows are passed over, rows without title and abstract are reported. */
export function recordsFromRows(
  headers: readonly string[],
  rows: readonly (readonly RowCell[])[],
  mapping: ColumnMapping,
  options: RowsOptions = {},
): { records: LiteratureRecord[]; report: ImportReport } {
  const records: LiteratureRecord[] = [];
  const skipped: SkippedEntry[] = [];
  const first = options.firstRowNumber ?? 2;
  rows.forEach((row, index) => {
    if (row.every((cell) => cellText(cell) === null)) return;
    const raw = JSON.stringify(Object.fromEntries(headers.map((header, column) => [header, row[column] ?? null])));
    const record = recordFromRow(row, mapping, raw, options.sourceFile ?? null);
    if (record.title === null && record.abstract === null) skipped.push({ line: first + index, reason: 'Row has no title and no abstract' });
    else records.push(record);
  });
  return { records, report: buildReport(records, skipped) };
}

export function recordFromRow(row: readonly RowCell[], mapping: ColumnMapping, raw: string, sourceFile: string | null): LiteratureRecord {
  const cell = (field: LiteratureField) => {
    const column = mapping[field];
    return column === undefined ? null : cellText(row[column]);
  };
  const record = emptyRecord(raw, sourceFile);
  record.title = cleanMarkup(cell('title'));
  record.abstract = cleanMarkup(cell('abstract'));
  record.authors = formatAuthors(splitAuthorList(cell('authors')));
  record.year = parseYear(cell('year'));
  record.journal = cleanMarkup(cell('journal'));
  record.volume = cleanText(cell('volume'));
  record.issue = cleanText(cell('issue'));
  record.pages = joinPages(cell('pages'), cell('endPage')) ?? cell('articleNumber');
  record.doi = normaliseDoi(cell('doi'));
  record.pmid = normalisePmid(cell('pmid'));
  record.keywords = splitKeywords([cell('keywords')], /[;；\n\r]+/);
  record.language = cleanText(cell('language'));
  record.publicationType = cleanText(cell('publicationType'));
  return record;
}

function cellText(cell: RowCell): string | null {
  if (cell === null || cell === undefined) return null;
  return cleanText(String(cell));
}

/**
 * One cell of authors to a list. Semicolons separate authors wherever they appear (Scopus,
 * Web of Science, CNKI); then Chinese list marks (、，); then commas, where "Smith J., Doe A."
 * (every part has a space) is a list but "Smith, John" is one name; then spaces between Chinese names.
 */
export function splitAuthorList(value: string | null): string[] {
  if (!value) return [];
  if (/[;；]/.test(value)) return value.split(/[;；]/);
  if (/[、，]/.test(value)) return value.split(/[、，]/);
  if (value.includes(',')) {
    const parts = value.split(',').map((part) => part.trim());
    if (parts.length === 2 && !parts.every((part) => part.includes(' '))) return [value];
    return parts;
  }
  if (CJK_NAMES.test(value)) return value.split(/\s+/);
  return [value];
}

const CJK_NAMES = /^[\u3400-\u9fff·]+(?:\s+[\u3400-\u9fff·]+)+$/;
