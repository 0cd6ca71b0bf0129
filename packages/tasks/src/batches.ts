// A batched task's rows, its whole lifecycle in one place: the plan committed once with one job
// per batch, a batch claimed and checkpointed, the last batch to settle closing the task (ready,
// or `error` naming the items left), cancelling the queued batches, and a retry that re-queues
// only the unfinished ones. The runner (runner/batchJob.ts) and the task service call these.
import { randomUUID } from 'node:crypto';
import { fromPrisma } from 'pg-boss';
import { Prisma, type Db } from '@sift/db';
import { batchQueue, type Boss, type TaskEngine } from './boss.ts';
import { markReady, prepareFollowUp } from './completeTask.ts';
import { TaskInputError } from './errors.ts';
import { batchPriority } from './fairShare.ts';
import type { AttemptOutcomes } from './attemptOutcomes.ts';
import type { BatchedTaskKind, BatchPlan, TaskLog } from './taskKind.ts';

export interface BatchJobData {
  taskId: string;
  seq: number;
}

/** A batch claimed for an attempt, with what its task says. */
export interface ClaimedBatch {
  items: number;
  done: number;
  payload: unknown;
  attempts: number;
  input: unknown;
  ownerId: string;
}

/** Commits the batch rows and their jobs together, once: a re-run after a crash finds them and stops. */
export async function commitPlan(
  engine: TaskEngine,
  kind: BatchedTaskKind,
  taskId: string,
  plan: () => Promise<{ stage: string; batches: BatchPlan[] }>,
  log: TaskLog,
): Promise<void> {
  const { db, boss } = engine;
  if (await db.taskBatch.count({ where: { taskId } })) return;
  const { stage, batches } = await plan();
  const total = batches.reduce((sum, batch) => sum + batch.items, 0);
  await db.$transaction(async (tx) => {
    const [task] = await tx.$queryRaw<{ state: string; ownerId: string }[]>`SELECT state, owner_id AS "ownerId" FROM task WHERE id = ${taskId}::uuid FOR UPDATE`;
    if (task?.state !== 'running') return;
    const first = await batchPriority(tx, task.ownerId, kind.name, taskId);
    const rows = batches.map((batch, seq) => ({ taskId, seq, items: batch.items, payload: batch.payload, jobId: randomUUID() }));
    await tx.taskBatch.createMany({ data: rows });
    await tx.task.update({ where: { id: taskId }, data: { total, stage, updatedAt: new Date() } });
    if (rows.length) {
      const jobs = rows.map((row) => ({ id: row.jobId, priority: first - row.seq, data: { taskId, seq: row.seq } satisfies BatchJobData }));
      await boss.insert(batchQueue(kind.name), jobs, { db: fromPrisma(tx) });
    } else {
      await settleBatchedTask(tx, engine, kind, taskId, log);
    }
  });
  log('planned', { batches: batches.length, items: total });
}

/** Claims a batch for an attempt; null when it is done, failed for good, or its task no longer runs. */
export async function claimBatch(db: Db, taskId: string, seq: number): Promise<ClaimedBatch | null> {
  const [batch] = await db.$queryRaw<ClaimedBatch[]>`
    UPDATE task_batch b SET state = 'running', attempts = b.attempts + 1, updated_at = now()
    FROM task t
    WHERE b.task_id = ${taskId}::uuid AND b.seq = ${seq} AND b.state IN ('queued', 'running') AND t.id = b.task_id AND t.state = 'running'
    RETURNING b.items, b.done, b.payload, b.attempts, t.input, t.owner_id AS "ownerId"`;
  return batch ?? null;
}

/** A batch's saved items so far; never goes back. */
export async function saveBatchProgress(db: Db, taskId: string, seq: number, done: number): Promise<void> {
  await db.$executeRaw`UPDATE task_batch SET done = GREATEST(done, ${done}), updated_at = now() WHERE task_id = ${taskId}::uuid AND seq = ${seq}`;
}

