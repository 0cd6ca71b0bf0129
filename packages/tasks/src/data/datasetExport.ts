// Downloads of a dataset's clean rows as CSV or XLSX, streamed batch by batch from Postgres so
// a large dataset never sits whole in memory. CSV starts with a UTF-8 byte-order mark (Excel
// then opens Chinese text right) and neutralises cells that a spreadsheet would run as formulas.
import type { Writable } from 'node:stream';
import type { Db } from '@sift/db';
import { csvChunks, writeXlsx } from './downloads.ts';
import { getDatasetSummary, streamDatasetRows } from './datasetStore.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** The file name and the CSV text chunks, or null when the dataset is not this owner's. */
export async function datasetCsv(db: Db, ownerId: string, taskId: string): Promise<{ fileName: string; chunks: AsyncIterable<string> } | null> {
  const summary = await getDatasetSummary(db, ownerId, taskId);
  if (!summary) return null;
  return { fileName: `${summary.sheetName || 'dataset'}.csv`, chunks: csvChunks(summary.columns, streamDatasetRows(db, taskId)) };
}

/**
 * The file name and a writer that streams the dataset as .xlsx into `output` (ExcelJS's streaming
 * writer), or null when the dataset is not this owner's. Text stays typed as text in XLSX, so no
 * formula can be injected and values are written as they are; duration columns become Excel
 * durations. CSV keeps a duration's text ("36:00:00"): Excel reads that back as the same
 * duration under [h]:mm:ss, while ISO 8601 ("PT36H") it would keep as text.
 */
export async function datasetXlsx(db: Db, ownerId: string, taskId: string): Promise<{ fileName: string; write: (output: Writable) => Promise<void> } | null> {
  const summary = await getDatasetSummary(db, ownerId, taskId);
  if (!summary) return null;
  const durations = summary.profile.flatMap((column, index) => (column.type === 'duration' ? [index] : []));
  const write = (output: Writable) => writeXlsx(output, summary.sheetName, summary.columns, streamDatasetRows(db, taskId), durations);
  return { fileName: `${summary.sheetName || 'dataset'}.xlsx`, write };
}
