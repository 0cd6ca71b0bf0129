// The public data shapes of the reader: what callers pass in and get back.

/** A clean cell. Dates are ISO strings: "2024-03-01", "2024-03-01T10:30:00", or "10:30:00" for a time of day alone. */
export type CellValue = string | number | boolean | null;

export interface ReadProgress {
  done: number;
  total: number;
  stage: 'reading sheet';
}

export interface ReadOptions {
  /** Picks the format by extension (.xlsx, .csv, .tsv, .txt); the bytes are sniffed too, so a misnamed file still works. */
  fileName: string;
  /**
   * The sheet to read, by name as listed in `ReadSummary.sheets` (matched ignoring case, as Excel does).
   * Default: the first visible worksheet. An unknown name fails with code 'no_sheet'.
   */
  sheet?: string;
  /** Rows per onRows call, default 1000. */
  batchSize?: number;
  /** Called once, before the first onRows. */
  onColumns: (columns: string[]) => void | Promise<void>;
  /** Awaited before more rows are read (back-pressure); each row has exactly columns.length cells. */
  onRows: (rows: CellValue[][], firstIndex: number) => void | Promise<void>;
  /** Called after every batch; total is exact for CSV and an estimate for xlsx, and done === total at the end. */
  onProgress?: (progress: ReadProgress) => void;
  /** Abort => reading stops at the next chunk or batch and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

// Type aliases rather than interfaces for what callers store as JSON: only aliases are
// assignable to index-signature types such as Prisma's JSON input.
export type SheetListing = {
  name: string;
  /** Hidden or "very hidden" in Excel: not shown as a tab, but still pickable. */
  hidden: boolean;
};

/**
 * Why a cell came back other than as written: missing (null: errors, formulas without a value,
 * numbers a double cannot hold), turned into text, or with a character that cannot be stored
 * (U+0000, half a surrogate pair) replaced by U+FFFD.
 */
export type CellNoteKind = 'formula_without_value' | 'error_value' | 'number_as_text' | 'number_out_of_range' | 'character_replaced';

export type CellNote = {
  /** 0-based index of the data row, as in onRows; -1 for the header row (its column then got a made-up name). */
  row: number;
  /** The column's name, as in onColumns. */
  column: string;
  kind: CellNoteKind;
  /** The error ("#DIV/0!"), the formula ("=A2*2"), the digits kept as text, the number as written ("1e309"), or the text after replacement. */
  detail: string;
};

export interface ReadSummary {
  format: 'xlsx' | 'csv';
  sheetName: string;
  /** Every sheet in workbook order (chart sheets included); a CSV file is one sheet named after the file. */
  sheets: SheetListing[];
  columns: string[];
  rowCount: number;
  /**
   * Non-empty cells found to the right of the last column and left out. Always 0 for CSV
   * and for workbooks whose declared size (<dimension>) is right, as Excel writes it.
   */
  ignoredCells: number;
  /** The first 1,000 notes in reading order (always empty for CSV, whose values are read as written). */
  notes: CellNote[];
  /** All notes, including those past the first 1,000. */
  noteCount: number;
}
