// The one error type callers see for bad input, and the wording of each case: every
// message says what is wrong and what the researcher can do about it.
import { MAX_COLUMNS, MAX_ROWS, MAX_TABLE_CELLS } from './limits.ts';
import type { SheetListing } from './types.ts';

export type SpreadsheetErrorCode = 'empty' | 'corrupt' | 'unsupported' | 'no_header' | 'no_sheet' | 'too_large';

export class SpreadsheetError extends Error {
  readonly code: SpreadsheetErrorCode;
  /**
   * The workbook's sheets, when they were listed before the error, and the one that failed (when
   * one was picked): a sheet that cannot be read must not hide the others from the researcher.
   */
  workbook: { sheets: SheetListing[]; failedSheet: string | undefined } | undefined;

  constructor(code: SpreadsheetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpreadsheetError';
    this.code = code;
  }
}

/** 2147483648 => "2,048 MB". */
function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;
}

/** '"Data", "Lookup" (hidden)': the sheets as the researcher can choose them. */
function sheetList(sheets: readonly { name: string; hidden: boolean }[]): string {
  return sheets.map((sheet) => `"${sheet.name}"${sheet.hidden ? ' (hidden)' : ''}`).join(', ');
}

const RESAVE_XLSX = 'Open it in Excel, choose File > Save As > Excel Workbook (.xlsx), and upload the .xlsx file.';

