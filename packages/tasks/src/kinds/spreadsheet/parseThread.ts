// Runs in a worker thread: parsing a big workbook is CPU-bound, and on the main thread it would
// starve pg-boss heartbeats, progress writes and API requests. Rows go to the main thread in
// batches; the thread waits for an ack after each so memory stays bounded by one batch. The
// column profile is built here too, from the same rows, so profiling costs no second read.
import { parentPort, workerData } from 'node:worker_threads';
import { createColumnProfiler, readSpreadsheet, SpreadsheetError } from '@sift/excel';
import type { ThreadInput, ThreadMessage } from './threadProtocol.ts';

// Small enough that progress moves visibly on a 3,000-row sheet, large enough to keep inserts cheap.
const BATCH_ROWS = 500;

const port = parentPort;
if (!port) throw new Error('parseThread must run as a worker thread');
const { bytes, fileName, sheet } = workerData as ThreadInput;
const send = (message: ThreadMessage) => port.postMessage(message);
let resolveAck: (() => void) | null = null;
port.on('message', () => resolveAck?.());
const acked = () => new Promise<void>((resolve) => (resolveAck = resolve));
// Set once the header is known; a holder, since TypeScript does not follow assignments made in callbacks.
const profiling: { profiler?: ReturnType<typeof createColumnProfiler> } = {};

try {
  const summary = await readSpreadsheet(new Uint8Array(bytes), {
    fileName,
    sheet,
    batchSize: BATCH_ROWS,
    onColumns: (columns) => {
      profiling.profiler = createColumnProfiler(columns);
      send({ type: 'columns', columns });
    },
    onRows: async (rows, firstIndex) => {
      profiling.profiler?.add(rows);
      const ack = acked();
      send({ type: 'rows', rows, firstIndex });
      await ack;
    },
    onProgress: ({ done, total }) => send({ type: 'progress', done, total }),
  });
  send({ type: 'done', summary, profile: profiling.profiler?.result() ?? [] });
} catch (error) {
  if (error instanceof SpreadsheetError) send({ type: 'failed', code: error.code, message: error.message });
  else send({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
}
port.close();
