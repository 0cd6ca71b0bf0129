// Test helpers: read a file into memory through the public API. The hand-built .xlsx and
// GB18030 writers live in src/fixtures.ts, shared with other packages' tests.
import { readSpreadsheet, type CellValue, type ReadOptions, type ReadProgress, type ReadSummary } from '../src/index.ts';

export interface ReadResult {
  summary: ReadSummary;
  columns: string[];
  rows: CellValue[][];
  progress: ReadProgress[];
}

export async function readAll(bytes: Uint8Array, fileName: string, options: Partial<ReadOptions> = {}): Promise<ReadResult> {
  let columns: string[] = [];
  const rows: CellValue[][] = [];
  const progress: ReadProgress[] = [];
  const summary = await readSpreadsheet(bytes, {
    fileName,
    onColumns: (names) => {
      columns = names;
    },
    onRows: (batch, firstIndex) => {
      if (firstIndex !== rows.length) throw new Error(`batch starts at ${firstIndex}, expected ${rows.length}`);
      rows.push(...batch);
    },
    onProgress: (update) => progress.push(update),
    ...options,
  });
  return { summary, columns, rows, progress };
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export { buildXlsx, gb18030, sheetXml, xlsxFromRows, type SheetPart, type WorkbookParts } from '../src/fixtures.ts';
