// Sift's spreadsheet reader and the libraries it is measured against, each reading the same bytes
// to the last cell. Every reader returns the number of cells it produced, so none can skip work
// unnoticed. Used by this package's bench and by `npm run bench` (apps/server/bench).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { createColumnProfiler, readSpreadsheet, type CellValue, type ColumnProfile } from '../src/index.ts';

export type SpreadsheetReader = (bytes: Uint8Array) => Promise<number>;

export const spreadsheetReaders = {
  sift: async (bytes) => {
    let cells = 0;
    await readSpreadsheet(bytes, {
      fileName: 'bench.xlsx',
      onColumns: () => {},
      onRows: (rows) => {
        for (const row of rows) cells += row.length;
      },
    });
    return cells;
  },
  'sheetjs 0.18.5': async (bytes) => {
    const workbook = XLSX.read(asBuffer(bytes), { type: 'buffer', cellDates: true, dense: true, sheets: 0 });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    return rows.reduce((cells, row) => cells + row.length, 0);
  },
  'exceljs stream': async (bytes) => {
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([asBuffer(bytes)]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length - 1;
      break;
    }
    return cells;
  },
  'exceljs full load': async (bytes) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    let cells = 0;
    workbook.worksheets[0]?.eachRow((row) => (cells += (row.values as unknown[]).length - 1));
    return cells;
  },
} satisfies Record<string, SpreadsheetReader>;

export type SpreadsheetReaderName = keyof typeof spreadsheetReaders;

/** The whole first sheet in memory, as a system that re-parses the file on every read holds it. */
export async function readWhole(bytes: Uint8Array): Promise<{ columns: string[]; rows: CellValue[][] }> {
  const rows: CellValue[][] = [];
  let columns: string[] = [];
  await readSpreadsheet(bytes, {
    fileName: 'bench.xlsx',
    onColumns: (names) => {
      columns = names;
    },
    onRows: (batch) => {
      rows.push(...batch);
    },
  });
  return { columns, rows };
}

/** Profiles the rows in batches of 500, as the parse thread does. */
export function profileInBatches(columns: string[], rows: CellValue[][]): ColumnProfile[] {
  const profiler = createColumnProfiler(columns);
  for (let start = 0; start < rows.length; start += 500) profiler.add(rows.slice(start, start + 500));
  return profiler.result();
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
