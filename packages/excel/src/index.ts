// @sift/excel: spreadsheet bytes (.xlsx, .csv, .tsv, .txt) in, a header and clean rows out.
export { readSpreadsheet } from './readSpreadsheet.ts';
export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.ts';
export type { CellValue, ReadOptions, ReadProgress, ReadSummary } from './types.ts';