/** The task's progress: the sum of its batches' saved items, as SQL for the progress write. */
export function sumOfBatches(taskId: string): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(sum(done), 0)::int FROM task_batch WHERE task_id = ${taskId}::uuid)`;
}

/** Marks a batch done and, if it was the last to settle, closes its task. */
export async function completeBatch(engine: TaskEngine, kind: BatchedTaskKind, batch: { taskId: string; seq: number; items: number }, log: TaskLog): Promise<void> {
  const { taskId, seq, items } = batch;
  await engine.db.$transaction(async (tx) => {
    await lockTask(tx, taskId);
    await tx.taskBatch.update({ where: { taskId_seq: { taskId, seq } }, data: { state: 'done', done: items, updatedAt: new Date() } });
    await settleBatchedTask(tx, engine, kind, taskId, log);
  });
}

/** What a batch attempt that did not succeed does to its row (and, failing for good, maybe to its task). */
export function batchOutcomes(engine: TaskEngine, kind: BatchedTaskKind, taskId: string, seq: number, log: TaskLog): AttemptOutcomes {
  const { db } = engine;
  const where = { taskId_seq: { taskId, seq } };
  const failBatch = (message: string) =>
    db.$transaction(async (tx) => {
      await lockTask(tx, taskId);
      await tx.taskBatch.update({ where, data: { state: 'failed', errorMessage: message, updatedAt: new Date() } });
      await settleBatchedTask(tx, engine, kind, taskId, log);
    });
  return {
    release: () => db.taskBatch.update({ where, data: { state: 'queued', updatedAt: new Date() } }).then(() => {}),
    fail: (_code, message) => failBatch(message),
    retryLater: (reference) => db.taskBatch.update({ where, data: { state: 'queued', errorMessage: `unexpected error, reference ${reference}`, updatedAt: new Date() } }).then(() => {}),
    giveUp: (reference, attempts) => failBatch(`batch ${seq + 1} failed ${attempts} times: unexpected error, reference ${reference}`),
  };
}

/** Drops the jobs of a cancelled task's queued batches; running ones see the task's state and stop. */
export async function cancelQueuedBatches(db: Db, boss: Boss, task: { id: string; kind: string }): Promise<void> {
  const batches = await db.taskBatch.findMany({ where: { taskId: task.id, state: 'queued', jobId: { not: null } }, select: { jobId: true } });
  const jobIds = batches.flatMap((batch) => (batch.jobId ? [batch.jobId] : []));
  if (jobIds.length) await boss.cancel(batchQueue(task.kind), jobIds).catch(() => {});
}

/** The task runs again from its saved batches: done ones stay done, the rest get new jobs. */
export async function retryUnfinishedBatches(db: Db, boss: Boss, id: string, kindName: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({
      where: { id, state: { in: ['error', 'cancelled'] } },
      data: { state: 'running', stage: 'trying the unfinished batches again', errorCode: null, errorMessage: null, finishedAt: null, updatedAt: new Date() },
    });
    if (!count) throw new TaskInputError('Only a failed or cancelled task can be tried again.');
    const unfinished = await tx.taskBatch.findMany({ where: { taskId: id, state: { not: 'done' } }, select: { seq: true, task: { select: { ownerId: true } } } });
    const first = unfinished[0] ? await batchPriority(tx, unfinished[0].task.ownerId, kindName, id) : 0;
    const jobs = unfinished.map(({ seq }, index) => ({ id: randomUUID(), priority: first - index, data: { taskId: id, seq } satisfies BatchJobData }));
    for (const job of jobs) {
      await tx.taskBatch.update({
        where: { taskId_seq: { taskId: id, seq: job.data.seq } },
        data: { state: 'queued', attempts: 0, errorMessage: null, jobId: job.id, updatedAt: new Date() },
      });
    }
    if (jobs.length) await boss.insert(batchQueue(kindName), jobs, { db: fromPrisma(tx) });
  });
}

/** Serialises the batches of one task deciding whether they were the last to settle. */
async function lockTask(tx: Prisma.TransactionClient, taskId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM task WHERE id = ${taskId}::uuid FOR UPDATE`;
}

/**
 * When no batch is left to run: marks the task ready with the kind's summary, or, when some
 * batches failed for good, `error` naming how many items were not processed (a retry runs just those).
 */
async function settleBatchedTask(tx: Prisma.TransactionClient, engine: TaskEngine, kind: BatchedTaskKind, taskId: string, log: TaskLog): Promise<void> {
  const batches = await tx.taskBatch.findMany({ where: { taskId }, select: { state: true, items: true, done: true, errorMessage: true }, orderBy: { seq: 'asc' } });
  if (batches.some((batch) => batch.state === 'queued' || batch.state === 'running')) return;
  const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
  if (task.state !== 'running') return;
  const failed = batches.filter((batch) => batch.state === 'failed');
  if (failed.length) {
    const missing = failed.reduce((sum, batch) => sum + batch.items - batch.done, 0);
    const total = batches.reduce((sum, batch) => sum + batch.items, 0);
    const message =
      `${missing} of ${total} ${kind.batches.unit} were not processed (${failed[0]?.errorMessage ?? 'unknown error'}). ` +
      `Everything else is saved; try again to process just those ${kind.batches.unit}.`;
    await tx.task.update({
      where: { id: taskId },
      data: { state: 'error', stage: 'failed', errorCode: 'batches_failed', errorMessage: message, finishedAt: new Date(), updatedAt: new Date() },
    });
    log('closed the run', { state: 'error', failedBatches: failed.length, missing });
    return;
  }
  const input = kind.input.parse(task.input);
  const result = await kind.batches.finish({ tx, taskId, ownerId: task.ownerId, input });
  const next = await prepareFollowUp(engine, kind, input, task.ownerId, log);
  await markReady(tx, engine, task, result, next);
  log('closed the run', { state: 'ready' });
}
