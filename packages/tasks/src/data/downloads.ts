// Tables as CSV or XLSX downloads, streamed batch by batch so a large table never sits whole in
// memory. Every cell of every export goes through exportText.ts, so each file reads back as
// stored whatever the text holds. CSV starts with a UTF-8 byte-order mark (Excel then opens
// Chinese text right); XLSX keeps text typed as text.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { CellValue } from '@sift/excel';
import { csvCell, xlsxCell, xlsxSheetName } from './exportText.ts';

type Batches = AsyncIterable<readonly CellValue[][]> | Iterable<readonly CellValue[][]>;

const CSV_OPTIONS = {
  record_delimiter: '\r\n',
  // csv-stringify quotes a field holding the record delimiter, so with CRLF a lone CR or LF went
  // out bare and split the row. Quote any line break, the ; and tab that other locales' Excel
  // split on, and edge whitespace that some readers trim.
  quoted_match: /[\r\n;\t]|^\s|\s$/,
} as const;

const csvLine = (cells: readonly CellValue[]) => stringify([cells.map(csvCell)], CSV_OPTIONS);

export async function* csvChunks(columns: readonly string[], batches: Batches): AsyncIterable<string> {
  yield `\uFEFF${csvLine(columns)}`;
  for await (const batch of batches) yield batch.map(csvLine).join('');
}

/** Streams the table as .xlsx into `output` with ExcelJS's streaming writer. */
export async function writeXlsx(output: Writable, sheetName: string, columns: readonly string[], batches: Batches) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  // The name is an OOXML string too: a literal "_x0041_" in it must not read back as "A".
  const sheet = workbook.addWorksheet(xlsxCell(xlsxSheetName(sheetName)) as string);
  sheet.addRow(columns.map(xlsxCell)).commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(row.map(xlsxCell)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
