// Tables as CSV or XLSX downloads, streamed batch by batch so a large table never sits whole in
// memory. CSV starts with a UTF-8 byte-order mark (Excel then opens Chinese text right) and
// neutralises cells that a spreadsheet would run as formulas; XLSX keeps text typed as text.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { CellValue } from '@sift/excel';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A text cell starting with = + - @ (or tab/CR) is prefixed with ' so Excel, LibreOffice and
 * Sheets show it as text instead of evaluating it (CSV injection). Plain numbers such as "-5"
 * cannot be formulas and are left as they are.
 */
export function neutraliseFormula(value: CellValue): CellValue {
  return typeof value === 'string' && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

const csvLine = (cells: readonly CellValue[]) =>
  stringify([cells.map((cell) => (typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : neutraliseFormula(cell)))], { record_delimiter: '\r\n' });

export async function* csvChunks(columns: readonly string[], batches: AsyncIterable<readonly CellValue[][]> | Iterable<readonly CellValue[][]>): AsyncIterable<string> {
  yield `\uFEFF${csvLine(columns)}`;
  for await (const batch of batches) yield batch.map(csvLine).join('');
}

/** Streams the table as .xlsx into `output` with ExcelJS's streaming writer. */
export async function writeXlsx(output: Writable, sheetName: string, columns: readonly string[], batches: AsyncIterable<readonly CellValue[][]> | Iterable<readonly CellValue[][]>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Data');
  sheet.addRow([...columns]).commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
}
