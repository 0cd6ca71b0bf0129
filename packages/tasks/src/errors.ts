// Errors with a researcher-facing message. TaskInputError rejects a createTask call;
// TaskFailure ends a task in `error` without retrying (bad input will not heal on retry).

export class TaskInputError extends Error {
  override name = 'TaskInputError';
}

export class TaskFailure extends Error {
  override name = 'TaskFailure';
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

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