export const spreadsheetErrors = {
  emptyFile: () =>
    new SpreadsheetError('empty', 'This file is empty (0 bytes). Check that the export finished, then upload the file again.'),
  noRows: (what: string) =>
    new SpreadsheetError('empty', `${what} has no data: every row is blank. Check that you exported the right file, then upload it again.`),
  firstSheetEmpty: (sheetName: string) =>
    new SpreadsheetError(
      'no_header',
      `The first sheet "${sheetName}" is empty, so there is no header row to read. Move your table to the first sheet, with the column names in its first row, and upload the workbook again.`,
    ),
  chosenSheetEmpty: (sheetName: string) =>
    new SpreadsheetError(
      'no_header',
      `The sheet "${sheetName}" is empty, so there is no header row to read. Choose the sheet that holds your table, or put the table in "${sheetName}" with the column names in its first row and upload the workbook again.`,
    ),
  noSuchSheet: (sheetName: string, sheets: readonly { name: string; hidden: boolean }[]) =>
    new SpreadsheetError(
      'no_sheet',
      `There is no sheet named "${sheetName}" in this file. Its sheets are ${sheetList(sheets)}: choose one of them.`,
    ),
  notATableSheet: (sheetName: string, worksheets: readonly { name: string; hidden: boolean }[]) =>
    new SpreadsheetError(
      'no_sheet',
      `The sheet "${sheetName}" is a chart, not a table, so it has no rows to read. Choose one of the worksheets: ${sheetList(worksheets)}.`,
    ),
  damagedZip: (detail: string, cause?: unknown) =>
    new SpreadsheetError(
      'corrupt',
      `This file is not a readable .xlsx workbook (${detail}). Re-save it from Excel as .xlsx and upload it again.`,
      { cause },
    ),
  partTooLarge: (part: string, limitBytes: number) =>
    new SpreadsheetError(
      'too_large',
      `This workbook's part ${part} unpacks to more than ${formatMegabytes(limitBytes)}, more than Sift reads from one file. If the data is real, split it into smaller workbooks or save it as CSV; if not, the file is damaged: re-save it from Excel as .xlsx and upload it again.`,
    ),
  fileTooLarge: (limitBytes: number) =>
    new SpreadsheetError(
      'too_large',
      `This workbook unpacks to more than ${formatMegabytes(limitBytes)} in all, more than Sift reads from one file. If the data is real, split it into smaller workbooks or save each sheet as CSV; if not, the file is damaged: re-save it from Excel as .xlsx and upload it again.`,
    ),
  tooManyRows: (part: string) =>
    new SpreadsheetError(
      'too_large',
      `This workbook's part ${part} unpacks to more than ${MAX_ROWS.toLocaleString('en-US')} rows, more than an Excel sheet can hold: the file is damaged or built to overload readers (a "zip bomb"). Open it in Excel, save it again as .xlsx or export the data as CSV, and upload that file.`,
    ),
  emptyRows: (sheetName: string, lastRowWithValue: number, limitBytes: number) =>
    new SpreadsheetError(
      'too_large',
      `The sheet "${sheetName}" goes on for more than ${formatMegabytes(limitBytes)} of empty rows ${lastRowWithValue > 0 ? `after its last value (row ${lastRowWithValue.toLocaleString('en-US')})` : 'without a single value'}, which Excel writes when formatting covers rows nobody filled in. Delete the empty rows ${lastRowWithValue > 0 ? `below row ${lastRowWithValue.toLocaleString('en-US')}` : 'of the sheet'} (select them, right-click, Delete), save the workbook and upload it again.`,
    ),
  tooManyColumns: (columns: number) =>
    new SpreadsheetError(
      'too_large',
      `This file has ${columns.toLocaleString('en-US')} columns, more than the ${MAX_COLUMNS.toLocaleString('en-US')} columns a spreadsheet can have. Check that it was exported with the right delimiter, or split its columns into several files, and upload it again.`,
    ),
  tooManyCells: (rows: number, columns: number) =>
    new SpreadsheetError(
      'too_large',
      `This sheet spans more than ${rows.toLocaleString('en-US')} rows of ${columns.toLocaleString('en-US')} columns: over ${MAX_TABLE_CELLS.toLocaleString('en-US')} cells counting the empty ones, more than Sift reads from one sheet. Delete the empty rows and columns around the table, or split it into smaller files, and upload it again.`,
    ),
  xmlDoctype: (part: string) =>
    new SpreadsheetError(
      'corrupt',
      `This workbook's part ${part} contains a <!DOCTYPE> declaration, which Excel never writes and which can make XML readers expand text without end: the file was altered or built to attack readers. Open it in Excel, save it again as .xlsx, and upload that file.`,
    ),
  notAWorkbook: () =>
    new SpreadsheetError(
      'corrupt',
      'This file is named like an Excel workbook but is not one (it is not a zip archive). Re-save it from Excel as .xlsx, or export the data as CSV, and upload it again.',
    ),
  legacyXls: () =>
    new SpreadsheetError('unsupported', `This is a legacy Excel 97-2003 workbook (.xls), which Sift cannot read. ${RESAVE_XLSX}`),
  passwordProtected: () =>
    new SpreadsheetError(
      'unsupported',
      'This workbook is password-protected, so Sift cannot read it. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save it as .xlsx and upload it again.',
    ),
  otherZipFormat: (kind: string) =>
    new SpreadsheetError('unsupported', `This is ${kind}, not an Excel .xlsx workbook. ${RESAVE_XLSX}`),
  /** `kind`: "an Excel 2003 XML spreadsheet (SpreadsheetML)", "a web page", ... */
  markupFile: (kind: string) => new SpreadsheetError('unsupported', `This file is ${kind}, not an .xlsx workbook or a CSV file, so Sift cannot read it. ${RESAVE_XLSX}`),
  binaryText: () =>
    new SpreadsheetError(
      'corrupt',
      'This file does not look like a CSV text file (it contains binary data). If it is an Excel workbook, name it .xlsx; otherwise export the data again as CSV (UTF-8) and upload it.',
    ),
  unclosedQuote: (row: number) =>
    new SpreadsheetError(
      'corrupt',
      `A quote (") opens a field in row ${row} of this file (counting the header as row 1) but never closes it, so the rest of the file would be one value. The file was cut short, or a value has a stray quote: export the file again, or fix that quote in a text editor, and upload it again.`,
    ),
  /** Something inside the file broke the reader in a way none of the checks above foresaw. */
  unreadable: (fileName: string, cause: unknown) =>
    new SpreadsheetError(
      'corrupt',
      `Sift could not read "${fileName}": the file appears to be damaged. Open it in Excel, save it again as .xlsx or CSV, and upload it again.`,
      { cause },
    ),
  unknownExtension: (fileName: string) =>
    new SpreadsheetError(
      'unsupported',
      `Sift cannot read "${fileName}": only .xlsx workbooks and .csv, .tsv or .txt text files are supported. Save the data in one of these formats and upload it again.`,
    ),
};
