// Errors with a researcher-facing message. TaskInputError rejects a createTask call;
// TaskFailure ends a task in `error` without retrying (bad input will not heal on retry).
// Any other error is unexpected: its text (SQL, paths, stacks) goes to the log only, and the
// researcher sees a plain sentence with a reference the operator finds in the log.
import { randomBytes } from 'node:crypto';

export class TaskInputError extends Error {
  override name = 'TaskInputError';
}

export class TaskFailure extends Error {
  override name = 'TaskFailure';
  readonly code: string;
  /** What the researcher can still use of the failed task (a workbook's sheets), stored as its result. */
  readonly result: Record<string, unknown> | undefined;
  constructor(code: string, message: string, options?: ErrorOptions & { result?: Record<string, unknown> }) {
    super(message, options);
    this.code = code;
    this.result = options?.result;
  }
}

/**
 * The failures of a worker thread that needed more memory than SIFT_PARSE_MEMORY_MB gives it
 * (see workerThread.ts), by what the thread was doing.
 */
export const outOfMemory = {
  readingSpreadsheet: (limitMb: number) =>
    new TaskFailure(
      'too_large_to_read',
      `Reading this file needed more than the ${formatMegabytes(limitMb)} of memory one file may use. Split it into smaller files (fewer rows or fewer sheets) and upload them one at a time, or ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    ),
  readingLiterature: (limitMb: number) =>
    new TaskFailure(
      'too_large_to_read',
      `Reading this file needed more than the ${formatMegabytes(limitMb)} of memory one file may use. Export the records in several smaller files and import them one at a time, or ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    ),
  readingPdf: (limitMb: number) =>
    new TaskFailure(
      'too_large_to_read',
      `Reading this PDF needed more than the ${formatMegabytes(limitMb)} of memory one file may use. Attach the article itself rather than a whole volume, or ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    ),
  ranking: (limitMb: number) =>
    new TaskFailure(
      'too_many_records',
      `Ranking this project's records needed more than the ${formatMegabytes(limitMb)} of memory one task may use. Ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    ),
  findingDuplicates: (limitMb: number) =>
    new TaskFailure(
      'too_many_records',
      `Finding the duplicates among this project's records needed more than the ${formatMegabytes(limitMb)} of memory one task may use. Ask the operator to raise SIFT_PARSE_MEMORY_MB.`,
    ),
};

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`This file is larger than the ${formatBytes(limitBytes)} upload limit. Split it, or ask the operator to raise SIFT_UPLOAD_LIMIT_MB.`);
    this.limitBytes = limitBytes;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** 2048 => "2,048 MB". */
function formatMegabytes(megabytes: number): string {
  return `${megabytes.toLocaleString('en-US')} MB`;
}

/** A short id that ties what a researcher is shown to the log line holding the real error. */
export function newErrorReference(): string {
  return randomBytes(5).toString('hex');
}

/** What a researcher sees of an unexpected error: nothing of its text, and the reference to quote. */
export function unexpectedErrorMessage(reference: string): string {
  return `Sift hit an unexpected error. Try again; if it keeps happening, tell the operator the reference ${reference}.`;
}
