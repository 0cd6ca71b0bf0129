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

export interface ReadSummary {
  format: 'xlsx' | 'csv';
  sheetName: string;
  sheetNames: string[];
  columns: string[];
  rowCount: number;
  /**
   * Non-empty cells found to the right of the last column and left out. Always 0 for CSV
   * and for workbooks whose declared size (<dimension>) is right, as Excel writes it.
   */
  ignoredCells: number;
}
