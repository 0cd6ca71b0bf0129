// Runs task kinds on pg-boss workers. For each job it claims the task row (or, for a batch job,
// the batch row), gives the handler a context (progress, abort signal, log, services), and
// records the outcome: ready, error (bad input: no retry), retry (transient error: pg-boss
// retries with backoff, then dead-letters), or cancelled. Cancellation crosses processes through
// the task row, which the runner watches. A batched kind's task job only plans: it commits the
// batch rows with their jobs, and the batch that settles last finishes the task.
import type { Job, JobWithMetadata } from 'pg-boss';
import { fromPrisma } from 'pg-boss';
import { Prisma } from '@sift/db';
import { batchQueue, type Boss } from './boss.ts';
import { TaskFailure } from './errors.ts';
import { createProgressReporter, type ProgressReporter } from './progress.ts';
import { taskLogContext } from './logContext.ts';
import { insertTaskWithJob } from './taskService.ts';
import { isBatched, type AnyTaskKind, type BatchedTaskKind, type TaskLog, type TaskServices } from './taskKind.ts';

export interface WorkerOptions {
  /** Jobs run at once per queue in this process. (Default: 2) */
  concurrency?: number;
  /**
   * Backstop polling while LISTEN/NOTIFY wakes workers for new jobs; it is also how soon a
   * retry (a future-dated job, which sends no notification) is picked up. (Default: 2)
   */
  pollingIntervalSeconds?: number;
  /** How often a running task's row is checked for cancellation. (Default: 1000) */
  cancelPollMs?: number;
  log?: TaskLog;
}

export interface Workers {
  /** Stops taking jobs, lets running ones finish for up to `graceMs`, then aborts them so another process retries them. */
  stop(graceMs?: number): Promise<void>;
}

interface TaskJobData {
  taskId: string;
}

interface BatchJobData {
  taskId: string;
  seq: number;
}

class Cancelled extends Error {}
class ShuttingDown extends Error {}

/** What an attempt that did not succeed does to the stored state, per outcome. */
interface AttemptOutcomes {
  /** The process is stopping: hand the work back for another worker. */
  release(): Promise<void>;
  /** Permanent failure (bad input): no retry. */
  fail(code: string, message: string): Promise<void>;
  /** Transient failure with retries left: pg-boss retries the job with backoff. */
  retryLater(message: string): Promise<void>;
  /** Transient failure after the last retry: pg-boss moves the job to the dead-letter queue. */
  giveUp(message: string, attempts: number): Promise<void>;
}

