// One task job from claim to outcome: claim the task row, run the kind (or, for a batched kind,
// commit its plan of batches), and record ready with its follow-up, or the failed attempt's
// outcome. Safe to run again for the same task: a finished or cancelled task is left alone.
import type { JobWithMetadata } from 'pg-boss';
import { Prisma } from '@sift/db';
import type { TaskEngine } from '../boss.ts';
import { commitPlan } from '../batches.ts';
import { markReady, prepareFollowUp } from '../completeTask.ts';
import { createProgressReporter } from '../progress.ts';
import { isBatched, type AnyTaskKind, type TaskLog } from '../taskKind.ts';
import type { AttemptOutcomes } from '../attemptOutcomes.ts';
import { settleFailedAttempt, superviseAttempt, writeTaskProgress } from './attempt.ts';

export interface TaskJobData {
  taskId: string;
}

export interface JobEnv {
  engine: TaskEngine;
  log: TaskLog;
  cancelPollMs: number;
}

export async function runTaskJob(env: JobEnv, kind: AnyTaskKind, job: JobWithMetadata<TaskJobData>, shutdown: AbortSignal): Promise<void> {
  const { engine } = env;
  const { db } = engine;
  const { taskId } = job.data;
  const log: TaskLog = (message, fields) => env.log(`task ${message}`, { taskId, jobId: job.id, kind: kind.name, ...fields });
  // Claim and start in one statement: a tiny task's whole life is a handful of them.
  const [task] = await db.$queryRaw<{ id: string; ownerId: string; input: unknown; attempts: number }[]>`
    UPDATE task SET state = 'running', stage = 'starting', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
    WHERE id = ${taskId}::uuid AND state IN ('queued', 'running')
    RETURNING id, owner_id AS "ownerId", input, attempts`;
  if (!task) return; // cancelled or already finished: nothing to do, the job completes

  const attempt = superviseAttempt(db, taskId, job, shutdown, env.cancelPollMs);
  const { signal } = attempt.controller;
  const progress = createProgressReporter(({ done, total, stage }) => writeTaskProgress(db, taskId, done, total, stage, attempt.cancel), {
    onError: (error) => log('progress write failed', { error: String(error) }),
  });
  try {
    const input = kind.input.parse(task.input);
    const ctx = { ...engine, taskId, ownerId: task.ownerId, input, attempt: task.attempts, signal, log, progress: progress.report };
    if (isBatched(kind)) {
      const plan = async () => {
        const planned = await kind.batches.plan(ctx);
        await progress.flush();
        signal.throwIfAborted();
        return planned;
      };
      await commitPlan(engine, kind, taskId, plan, log);
      return;
    }
    const result = await kind.run(ctx);
    await progress.flush();
    signal.throwIfAborted();
    const next = await prepareFollowUp(engine, kind, input, task.ownerId, log);
    // Ready alone is one statement; with a follow-up, both commit together.
    await (next ? db.$transaction((tx) => markReady(tx, engine, task, result, next)) : markReady(db, engine, task, result, null));
    log('ready', { followUp: next?.kind });
  } catch (error) {
    progress.stop();
    await settleFailedAttempt(error, signal, job, taskOutcomes(env, taskId), log);
  } finally {
    attempt.end();
  }
}

function taskOutcomes({ engine: { db } }: JobEnv, taskId: string): AttemptOutcomes {
  const update = (data: Prisma.TaskUpdateManyMutationInput) => db.task.updateMany({ where: { id: taskId, state: 'running' }, data: { ...data, updatedAt: new Date() } }).then(() => {});
  const finishWithError = (code: string, message: string, result?: Record<string, unknown>) =>
    update({ state: 'error', stage: 'failed', errorCode: code, errorMessage: message, result: (result as Prisma.InputJsonValue | undefined) ?? Prisma.DbNull, finishedAt: new Date() });
  return {
    release: () => update({ state: 'queued', stage: 'waiting for a worker (server restarting)' }),
    fail: finishWithError,
    retryLater: (reference) => update({ state: 'queued', stage: `retrying after an unexpected error (reference ${reference})` }),
    giveUp: (reference, attempts) =>
      finishWithError('internal', `Sift could not finish this task after ${attempts} attempts because of an unexpected error. Try again later; if it keeps failing, tell the operator the reference ${reference}.`),
  };
}
