// Whether "Try again" can help a failed task. A task ends in `error` for two kinds of reason:
// the input itself (a corrupt or empty file, an unknown format: the worker fails it at once,
// without retries, because the same bytes fail the same way), or something outside it that can
// change (an unexpected error after retries, batches that failed, the memory or the language
// model the operator can raise or configure). Only the second kind gets the button.

/** Failure codes a retry can mend (see @sift/tasks errors.ts, batches.ts and the runner's giveUp). */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['internal', 'batches_failed', 'too_large_to_read', 'too_many_records', 'llm_not_configured']);

export function canRetry(task: { state: string; error: { code: string } | null }): boolean {
  if (task.state === 'cancelled') return true;
  if (task.state !== 'error') return false;
  // A failure with no code is an old or unexpected one: let the researcher try.
  return task.error === null || RETRYABLE_CODES.has(task.error.code);
}

/** What a card says instead of "Try again" when retrying cannot help. */
export function permanentFailureHint(kind: string): string {
  return kind === 'spreadsheet' || kind === 'literature-import'
    ? 'Trying this file again as it is will not help: change what the message above says, then upload it again.'
    : 'Trying again as things are will not help: do what the message above says first.';
}