export async function startWorkers(deps: TaskServices & { boss: Boss; kinds: readonly AnyTaskKind[] }, options: WorkerOptions = {}): Promise<Workers> {
  const { boss, db } = deps;
  const baseLog = options.log ?? (() => {});
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  /**
   * An abort controller for one attempt: aborted with ShuttingDown when the job or the process
   * stops, and with Cancelled when the task row leaves `running` (polled, so it works across processes).
   */
  function superviseAttempt(taskId: string, job: JobWithMetadata<unknown>, shutdown: AbortSignal) {
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
    }, options.cancelPollMs ?? 1000);
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
  async function settleFailedAttempt(error: unknown, signal: AbortSignal, job: JobWithMetadata<unknown>, outcomes: AttemptOutcomes, log: TaskLog) {
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
      await outcomes.fail(error.code, error.message);
      log('failed', { code: error.code });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (job.retryCount >= job.retryLimit) await outcomes.giveUp(message, job.retryCount + 1);
    else await outcomes.retryLater(message);
    log('attempt failed', { attempt: job.retryCount + 1, error: message });
    throw error;
  }

  function writeTaskProgress(taskId: string, processed: Prisma.Sql | number, total: number | null, stage: string | null, onCancelled: () => void) {
    return db.$queryRaw<{ state: string }[]>`
      UPDATE task SET processed = GREATEST(processed, ${processed}), total = COALESCE(${total}::int, total),
        stage = COALESCE(${stage}, stage), updated_at = now()
      WHERE id = ${taskId}::uuid AND state = 'running' RETURNING state`.then((still) => {
      if (!still.length) onCancelled();
    });
  }

  async function runTaskJob(kind: AnyTaskKind, job: JobWithMetadata<TaskJobData>, shutdown: AbortSignal): Promise<void> {
    const { taskId } = job.data;
    const log: TaskLog = (message, fields) => baseLog(`task ${message}`, { taskId, jobId: job.id, kind: kind.name, ...fields });
    const claimed = await db.task.updateManyAndReturn({
      where: { id: taskId, state: { in: ['queued', 'running'] } },
      data: { state: 'running', stage: 'starting', attempts: { increment: 1 }, updatedAt: new Date() },
    });
    const task = claimed[0];
    if (!task) return; // cancelled or already finished: nothing to do, the job completes
    if (!task.startedAt) await db.task.update({ where: { id: taskId }, data: { startedAt: new Date() } });

    const attempt = superviseAttempt(taskId, job, shutdown);
    const { signal } = attempt.controller;
    const progress = createProgressReporter(({ done, total, stage }) => writeTaskProgress(taskId, done, total, stage, attempt.cancel), {
      onError: (error) => log('progress write failed', { error: String(error) }),
    });
    try {
      const input = kind.input.parse(task.input);
      const ctx = { ...deps, taskId, ownerId: task.ownerId, input, attempt: task.attempts, signal, log, progress: progress.report };
      if (isBatched(kind)) {
        await planBatches(kind, ctx, progress);
        return;
      }
      const result = await kind.run(ctx);
      await progress.flush();
      signal.throwIfAborted();
      const next = await prepareFollowUp(kind, input, task.ownerId, log);
      await db.$transaction((tx) => markReady(tx, taskId, task.ownerId, result, next));
      log('ready', { followUp: next?.kind });
    } catch (error) {
      progress.stop();
      await settleFailedAttempt(error, signal, job, taskOutcomes(taskId), log);
    } finally {
      attempt.end();
    }
  }

  /** Commits the batch rows and their jobs together, once: a re-run after a crash finds them and stops. */
  async function planBatches(kind: BatchedTaskKind, ctx: Parameters<BatchedTaskKind['batches']['plan']>[0], progress: ProgressReporter) {
    const { taskId } = ctx;
    if (await db.taskBatch.count({ where: { taskId } })) return;
    const plan = await kind.batches.plan(ctx);
    await progress.flush();
    ctx.signal.throwIfAborted();
    const total = plan.batches.reduce((sum, batch) => sum + batch.items, 0);
    await db.$transaction(async (tx) => {
      const [task] = await tx.$queryRaw<{ state: string }[]>`SELECT state FROM task WHERE id = ${taskId}::uuid FOR UPDATE`;
      if (task?.state !== 'running') return;
      const rows = plan.batches.map((batch, seq) => ({ taskId, seq, items: batch.items, payload: batch.payload, jobId: crypto.randomUUID() }));
      await tx.taskBatch.createMany({ data: rows });
      await tx.task.update({ where: { id: taskId }, data: { total, stage: plan.stage, updatedAt: new Date() } });
      if (rows.length) {
        await boss.insert(batchQueue(kind.name), rows.map((row) => ({ id: row.jobId, data: { taskId, seq: row.seq } satisfies BatchJobData })), { db: fromPrisma(tx) });
      } else {
        await settleBatchedTask(tx, kind, taskId, ctx.log);
      }
    });
    ctx.log('planned', { batches: plan.batches.length, items: total });
  }

  async function runBatchJob(kind: BatchedTaskKind, job: JobWithMetadata<BatchJobData>, shutdown: AbortSignal): Promise<void> {
    const { taskId, seq } = job.data;
    const log: TaskLog = (message, fields) => baseLog(`batch ${message}`, { taskId, jobId: job.id, kind: kind.name, batch: seq, ...fields });
    const [batch] = await db.$queryRaw<{ items: number; done: number; payload: unknown; attempts: number; input: unknown; ownerId: string }[]>`
      UPDATE task_batch b SET state = 'running', attempts = b.attempts + 1, updated_at = now()
      FROM task t
      WHERE b.task_id = ${taskId}::uuid AND b.seq = ${seq} AND b.state IN ('queued', 'running') AND t.id = b.task_id AND t.state = 'running'
      RETURNING b.items, b.done, b.payload, b.attempts, t.input, t.owner_id AS "ownerId"`;
    if (!batch) return; // done, failed for good, or its task was cancelled: the job completes

    const attempt = superviseAttempt(taskId, job, shutdown);
    const { signal } = attempt.controller;
    const progress = createProgressReporter(
      async ({ done }) => {
        await db.$executeRaw`UPDATE task_batch SET done = GREATEST(done, ${done}), updated_at = now() WHERE task_id = ${taskId}::uuid AND seq = ${seq}`;
        await writeTaskProgress(taskId, sumOfBatches(taskId), null, null, attempt.cancel);
      },
      { onError: (error) => log('progress write failed', { error: String(error) }) },
    );
    const outcomes = batchOutcomes(kind, taskId, seq, log);
    try {
      const input = kind.input.parse(batch.input);
      await kind.batches.run({
        ...deps,
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
      await db.$transaction(async (tx) => {
        await lockTask(tx, taskId);
        await tx.taskBatch.update({ where: { taskId_seq: { taskId, seq } }, data: { state: 'done', done: batch.items, updatedAt: new Date() } });
        await settleBatchedTask(tx, kind, taskId, log);
      });
      log('done', { items: batch.items });
    } catch (error) {
      // Cancelled or shutting down: the items finished so far stay finished (the last report may
      // not have been written yet), so the next attempt starts after them instead of redoing them.
      if (signal.aborted) await progress.flush();
      progress.stop();
      await settleFailedAttempt(error, signal, job, outcomes, log);
    } finally {
      attempt.end();
    }
  }

  function sumOfBatches(taskId: string): Prisma.Sql {
    return Prisma.sql`(SELECT COALESCE(sum(done), 0)::int FROM task_batch WHERE task_id = ${taskId}::uuid)`;
  }

  /** Serialises the batches of one task deciding whether they were the last to settle. */
  async function lockTask(tx: Prisma.TransactionClient, taskId: string) {
    await tx.$queryRaw`SELECT 1 FROM task WHERE id = ${taskId}::uuid FOR UPDATE`;
  }

  /**
   * When no batch is left to run: marks the task ready with the kind's summary, or, when some
   * batches failed for good, `error` naming how many items were not processed (a retry runs just those).
   */
  async function settleBatchedTask(tx: Prisma.TransactionClient, kind: BatchedTaskKind, taskId: string, log: TaskLog) {
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
    const next = await prepareFollowUp(kind, input, task.ownerId, log);
    await markReady(tx, taskId, task.ownerId, result, next);
    log('closed the run', { state: 'ready' });
  }

  async function markReady(tx: Prisma.TransactionClient, taskId: string, ownerId: string, result: Record<string, unknown>, next: FollowUp | null) {
    const { count } = await tx.task.updateMany({
      where: { id: taskId, state: 'running' },
      data: { state: 'ready', stage: 'done', result: result as Prisma.InputJsonValue, finishedAt: new Date(), updatedAt: new Date() },
    });
    if (!count || !next) return;
    const queued = await tx.task.findFirst({ where: { ownerId, kind: next.kind, state: 'queued', input: { equals: next.input } } });
    if (!queued) await insertTaskWithJob(tx, boss, { ownerId, ...next });
  }

  function taskOutcomes(taskId: string): AttemptOutcomes {
    const update = (data: Prisma.TaskUpdateManyMutationInput) => db.task.updateMany({ where: { id: taskId, state: 'running' }, data: { ...data, updatedAt: new Date() } }).then(() => {});
    const finishWithError = (code: string, message: string) => update({ state: 'error', stage: 'failed', errorCode: code, errorMessage: message, finishedAt: new Date() });
    return {
      release: () => update({ state: 'queued', stage: 'waiting for a worker (server restarting)' }),
      fail: finishWithError,
      retryLater: (message) => update({ state: 'queued', stage: `retrying after an error: ${message}` }),
      giveUp: (message, attempts) =>
        finishWithError('internal', `Sift could not finish this task after ${attempts} attempts (${message}). Try again later; if it keeps failing, report task ${taskId}.`),
    };
  }

  function batchOutcomes(kind: BatchedTaskKind, taskId: string, seq: number, log: TaskLog): AttemptOutcomes {
    const where = { taskId_seq: { taskId, seq } };
    const failBatch = (message: string) =>
      db.$transaction(async (tx) => {
        await lockTask(tx, taskId);
        await tx.taskBatch.update({ where, data: { state: 'failed', errorMessage: message, updatedAt: new Date() } });
        await settleBatchedTask(tx, kind, taskId, log);
      });
    return {
      release: () => db.taskBatch.update({ where, data: { state: 'queued', updatedAt: new Date() } }).then(() => {}),
      fail: (_code, message) => failBatch(message),
      retryLater: (message) => db.taskBatch.update({ where, data: { state: 'queued', errorMessage: message, updatedAt: new Date() } }).then(() => {}),
      giveUp: (message, attempts) => failBatch(`batch ${seq + 1} failed ${attempts} times: ${message}`),
    };
  }

  type FollowUp = { kind: string; title: string; input: Prisma.InputJsonValue };

  /** The follow-up task a kind asks for, checked and named by its own kind's prepare step; null when it cannot start. */
  async function prepareFollowUp(kind: AnyTaskKind, input: unknown, ownerId: string, log: TaskLog): Promise<FollowUp | null> {
    try {
      const request = kind.followUp?.(input);
      const nextKind = request && deps.kinds.find((candidate) => candidate.name === request.kind);
      if (!request || !nextKind) return null;
      const { title } = await nextKind.prepare(nextKind.input.parse(request.input), { ...deps, ownerId });
      return { kind: nextKind.name, title, input: request.input as Prisma.InputJsonValue };
    } catch (error) {
      log('follow-up task not started', { error: error instanceof Error ? error.message : String(error) });
      return null; // this task's own work is done either way
    }
  }

  /**
   * Works one queue with `concurrency` workers; each job runs inside the task's log context, so
   * every line its work logs names the task and job.
   */
  async function work<Data extends TaskJobData>(queue: string, kindName: string, handle: (job: JobWithMetadata<Data>, shutdown: AbortSignal) => Promise<void>) {
    const polling = options.pollingIntervalSeconds ?? 2;
    // One pg-boss worker per slot, so each knows its own id: after a job it asks pg-boss to fetch
    // again at once (notifyWorker) rather than wait out the poll, so a backlog (every batch of a
    // fanned-out task, or files queued while the workers were busy) runs back to back, while an
    // idle queue still costs one fetch per poll.
    for (let slot = 0; slot < (options.concurrency ?? 2); slot++) {
      const worker: { id?: string } = {};
      worker.id = await boss.work<Data>(
        queue,
        { localConcurrency: 1, includeMetadata: true, pollingIntervalSeconds: polling, notifyPollingIntervalSeconds: polling },
        async ([next]: JobWithMetadata<Data>[] | Job<Data>[]) => {
          if (!next) return;
          const job = next as JobWithMetadata<Data>;
          const controller = new AbortController();
          const context = { taskId: job.data.taskId, jobId: job.id, kind: kindName, attempt: job.retryCount + 1 };
          const done = taskLogContext.run(context, () => handle(job, controller.signal));
          running.set(job.id, { controller, done });
          try {
            return await done;
          } finally {
            running.delete(job.id);
            if (worker.id) boss.notifyWorker(worker.id);
          }
        },
      );
    }
  }

  const queues: string[] = [];
  for (const kind of deps.kinds) {
    await work<TaskJobData>(kind.name, kind.name, (job, shutdown) => runTaskJob(kind, job, shutdown));
    queues.push(kind.name);
    if (isBatched(kind)) {
      await work<BatchJobData>(batchQueue(kind.name), kind.name, (job, shutdown) => runBatchJob(kind, job, shutdown));
      queues.push(batchQueue(kind.name));
    }
  }

  return {
    async stop(graceMs = 10_000) {
      await Promise.all(queues.map((queue) => boss.offWork(queue, { wait: false })));
      const settled = Promise.allSettled([...running.values()].map((entry) => entry.done));
      const timedOut = await Promise.race([settled.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        for (const entry of running.values()) entry.controller.abort();
        await Promise.allSettled([...running.values()].map((entry) => entry.done));
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
