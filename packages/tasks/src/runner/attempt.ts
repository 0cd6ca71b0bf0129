// One attempt at a job, whichever kind of job: the abort signal that stops it (cancelled by the
// researcher, seen through the task row across processes; or this process shutting down), and
// the mapping of a failed attempt to its outcome: cancelled, released to another worker, failed
// for good (bad input), retried by pg-boss with backoff, or given up to the dead-letter queue.
import type { JobWithMetadata } from 'pg-boss';
import type { Db, Prisma } from '@sift/db';
import { newErrorReference, TaskFailure } from '../errors.ts';
import type { AttemptOutcomes } from '../attemptOutcomes.ts';
import type { TaskLog } from '../taskKind.ts';

export class Cancelled extends Error {}
export class ShuttingDown extends Error {}

export interface Attempt {
  controller: AbortController;
  /** Aborts the attempt as cancelled (a progress write found the task no longer running). */
  cancel(): void;
  /** Stops watching; call once the attempt has settled. */
  end(): void;
}

/**
 * An abort controller for one attempt: aborted with ShuttingDown when the job or the process
 * stops, and with Cancelled when the task row leaves `running` (polled, so it works across processes).
 */
export function superviseAttempt(db: Db, taskId: string, job: JobWithMetadata<unknown>, shutdown: AbortSignal, cancelPollMs: number): Attempt {
  const controller = new AbortController();
  const abortOnShutdown = () => controller.abort(new ShuttingDown('shutting down'));
  job.signal.addEventListener('abort', abortOnShutdown, { once: true });
  shutdown.addEventListener('abort', abortOnShutdown, { once: true });
  const watcher = setInterval(() => {
    db.task
      .findUnique({ where: { id: taskId }, select: { state: true } })
      .then((row) => {
        if (row?.state !== 'running') controller.abort(new Cancelled('cancelled'));
      })
      .catch(() => {}); // the database may be briefly away; the next tick checks again
  }, cancelPollMs);
  return {
    controller,
    cancel: () => controller.abort(new Cancelled('cancelled')),
    end() {
      clearInterval(watcher);
      job.signal.removeEventListener('abort', abortOnShutdown);
      shutdown.removeEventListener('abort', abortOnShutdown);
    },
  };
}

/** Maps a failed attempt to its outcome; rethrows where pg-boss must retry or dead-letter the job. */
export async function settleFailedAttempt(error: unknown, signal: AbortSignal, job: JobWithMetadata<unknown>, outcomes: AttemptOutcomes, log: TaskLog): Promise<void> {
  const reason: unknown = signal.aborted ? signal.reason : error;
  if (reason instanceof Cancelled) {
    log('cancelled');
    return;
  }
  if (reason instanceof ShuttingDown) {
    await outcomes.release();
    throw reason;
  }
  if (error instanceof TaskFailure) {
    await outcomes.fail(error.code, error.message, error.result);
    log('failed', { code: error.code });
    return;
  }
  // An unexpected error's text can hold SQL, paths or a stack: it goes to the log (and to pg-boss,
  // which the operations page reads), and the task row gets only a reference to that log line.
  const reference = newErrorReference();
  log('attempt failed', { attempt: job.retryCount + 1, errorReference: reference, error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  if (job.retryCount >= job.retryLimit) await outcomes.giveUp(reference, job.retryCount + 1);
  else await outcomes.retryLater(reference);
  throw error;
}

/**
 * Moves a running task's progress forward (never back); `processed` may be SQL (a batched task's
 * sum of its batches). Finding the task no longer running means it was cancelled meanwhile.
 */
export function writeTaskProgress(db: Db, taskId: string, processed: Prisma.Sql | number, total: number | null, stage: string | null, onCancelled: () => void): Promise<void> {
  return db.$queryRaw<{ state: string }[]>`
    UPDATE task SET processed = GREATEST(processed, ${processed}), total = COALESCE(${total}::int, total),
      stage = COALESCE(${stage}, stage), updated_at = now()
    WHERE id = ${taskId}::uuid AND state = 'running' RETURNING state`.then((still) => {
    if (!still.length) onCancelled();
  });
}
