// Tables as CSV or XLSX downloads, streamed batch by batch so a large table never sits whole in
// memory. Every cell of every export goes through exportText.ts, so each file reads back as
// stored whatever the text holds. CSV starts with a UTF-8 byte-order mark (Excel then opens
// Chinese text right); XLSX keeps text typed as text, and durations as Excel's own durations.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { durationSeconds, type CellValue } from '@sift/excel';
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

const ELAPSED_FORMAT = '[h]:mm:ss';
const SECONDS_PER_DAY = 86_400;

/**
 * A duration column's cell: "36:00:00" becomes Excel's 1.5 days, shown under [h]:mm:ss, so Excel
 * computes with it and Sift reads it back as "36:00:00". A negative one stays text: Excel's 1900
 * date system shows negative time as #####.
 */
function xlsxDuration(value: CellValue): CellValue {
  const seconds = typeof value === 'string' ? durationSeconds(value) : undefined;
  return seconds !== undefined && seconds >= 0 ? seconds / SECONDS_PER_DAY : xlsxCell(value);
}

/**
 * Streams the table as .xlsx into `output` with ExcelJS's streaming writer. `durationColumns`
 * (indexes of columns the profile typed 'duration') are written as Excel durations.
 */
export async function writeXlsx(output: Writable, sheetName: string, columns: readonly string[], batches: Batches, durationColumns: readonly number[] = []) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: durationColumns.length > 0 });
  // The name is an OOXML string too: a literal "_x0041_" in it must not read back as "A".
  const sheet = workbook.addWorksheet(xlsxCell(xlsxSheetName(sheetName)) as string);
  sheet.addRow(columns.map(xlsxCell)).commit();
  const durations = new Set(durationColumns);
  // Styles go on the data cells only: set on the columns, they would reach the header too.
  const toCells = (row: readonly CellValue[]) => row.map((value, index) => (durations.has(index) ? xlsxDuration(value) : xlsxCell(value)));
  for await (const batch of batches) {
    for (const values of batch) {
      const row = sheet.addRow(toCells(values));
      for (const index of durations) row.getCell(index + 1).numFmt = ELAPSED_FORMAT;
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
