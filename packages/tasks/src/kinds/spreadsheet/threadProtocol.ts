// What the spreadsheet handler and its parse thread exchange through workerThread.ts.
import type { CellValue, ColumnProfile, ReadSummary } from '@sift/excel';

export interface ParseThreadInput {
  bytes: ArrayBuffer;
  fileName: string;
  sheet: string | undefined;
}

export type ParseBatch = { kind: 'columns'; columns: string[] } | { kind: 'rows'; rows: CellValue[][]; firstIndex: number };

export interface ParseResult {
  summary: ReadSummary;
  profile: ColumnProfile[];
}
