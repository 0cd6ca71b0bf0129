// Reads damaged inputs one by one for fuzz.test.ts, in a thread the test can terminate: a
// scanner stuck in a loop would otherwise block the test process itself. Posts each outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { readSpreadsheet, SpreadsheetError } from '../src/index.ts';

export interface FuzzCase {
  name: string;
  fileName: string;
  bytes: Uint8Array;
}

/** 'internal' marks a refusal by the last-resort wrapper around a JavaScript error (a bounds check the reader missed). */
export type FuzzOutcome = { index: number } & (
  | { result: 'rows'; rowCount: number }
  | { result: 'refused'; code: string; internal: string | undefined }
  | { result: 'raw error'; error: string }
);

const port = parentPort;
if (!port) throw new Error('fuzzWorker must run as a worker thread');
const cases = workerData as FuzzCase[];
for (const [index, { bytes, fileName }] of cases.entries()) {
  let outcome: FuzzOutcome;
  try {
    const summary = await readSpreadsheet(bytes, { fileName, batchSize: 7, onColumns: () => {}, onRows: () => {} });
    outcome = { index, result: 'rows', rowCount: summary.rowCount };
  } catch (error) {
    outcome =
      error instanceof SpreadsheetError
        ? { index, result: 'refused', code: error.code, internal: isEngineError(error.cause) ? String(error.cause) : undefined }
        : { index, result: 'raw error', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(outcome);
}

function isEngineError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
}
