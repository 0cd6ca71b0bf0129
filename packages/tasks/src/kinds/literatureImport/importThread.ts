// The import's worker thread: decodes and parses the whole export (CPU-bound), sends the format
// and report first (the main thread saves the import row and answers where its records go and
// how many a failed attempt already saved), then lays out the remaining records as COPY rows in
// batches, which the main thread streams to Postgres while the next batch is built.
import type { ColumnMapping } from '@sift/literature';
import { recordRows } from '../../data/copyRows.ts';
import type { StoredReport } from '../../data/recordStore.ts';
import { threadChannel } from '../../workerThread.ts';
import { readLiterature } from './readLiterature.ts';

// Large enough to keep messages cheap, small enough that progress moves on a 2,000-record file.
const BATCH_RECORDS = 500;

export interface ImportThreadInput {
  bytes: ArrayBuffer;
  fileName: string;
  /** The researcher's columns for a CSV, TSV or workbook, instead of the guess. */
  columns?: ColumnMapping | undefined;
}

export type ImportBatch =
  | { kind: 'parsed'; format: string; report: StoredReport; total: number }
  /** `saved`: records written once this batch is. */
  | { kind: 'records'; rows: Uint8Array<ArrayBuffer>; saved: number };

/** The answer to 'parsed': where the records go, and how many of them are stored already. */
export type ImportReply = { projectId: string; importId: string; saved: number } | null;

const channel = threadChannel<ImportThreadInput, ImportBatch, null, ImportReply>();
const { bytes, fileName, columns } = channel.input;

try {
  const { format, records, report } = await readLiterature(new Uint8Array(bytes), fileName, channel.progress, columns);
  const target = await channel.batch({ kind: 'parsed', format, report, total: records.length });
  if (!target) throw new Error('the main thread gave no import to save the records into');
  for (let first = target.saved; first < records.length; first += BATCH_RECORDS) {
    const batch = records.slice(first, first + BATCH_RECORDS);
    const rows = recordRows(target, first, batch);
    await channel.batch({ kind: 'records', rows, saved: first + batch.length }, [rows.buffer]);
  }
  channel.done(null);
} catch (error) {
  channel.fail(error);
}
