// Messages between the spreadsheet handler and its parse thread.
import type { CellValue, ColumnProfile, ReadSummary } from '@sift/excel';

export interface ThreadInput {
  bytes: ArrayBuffer;
  fileName: string;
  sheet: string | undefined;
}

export type ThreadMessage =
  | { type: 'columns'; columns: string[] }
  | { type: 'rows'; rows: CellValue[][]; firstIndex: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: ReadSummary; profile: ColumnProfile[] }
  | { type: 'failed'; code: string; message: string }
  | { type: 'crashed'; message: string };
