// The work loop: one pg-boss worker per slot on every queue of every kind (a kind's task queue,
// and a batched kind's batch queue), each job run inside its task's log context, and stop with a
// grace period after which running jobs are aborted so another process retries them. What one
// job does lives in taskJob.ts and batchJob.ts; what a failed attempt does, in attempt.ts.
import type { Job, JobWithMetadata } from 'pg-boss';
import { batchQueue, type TaskEngine } from '../boss.ts';
import type { BatchJobData } from '../batches.ts';
import { taskLogContext } from '../logContext.ts';
import { isBatched, type TaskLog } from '../taskKind.ts';
import { runBatchJob } from './batchJob.ts';
import { runTaskJob, type JobEnv, type TaskJobData } from './taskJob.ts';

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

export async function startWorkers(engine: TaskEngine, options: WorkerOptions = {}): Promise<Workers> {
  const { boss } = engine;
  const env: JobEnv = { engine, log: options.log ?? (() => {}), cancelPollMs: options.cancelPollMs ?? 1000 };
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

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
  for (const kind of engine.kinds) {
    await work<TaskJobData>(kind.name, kind.name, (job, shutdown) => runTaskJob(env, kind, job, shutdown));
    queues.push(kind.name);
    if (isBatched(kind)) {
      await work<BatchJobData>(batchQueue(kind.name), kind.name, (job, shutdown) => runBatchJob(env, kind, job, shutdown));
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
