// Times reading the 3,339 x 151 mixed workbook with Sift's reader and with the libraries it
// was measured against (SheetJS, ExcelJS streaming and full load), then profiling its 504,189
// cells as read and as CSV text. Prints min and median ms.
// Usage: npm run bench -w @sift/excel [-- runs] (default 7 runs per reader).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { makeMixedWorkbook } from '../src/fixtures.ts';
import { createColumnProfiler, readSpreadsheet, type CellValue } from '../src/index.ts';

const runs = Number(process.argv[2] ?? 7);
const bytes = await makeMixedWorkbook(3339, 151);
const buffer = Buffer.from(bytes);

/** Each reader returns the number of cells it produced, so none can skip work unnoticed. */
const readers: Record<string, () => Promise<number>> = {
  sift: async () => {
    let cells = 0;
    await readSpreadsheet(bytes, {
      fileName: 'mixed.xlsx',
      onColumns: () => {},
      onRows: (rows) => {
        for (const row of rows) cells += row.length;
      },
    });
    return cells;
  },
  'sheetjs 0.18.5': async () => {
    const workbook = XLSX.read(buffer, { type: 'buffer', cellDates: true, dense: true, sheets: 0 });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    return rows.reduce((cells, row) => cells + row.length, 0);
  },
  'exceljs stream': async () => {
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length - 1;
      break;
    }
    return cells;
  },
  'exceljs full load': async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    let cells = 0;
    workbook.worksheets[0]?.eachRow((row) => (cells += (row.values as unknown[]).length - 1));
    return cells;
  },
};

const rows: CellValue[][] = [];
let columns: string[] = [];
await readSpreadsheet(bytes, {
  fileName: 'mixed.xlsx',
  onColumns: (names) => {
    columns = names;
  },
  onRows: (batch) => {
    rows.push(...batch);
  },
});
const csvRows = rows.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
/** Profiles in batches of 500 rows, as the parse thread does. */
const profile = (input: CellValue[][]) => async () => {
  const profiler = createColumnProfiler(columns);
  for (let start = 0; start < input.length; start += 500) profiler.add(input.slice(start, start + 500));
  return profiler.result().length * input.length;
};
readers['profile (xlsx values)'] = profile(rows);
readers['profile (CSV text)'] = profile(csvRows);

console.log(`${bytes.length} bytes, ${runs} runs each, node ${process.version}`);
for (const [name, read] of Object.entries(readers)) {
  const times: number[] = [];
  let cells = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    cells = await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`${name.padEnd(22)} min ${(times[0] as number).toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms   ${cells} cells`);
}
