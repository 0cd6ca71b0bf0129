// The import's worker thread: decodes and parses the whole export (CPU-bound), then hands the
// records to the main thread in acknowledged batches, after a first batch with the format and
// report so the import row exists before its records are written.
import type { ColumnMapping, LiteratureRecord } from '@sift/literature';
import type { StoredReport } from '../../data/recordStore.ts';
import { threadChannel } from '../../workerThread.ts';
import { readLiterature } from './readLiterature.ts';

// Large enough to keep inserts cheap, small enough that progress moves on a 2,000-record file.
const BATCH_RECORDS = 500;

export interface ImportThreadInput {
  bytes: ArrayBuffer;
  fileName: string;
  /** The researcher's columns for a CSV, TSV or workbook, instead of the guess. */
  columns?: ColumnMapping | undefined;
}

export type ImportBatch =
  | { kind: 'parsed'; format: string; report: StoredReport; total: number }
  | { kind: 'records'; firstPosition: number; records: LiteratureRecord[] };

const channel = threadChannel<ImportThreadInput, ImportBatch, null>();
const { bytes, fileName, columns } = channel.input;

try {
  const { format, records, report } = await readLiterature(new Uint8Array(bytes), fileName, channel.progress, columns);
  await channel.batch({ kind: 'parsed', format, report, total: records.length });
  for (let first = 0; first < records.length; first += BATCH_RECORDS) {
    await channel.batch({ kind: 'records', firstPosition: first, records: records.slice(first, first + BATCH_RECORDS) });
  }
  channel.done(null);
} catch (error) {
  channel.fail(error);
}
