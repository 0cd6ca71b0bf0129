// Runs in a worker thread (see workerThread.ts): reads the workbook and sends its header and
// then its rows in batches, laid out as COPY rows here, which the main thread streams to Postgres
// while the next batch is read. The column profile is built here from the same rows, so
// profiling costs no second read.
import { createColumnProfiler, readSpreadsheet, SpreadsheetError, type ColumnProfile, type ReadSummary } from '@sift/excel';
import { datasetRows } from '../../data/copyRows.ts';
import { TaskFailure } from '../../errors.ts';
import { threadChannel } from '../../workerThread.ts';

export interface ParseThreadInput {
  /** The task whose dataset the rows belong to. */
  taskId: string;
  bytes: ArrayBuffer;
  fileName: string;
  sheet: string | undefined;
}

/** `saved`: rows written once this batch is. */
export type ParseBatch = { kind: 'columns'; columns: string[] } | { kind: 'rows'; rows: Uint8Array<ArrayBuffer>; saved: number };

export interface ParseResult {
  summary: ReadSummary;
  profile: ColumnProfile[];
}

// Small enough that progress moves visibly on a 3,000-row sheet, large enough to keep inserts cheap.
const BATCH_ROWS = 500;

const channel = threadChannel<ParseThreadInput, ParseBatch, ParseResult>();
const { taskId, bytes, fileName, sheet } = channel.input;
// Set once the header is known; a holder, since TypeScript does not follow assignments made in callbacks.
const profiling: { profiler?: ReturnType<typeof createColumnProfiler> } = {};

try {
  const summary = await readSpreadsheet(new Uint8Array(bytes), {
    fileName,
    sheet,
    batchSize: BATCH_ROWS,
    onColumns: (columns) => {
      profiling.profiler = createColumnProfiler(columns);
      return channel.batch({ kind: 'columns', columns });
    },
    onRows: (rows, firstIndex) => {
      profiling.profiler?.add(rows);
      const copy = datasetRows(taskId, firstIndex, rows);
      return channel.batch({ kind: 'rows', rows: copy, saved: firstIndex + rows.length }, [copy.buffer]);
    },
    onProgress: ({ done, total }) => channel.progress(done, total),
  });
  channel.done({ summary, profile: profiling.profiler?.result() ?? [] });
} catch (error) {
  // The sheet list survives a failed sheet, so the researcher can pick another (see sheetChoices.ts).
  channel.fail(error instanceof SpreadsheetError ? new TaskFailure(error.code, error.message, { result: error.workbook }) : error);
}
