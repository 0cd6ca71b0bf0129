// What an attempt that did not succeed does to the stored state, per outcome. The runner decides
// which outcome applies (runner/attempt.ts); a task job and a batch job each say what it means for
// their rows (runner/taskJob.ts, batches.ts).
export interface AttemptOutcomes {
  /** The process is stopping: hand the work back for another worker. */
  release(): Promise<void>;
  /** Permanent failure (bad input): no retry. `result` is what the researcher can still use of the task. */
  fail(code: string, message: string, result?: Record<string, unknown>): Promise<void>;
  /** Transient failure with retries left: pg-boss retries the job with backoff. */
  retryLater(message: string): Promise<void>;
  /** Transient failure after the last retry: pg-boss moves the job to the dead-letter queue. */
  giveUp(message: string, attempts: number): Promise<void>;
}
