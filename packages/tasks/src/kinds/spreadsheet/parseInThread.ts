// Starts a parse thread and turns its messages into awaited callbacks. Aborting the signal
// terminates the thread at once: cancelling really stops the CPU work.
import { Worker } from 'node:worker_threads';
import type { CellValue, ColumnProfile, ReadSummary } from '@sift/excel';
import { TaskFailure } from '../../errors.ts';
import type { ThreadInput, ThreadMessage } from './threadProtocol.ts';

export interface ParseCallbacks {
  onColumns: (columns: string[]) => Promise<void>;
  onRows: (rows: CellValue[][], firstIndex: number) => Promise<void>;
  onProgress: (done: number, total: number) => void;
}

export interface ParseResult {
  summary: ReadSummary;
  profile: ColumnProfile[];
}

export function parseInThread(
  bytes: Uint8Array,
  file: { fileName: string; sheet: string | undefined },
  signal: AbortSignal,
  callbacks: ParseCallbacks,
): Promise<ParseResult> {
  signal.throwIfAborted();
  const copy = new Uint8Array(bytes).buffer; // a fresh copy: it is transferred to the thread, and Buffers may share a pool
  const input: ThreadInput = { bytes: copy, ...file };
  const worker = new Worker(new URL('./parseThread.ts', import.meta.url), { workerData: input, transferList: [copy] });

  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    let queue = Promise.resolve();
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ThreadMessage) => {
      // Callbacks run strictly in message order; a failing one ends the parse.
      queue = queue
        .then(async () => {
          if (settled) return;
          switch (message.type) {
            case 'columns':
              return callbacks.onColumns(message.columns);
            case 'rows':
              await callbacks.onRows(message.rows, message.firstIndex);
              worker.postMessage('ack');
              return;
            case 'progress':
              return callbacks.onProgress(message.done, message.total);
            case 'done':
              return finish(() => resolve({ summary: message.summary, profile: message.profile }));
            case 'failed':
              return finish(() => reject(new TaskFailure(message.code, message.message)));
            case 'crashed':
              return finish(() => reject(new Error(`The spreadsheet reader crashed: ${message.message}`)));
          }
        })
        .catch((error: unknown) => finish(() => reject(error)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => {
      // Queued behind the messages still being handled, so a clean 'done' is seen first.
      queue = queue.then(() => finish(() => reject(new Error(`The spreadsheet reader stopped unexpectedly (exit code ${code}).`))));
    });
  });
}
