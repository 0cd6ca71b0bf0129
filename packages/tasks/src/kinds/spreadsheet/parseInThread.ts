// The spreadsheet kind's side of its parse thread: hands the bytes over and turns the thread's
// batches into awaited callbacks.
import type { CellValue } from '@sift/excel';
import { outOfMemory } from '../../errors.ts';
import { runInThread, transferableBytes } from '../../workerThread.ts';
import type { ParseBatch, ParseResult, ParseThreadInput } from './threadProtocol.ts';

export interface ParseCallbacks {
  onColumns: (columns: string[]) => Promise<void>;
  onRows: (rows: CellValue[][], firstIndex: number) => Promise<void>;
  onProgress: (done: number, total: number) => void;
}

export function parseInThread(
  bytes: Uint8Array,
  file: { fileName: string; sheet: string | undefined },
  signal: AbortSignal,
  memoryMb: number,
  callbacks: ParseCallbacks,
): Promise<ParseResult> {
  const owned = transferableBytes(bytes);
  const memory = { limitMb: memoryMb, exceeded: outOfMemory.readingSpreadsheet };
  return runInThread<ParseThreadInput, ParseBatch, ParseResult>(new URL('./parseThread.ts', import.meta.url), { bytes: owned, ...file }, [owned], signal, memory, {
    onBatch: (batch) => (batch.kind === 'columns' ? callbacks.onColumns(batch.columns) : callbacks.onRows(batch.rows, batch.firstIndex)),
    onProgress: callbacks.onProgress,
  });
}
