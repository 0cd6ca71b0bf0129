// What the operations page reads and does. pg-boss answers what it knows best (its queues' job
// counts, its registry of live processes, a dead-lettered job's error and stack, the redrive
// itself); the task table answers the rest (time-based figures, the failed tasks, their owners).
// Every action an operator takes goes through the same task service a researcher's retry or
// cancel does, so the task row and its job stay in step, and is written to operator_action.
import { fromPrisma, type JobWithMetadata } from 'pg-boss';
import type { Db, OperatorAction, Prisma } from '@sift/db';
import type { Boss } from './boss.ts';
import type { PgCache } from './cache.ts';
import { TaskInputError } from './errors.ts';
import {
  errorOf, failedTaskView, iso, jobView, NO_TASKS, taskFigures,
  type CacheView, type FailedTaskView, type Operator, type OperatorActionView, type ProcessView, type QueueView, type RedriveOutcome, type TaskDetailView,
} from './operationViews.ts';
import type { TaskService } from './taskService.ts';
import type { TaskStatus } from './taskView.ts';

export interface Operations {
  queues(): Promise<QueueView[]>;
  processes(): Promise<ProcessView[]>;
  failedTasks(options?: { kind?: string | undefined; limit?: number }): Promise<{ total: number; tasks: FailedTaskView[] }>;
  task(id: string): Promise<TaskDetailView | null>;
  /** Queues a failed or cancelled task again, for whoever owns it; null when there is no such task. */
  retryTask(operator: Operator, id: string): Promise<TaskStatus | null>;
  /** Cancels a queued or running task (e.g. one stuck behind a dead dependency); null when there is no such task. */
  cancelTask(operator: Operator, id: string): Promise<TaskStatus | null>;
  /** Moves a queue's dead-lettered jobs back to it and queues their tasks again. */
  redrive(operator: Operator, queue: string): Promise<RedriveOutcome>;
  cache(): Promise<CacheView>;
  clearCachePrefix(operator: Operator, prefix: string): Promise<{ removed: number }>;
  actions(limit?: number): Promise<OperatorActionView[]>;
  /** Writes an action taken outside the task layer (e.g. issuing a password reset link) to the audit log. */
  record(operator: Operator, action: string, target: string, outcome: Prisma.InputJsonValue): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** pg-boss's own internal queues (e.g. "__pgboss__send-it"): not the operator's concern. */
const INTERNAL_QUEUE = /^__pgboss__/;

export function createOperations(deps: { db: Db; boss: Boss; cache: PgCache; tasks: TaskService; kindNames: readonly string[] }): Operations {
  const { db, boss, cache, tasks } = deps;
  const kindNames = new Set(deps.kindNames);

  async function audit(client: Prisma.TransactionClient | Db, operator: Operator, action: string, target: string, outcome: Prisma.InputJsonValue) {
    await client.operatorAction.create({ data: { operator: operator.name, address: operator.address, action, target, outcome } });
  }

  /** Dead-lettered jobs of a queue, waiting there (pg-boss reads at most 1,000, oldest first). */
  async function deadLettersOf(queue: string, filter: { taskId?: string } = {}): Promise<JobWithMetadata<{ taskId?: string }>[]> {
    const deadLetterQueue = (await boss.getQueue(queue))?.deadLetter;
    if (!deadLetterQueue) return [];
    return boss.findJobs<{ taskId?: string }>(deadLetterQueue, { queued: true, ...(filter.taskId ? { data: { taskId: filter.taskId } } : {}) });
  }

  return {
    async queues() {
      const [queues, figures] = await Promise.all([boss.getQueues(), taskFigures(db)]);
      const byName = new Map(queues.map((queue) => [queue.name, queue]));
      const deadLetterQueues = new Set(queues.map((queue) => queue.deadLetter).filter(Boolean));
      return queues
        .filter((queue) => !deadLetterQueues.has(queue.name) && !INTERNAL_QUEUE.test(queue.name))
        .map((queue) => ({
          name: queue.name,
          deadLetterQueue: queue.deadLetter ?? null,
          jobs: { ready: queue.readyCount, deferred: queue.deferredCount, active: queue.activeCount, failed: queue.failedCount },
          deadLettered: (queue.deadLetter && byName.get(queue.deadLetter)?.queuedCount) || 0,
          tasks: figures.get(queue.name) ?? (kindNames.has(queue.name) ? NO_TASKS : null),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async processes() {
      const recent = Date.now() - DAY_MS;
      return (await boss.getInstances())
        .filter((instance) => instance.live || (!instance.stoppedOn && new Date(instance.heartbeatOn).getTime() > recent))
        .map((instance) => ({
          id: instance.id,
          name: instance.name,
          host: instance.host,
          pid: instance.pid,
          live: instance.live,
          startedAt: iso(instance.startedOn),
          heartbeatAt: iso(instance.heartbeatOn),
          queues: [...new Set(instance.workers.map((worker) => worker.queue))].sort(),
          activeJobs: instance.workers.reduce((sum, worker) => sum + worker.active, 0),
          rssBytes: instance.metrics?.rss ?? null,
        }))
        .sort((a, b) => Number(b.live) - Number(a.live) || b.heartbeatAt.localeCompare(a.heartbeatAt));
    },

    async failedTasks({ kind, limit = 50 } = {}) {
      const where = { state: 'error' as const, kind };
      const [total, rows] = await Promise.all([
        db.task.count({ where }),
        db.task.findMany({ where, orderBy: { finishedAt: 'desc' }, take: limit }),
      ]);
      const deadLetteredIds = new Set<string>();
      for (const queue of new Set(rows.map((row) => row.kind))) {
        for (const job of await deadLettersOf(queue)) if (job.data.taskId) deadLetteredIds.add(job.data.taskId);
      }
      return { total, tasks: rows.map((row) => failedTaskView(row, deadLetteredIds.has(row.id))) };
    },

    async task(id) {
      const row = await db.task.findUnique({ where: { id } });
      if (!row) return null;
      const queue = await boss.getQueue(row.kind); // null for a kind whose queue was removed since
      const [job] = queue && row.jobId ? await boss.findJobs(row.kind, { id: row.jobId }) : [];
      // The newest dead-lettered copy of this task's job, waiting or not.
      const deadLetter = queue?.deadLetter ? (await boss.findJobs<{ taskId?: string }>(queue.deadLetter, { data: { taskId: id } })).at(-1) : undefined;
      const thrown = errorOf(job?.state === 'failed' ? job.output : undefined) ?? errorOf(deadLetter?.sourceOutput);
      return {
        ...failedTaskView(row, deadLetter !== undefined && deadLetter.state === 'created' && deadLetter.sourceId === row.jobId),
        state: row.state,
        stage: row.stage,
        processed: row.processed,
        total: row.total,
        input: row.input,
        startedAt: row.startedAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
        job: job ? jobView(job) : null,
        deadLetter: deadLetter ? jobView(deadLetter) : null,
        thrown,
      };
    },

    async retryTask(operator, id) {
      const row = await db.task.findUnique({ where: { id } });
      if (!row) return null;
      const status = await tasks.retry(row.ownerId, id);
      // The task runs again under a new job; its dead-lettered copy would run it twice if redriven later.
      const stale = await deadLettersOf(row.kind, { taskId: id });
      if (stale[0]) await boss.deleteJob(stale[0].name, stale.map((job) => job.id));
      await audit(db, operator, 'retry-task', id, { kind: row.kind, from: row.state, droppedDeadLetters: stale.length });
      return status;
    },

    async cancelTask(operator, id) {
      const row = await db.task.findUnique({ where: { id } });
      if (!row) return null;
      if (row.state !== 'queued' && row.state !== 'running') {
        throw new TaskInputError(`Only a queued or running task can be cancelled; this one is ${row.state}.`);
      }
      const status = await tasks.cancel(row.ownerId, id);
      await audit(db, operator, 'cancel-task', id, { kind: row.kind, from: row.state });
      return status;
    },

    async redrive(operator, queue) {
      const deadLetterQueue = (await boss.getQueue(queue))?.deadLetter;
      if (!deadLetterQueue) throw new TaskInputError(`Queue "${queue}" has no dead-letter queue to redrive.`);
      const waiting = await boss.findJobs<{ taskId?: string }>(deadLetterQueue, { queued: true });
      const taskIds = waiting.map((job) => job.data.taskId).filter((taskId): taskId is string => !!taskId);
      const rows = new Map((await db.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, state: true, jobId: true } })).map((row) => [row.id, row]));
      // Only a job that is still its task's last word: the task failed with it and nobody retried it since.
      const movable = waiting.filter((job) => {
        const row = job.data.taskId ? rows.get(job.data.taskId) : undefined;
        return row?.state === 'error' && row.jobId === job.sourceId;
      });
      const outcome = { moved: 0, skipped: waiting.length - movable.length };
      await db.$transaction(async (tx) => {
        if (movable.length) {
          outcome.moved = await boss.redrive(deadLetterQueue, { ids: movable.map((job) => job.id), db: fromPrisma(tx) });
          // pg-boss gives each redriven job a new id; the task row follows its job so a cancel can still drop it.
          // (pg-boss's job table, in its default "pgboss" schema, is documented public SQL.)
          await tx.$executeRaw`
            UPDATE task SET state = 'queued', stage = 'queued again (redriven by an operator)', job_id = j.id,
              processed = 0, total = 0, error_code = NULL, error_message = NULL, started_at = NULL, finished_at = NULL, updated_at = now()
            FROM pgboss.job j
            WHERE j.name = ${queue} AND j.state = 'created' AND j.data->>'taskId' = task.id::text
              AND task.id = ANY(${movable.map((job) => job.data.taskId!)}::uuid[]) AND task.state = 'error'`;
        }
        await audit(tx, operator, 'redrive-dead-letters', queue, { ...outcome });
      });
      return outcome;
    },

    async cache() {
      return { ...(await cache.summary()), reads: cache.readCounts() };
    },

    async clearCachePrefix(operator, prefix) {
      if (!prefix) throw new TaskInputError('Name the key prefix to clear, e.g. "dataset-order:". Clearing everything at once is not offered.');
      const removed = await cache.deletePrefix(prefix);
      await audit(db, operator, 'clear-cache', prefix, { removed });
      return { removed };
    },

    record(operator, action, target, outcome) {
      return audit(db, operator, action, target, outcome);
    },

    async actions(limit = 50) {
      const rows = await db.operatorAction.findMany({ orderBy: { at: 'desc' }, take: limit });
      return rows.map((row: OperatorAction) => ({ ...row, at: row.at.toISOString() }));
    },
  };
}
