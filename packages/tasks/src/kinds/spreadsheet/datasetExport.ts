// Downloads of a dataset's clean rows as CSV or XLSX, streamed batch by batch from Postgres so
// a large dataset never sits whole in memory. CSV starts with a UTF-8 byte-order mark (Excel
// then opens Chinese text right) and neutralises cells that a spreadsheet would run as formulas.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '@sift/db';
import type { CellValue } from '@sift/excel';
import { getDatasetSummary, streamDatasetRows } from './datasetStore.ts';

export type ExportFormat = 'csv' | 'xlsx';

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

const csvLine = (cells: CellValue[]) =>
  stringify([cells.map((cell) => (typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : neutraliseFormula(cell)))], { record_delimiter: '\r\n' });

/** The file name and the CSV text chunks, or null when the dataset is not this owner's. */
export async function datasetCsv(db: Db, ownerId: string, taskId: string): Promise<{ fileName: string; chunks: AsyncIterable<string> } | null> {
  const summary = await getDatasetSummary(db, ownerId, taskId);
  if (!summary) return null;
  async function* chunks() {
    yield `\uFEFF${csvLine(summary!.columns)}`;
    for await (const batch of streamDatasetRows(db, taskId)) yield batch.map(csvLine).join('');
  }
  return { fileName: `${summary.sheetName || 'dataset'}.csv`, chunks: chunks() };
}

/**
 * The file name and a writer that streams the dataset as .xlsx into `output` (ExcelJS's streaming
 * writer), or null when the dataset is not this owner's. Text stays typed as text in XLSX, so no
 * formula can be injected and values are written as they are.
 */
export async function datasetXlsx(db: Db, ownerId: string, taskId: string): Promise<{ fileName: string; write: (output: Writable) => Promise<void> } | null> {
  const summary = await getDatasetSummary(db, ownerId, taskId);
  if (!summary) return null;
  async function write(output: Writable) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(summary!.sheetName.slice(0, 31) || 'Data');
    sheet.addRow(summary!.columns).commit();
    for await (const batch of streamDatasetRows(db, taskId)) {
      for (const row of batch) sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
  }
  return { fileName: `${summary.sheetName || 'dataset'}.xlsx`, write };
}
