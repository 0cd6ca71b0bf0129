// One batch job of a batched task from claim to outcome: claim the batch row, run the kind's
// batch from where an earlier attempt stopped (`batch.done`), checkpoint its progress into the
// task's, and mark it done, closing the task when it was the last (see batches.ts).
import type { JobWithMetadata } from 'pg-boss';
import { batchOutcomes, claimBatch, completeBatch, saveBatchProgress, sumOfBatches, type BatchJobData } from '../batches.ts';
import { createProgressReporter } from '../progress.ts';
import type { BatchedTaskKind, TaskLog } from '../taskKind.ts';
import { settleFailedAttempt, superviseAttempt, writeTaskProgress } from './attempt.ts';
import type { JobEnv } from './taskJob.ts';

export async function runBatchJob(env: JobEnv, kind: BatchedTaskKind, job: JobWithMetadata<BatchJobData>, shutdown: AbortSignal): Promise<void> {
  const { engine } = env;
  const { db } = engine;
  const { taskId, seq } = job.data;
  const log: TaskLog = (message, fields) => env.log(`batch ${message}`, { taskId, jobId: job.id, kind: kind.name, batch: seq, ...fields });
  const batch = await claimBatch(db, taskId, seq);
  if (!batch) return; // done, failed for good, or its task was cancelled: the job completes

  const attempt = superviseAttempt(db, taskId, job, shutdown, env.cancelPollMs);
  const { signal } = attempt.controller;
  const progress = createProgressReporter(
    async ({ done }) => {
      await saveBatchProgress(db, taskId, seq, done);
      await writeTaskProgress(db, taskId, sumOfBatches(taskId), null, null, attempt.cancel);
    },
    { onError: (error) => log('progress write failed', { error: String(error) }) },
  );
  try {
    const input = kind.input.parse(batch.input);
    await kind.batches.run({
      ...engine,
      taskId,
      ownerId: batch.ownerId,
      input,
      attempt: batch.attempts,
      signal,
      log,
      batch: { seq, items: batch.items, payload: batch.payload, done: batch.done },
      progress: (done) => progress.report(done, batch.items, ''),
    });
    await progress.flush();
    signal.throwIfAborted();
    await completeBatch(engine, kind, { taskId, seq, items: batch.items }, log);
    log('done', { items: batch.items });
  } catch (error) {
    // Cancelled or shutting down: the items finished so far stay finished (the last report may
    // not have been written yet), so the next attempt starts after them instead of redoing them.
    if (signal.aborted) await progress.flush();
    progress.stop();
    await settleFailedAttempt(error, signal, job, batchOutcomes(engine, kind, taskId, seq, log), log);
  } finally {
    attempt.end();
  }
}
