// @sift/excel: spreadsheet bytes (.xlsx, .csv, .tsv, .txt) in, a header and clean rows out,
// and column profiles built from those rows.
export { readSpreadsheet } from './readSpreadsheet.ts';
export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.ts';
export { createColumnProfiler, type ColumnProfile, type ColumnProfiler, type ColumnType } from './profile/columnProfiler.ts';
export type { CellNote, CellNoteKind, CellValue, ReadOptions, ReadProgress, ReadSummary, SheetListing } from './types.ts';
export { decodeText, type TextDecodeResult } from './csv/decode.ts';
export { needsReplacement, storableText } from './storableText.ts';
export { durationSeconds, durationText } from './duration.ts';
