import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
const bytes = readFileSync('/tmp/xb/mixed.xlsx');
const which = process.argv[2];
async function run() {
  const t = performance.now();
  let cells = 0;
  if (which === 'sheetjs') {
    const wb = XLSX.read(bytes, { type: 'buffer', cellDates: true, sheets: 0, dense: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const rows = XLSX.utils.sheet_to_json(ws, { header: 1, raw: true }) as unknown[][];
    for (const r of rows) cells += r.length;
  } else if (which === 'exceljs-full') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    wb.worksheets[0]!.eachRow((row) => { cells += (row.values as unknown[]).length; });
  } else if (which === 'exceljs-stream') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
    let first = true;
    for await (const ws of reader) {
      if (!first) break; first = false;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length;
    }
  }
  return [performance.now() - t, cells];
}
for (let i = 0; i < 3; i++) console.log(which, ...(await run()));
