// Runs task kinds on pg-boss workers. For each job it claims the task row, gives the handler a
// context (progress, abort signal, services), and records the outcome: ready, error (bad input:
// no retry), retry (transient error: pg-boss retries with backoff, then dead-letters), or
// cancelled. Cancellation crosses processes through the task row, which the runner watches.
import type { Job, JobWithMetadata } from 'pg-boss';
import type { Prisma } from '@sift/db';
import type { Boss } from './boss.ts';
import { TaskFailure } from './errors.ts';
import { createProgressReporter } from './progress.ts';
import { insertTaskWithJob } from './taskService.ts';
import type { AnyTaskKind, TaskServices } from './taskKind.ts';

export interface WorkerOptions {
  /** Jobs run at once per kind in this process. (Default: 2) */
  concurrency?: number;
  /**
   * Backstop polling while LISTEN/NOTIFY wakes workers for new jobs; it is also how soon a
   * retry (a future-dated job, which sends no notification) is picked up. (Default: 2)
   */
  pollingIntervalSeconds?: number;
  /** How often a running task's row is checked for cancellation. (Default: 1000) */
  cancelPollMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface Workers {
  /** Stops taking jobs, lets running ones finish for up to `graceMs`, then aborts them so another process retries them. */
  stop(graceMs?: number): Promise<void>;
}

interface JobData {
  taskId: string;
}

class Cancelled extends Error {}
class ShuttingDown extends Error {}

export async function startWorkers(deps: TaskServices & { boss: Boss; kinds: readonly AnyTaskKind[] }, options: WorkerOptions = {}): Promise<Workers> {
  const { boss, db } = deps;
  const log = options.log ?? (() => {});
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  async function runJob(kind: AnyTaskKind, job: JobWithMetadata<JobData>, shutdown: AbortSignal): Promise<void> {
    const { taskId } = job.data;
    const claimed = await db.task.updateManyAndReturn({
      where: { id: taskId, state: { in: ['queued', 'running'] } },
      data: { state: 'running', stage: 'starting', attempts: { increment: 1 }, updatedAt: new Date() },
    });
    const task = claimed[0];
    if (!task) return; // cancelled or already finished: nothing to do, the job completes
    if (!task.startedAt) await db.task.update({ where: { id: taskId }, data: { startedAt: new Date() } });

    const controller = new AbortController();
    const abortOnShutdown = () => controller.abort(new ShuttingDown('shutting down'));
    job.signal.addEventListener('abort', abortOnShutdown, { once: true });
    shutdown.addEventListener('abort', abortOnShutdown, { once: true });
    const progress = createProgressReporter(async ({ done, total, stage }) => {
      const still = await db.$queryRaw<{ state: string }[]>`
        UPDATE task SET processed = GREATEST(processed, ${done}), total = ${total}, stage = ${stage}, updated_at = now()
        WHERE id = ${taskId}::uuid AND state = 'running' RETURNING state`;
      if (!still.length) controller.abort(new Cancelled('cancelled'));
    }, { onError: (error) => log('progress write failed', { taskId, error: String(error) }) });
    const watcher = setInterval(() => {
      db.task
        .findUnique({ where: { id: taskId }, select: { state: true } })
        .then((row) => {
          if (row?.state !== 'running') controller.abort(new Cancelled('cancelled'));
        })
        .catch(() => {}); // the database may be briefly away; the next tick checks again
    }, options.cancelPollMs ?? 1000);

    try {
      const input = kind.input.parse(task.input);
      const result = await kind.run({
        ...deps,
        taskId,
        ownerId: task.ownerId,
        input,
        attempt: task.attempts,
        signal: controller.signal,
        progress: progress.report,
      });
      await progress.flush();
      controller.signal.throwIfAborted();
      const next = await prepareFollowUp(kind, input, task.ownerId).catch((error: unknown) => {
        log('follow-up task not started', { taskId, error: error instanceof Error ? error.message : String(error) });
        return null; // this task's own work is done either way
      });
      await db.$transaction(async (tx) => {
        const { count } = await tx.task.updateMany({
          where: { id: taskId, state: 'running' },
          data: { state: 'ready', stage: 'done', result: result as Prisma.InputJsonValue, finishedAt: new Date(), updatedAt: new Date() },
        });
        if (!count || !next) return;
        const queued = await tx.task.findFirst({ where: { ownerId: task.ownerId, kind: next.kind, state: 'queued', input: { equals: next.input } } });
        if (!queued) await insertTaskWithJob(tx, boss, { ownerId: task.ownerId, ...next });
      });
      log('task ready', { taskId, jobId: job.id, followUp: next?.kind });
    } catch (error) {
      progress.stop();
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof Cancelled) {
        log('task cancelled', { taskId, jobId: job.id });
        return;
      }
      if (reason instanceof ShuttingDown) {
        await db.task.updateMany({
          where: { id: taskId, state: 'running' },
          data: { state: 'queued', stage: 'waiting for a worker (server restarting)', updatedAt: new Date() },
        });
        throw reason;
      }
      if (error instanceof TaskFailure) {
        await finishWithError(taskId, error.code, error.message);
        log('task failed', { taskId, jobId: job.id, code: error.code });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (job.retryCount >= job.retryLimit) {
        await finishWithError(
          taskId,
          'internal',
          `Sift could not finish this task after ${job.retryCount + 1} attempts (${message}). Try again later; if it keeps failing, report task ${taskId}.`,
        );
      } else {
        await db.task.updateMany({
          where: { id: taskId, state: 'running' },
          data: { state: 'queued', stage: `retrying after an error: ${message}`, updatedAt: new Date() },
        });
      }
      log('task attempt failed', { taskId, jobId: job.id, attempt: job.retryCount + 1, error: message });
      throw error;
    } finally {
      clearInterval(watcher);
      job.signal.removeEventListener('abort', abortOnShutdown);
      shutdown.removeEventListener('abort', abortOnShutdown);
    }

    async function finishWithError(id: string, code: string, message: string) {
      await db.task.updateMany({
        where: { id, state: 'running' },
        data: { state: 'error', stage: 'failed', errorCode: code, errorMessage: message, finishedAt: new Date(), updatedAt: new Date() },
      });
    }

  }

  /** The follow-up task a kind asks for, checked and named by its own kind's prepare step. */
  async function prepareFollowUp(kind: AnyTaskKind, input: unknown, ownerId: string) {
    const request = kind.followUp?.(input);
    const nextKind = request && deps.kinds.find((candidate) => candidate.name === request.kind);
    if (!request || !nextKind) return null;
    const { title } = await nextKind.prepare(nextKind.input.parse(request.input), { ...deps, ownerId });
    return { kind: nextKind.name, title, input: request.input as Prisma.InputJsonValue };
  }

  for (const kind of deps.kinds) {
    await boss.work<JobData>(
      kind.name,
      {
        localConcurrency: options.concurrency ?? 2,
        includeMetadata: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      async ([job]: JobWithMetadata<JobData>[] | Job<JobData>[]) => {
        if (!job) return;
        const controller = new AbortController();
        const done = runJob(kind, job as JobWithMetadata<JobData>, controller.signal);
        running.set(job.id, { controller, done });
        try {
          return await done;
        } finally {
          running.delete(job.id);
        }
      },
    );
  }

  return {
    async stop(graceMs = 10_000) {
      await Promise.all(deps.kinds.map((kind) => boss.offWork(kind.name, { wait: false })));
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
