// The full text's worker thread: pdf.js reads the PDF (CPU-bound, and a hostile PDF is held to the
// thread's heap cap and the task's time limit, never the worker process). A PDF that cannot be read
// ends the task with words to act on, without retries: reading it again would fail the same way.
import { PdfReadError, readPdf, type PdfText } from '@sift/fulltext';
import { TaskFailure } from '../../errors.ts';
import { threadChannel } from '../../workerThread.ts';

export interface PdfThreadInput {
  bytes: ArrayBuffer;
  maxPages: number;
}

const channel = threadChannel<PdfThreadInput, never, PdfText>();
const { bytes, maxPages } = channel.input;

try {
  channel.done(await readPdf(new Uint8Array(bytes), { maxPages }));
} catch (error) {
  channel.fail(error instanceof PdfReadError ? new TaskFailure(error.code, error.message) : error);
}
