// What the operations page reads and does. pg-boss answers what it knows best (its queues' job
// counts, its registry of live processes, a dead-lettered job's error and stack, the redrive
// itself); the task table answers the rest (time-based figures, the failed tasks, their owners).
// Every action an operator takes goes through the same task service a researcher's retry or
// cancel does, so the task row and its job stay in step, and is written to operator_action.
import { fromPrisma, type JobWithMetadata } from 'pg-boss';
import type { Db, OperatorAction, Prisma, Task } from '@sift/db';
import type { Boss } from './boss.ts';
import type { CacheReadCounts, CacheSummary, PgCache } from './cache.ts';
import { TaskInputError } from './errors.ts';
import type { TaskService } from './taskService.ts';
import type { TaskStatus } from './taskView.ts';

/** Who acts: the name given at sign-in (the admin token is shared) and the request's address. */
export interface Operator {
  name: string;
  address: string;
}

export interface QueueView {
  name: string;
  deadLetterQueue: string | null;
  /** pg-boss's counts from its last monitor pass (every few seconds). */
  jobs: { ready: number; deferred: number; active: number; failed: number };
  /** Jobs waiting in the dead-letter queue: what a redrive would move back. */
  deadLettered: number;
  /** From the task table; null for a queue that runs no tasks (e.g. cache-cleanup) and none of this process's kinds. */
  tasks: TaskFigures | null;
}

export interface TaskFigures {
  waiting: number;
  /** Queued again after a failed attempt, waiting out pg-boss's backoff. */
  retrying: number;
  running: number;
  failed: number;
  completedLastHour: number;
  failedLastHour: number;
  /** When the longest-waiting queued task was created; null when none waits. */
  oldestWaitingSince: string | null;
  /** Seconds from created to first started, over tasks running or finished in the last hour. */
  pickupSeconds: { median: number; p95: number } | null;
}

export interface ProcessView {
  id: string;
  name: string | null;
  host: string;
  pid: number;
  /** Heard from within three heartbeats; false for one that went quiet without stopping (crashed). */
  live: boolean;
  startedAt: string;
  heartbeatAt: string;
  /** Queues it works; empty for an API-only process. */
  queues: string[];
  activeJobs: number;
  rssBytes: number | null;
}

export interface FailedTaskView {
  id: string;
  kind: string;
  title: string;
  /** The researcher's anonymous session id: opaque, shown so reports can be matched up. */
  ownerId: string;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Its last job is waiting in the dead-letter queue (retries used up), not a bad-input failure. */
  deadLettered: boolean;
}

export interface JobView {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface TaskDetailView extends FailedTaskView {
  state: Task['state'];
  stage: string;
  processed: number;
  total: number;
  input: unknown;
  startedAt: string | null;
  updatedAt: string;
  /** The job that ran it last, as pg-boss keeps it (until its retention removes it). */
  job: JobView | null;
  /** Its copy in the dead-letter queue, if its retries ran out. */
  deadLetter: JobView | null;
  /** The error the handler threw, as pg-boss stored it: message and stack. */
  thrown: { message: string; stack: string | null } | null;
}

export interface CacheView extends CacheSummary {
  /** This server process's reads since it started. */
  reads: CacheReadCounts;
}

export interface RedriveOutcome {
  moved: number;
  /** Dead-lettered jobs left in place: their task was retried or finished since. */
  skipped: number;
}

export interface OperatorActionView {
  id: string;
  at: string;
  operator: string;
  address: string;
  action: string;
  target: string;
  outcome: unknown;
}

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
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** pg-boss's own internal queues (e.g. "__pgboss__send-it"): not the operator's concern. */
const INTERNAL_QUEUE = /^__pgboss__/;

const NO_TASKS: TaskFigures = { waiting: 0, retrying: 0, running: 0, failed: 0, completedLastHour: 0, failedLastHour: 0, oldestWaitingSince: null, pickupSeconds: null };

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

    async actions(limit = 50) {
      const rows = await db.operatorAction.findMany({ orderBy: { at: 'desc' }, take: limit });
      return rows.map((row: OperatorAction) => ({ ...row, at: row.at.toISOString() }));
    },
  };
}

/** The task table's per-kind figures, in one pass over live tasks and those finished in the last hour. */
async function taskFigures(db: Db): Promise<Map<string, TaskFigures>> {
  const rows = await db.$queryRaw<
    {
      kind: string;
      waiting: number;
      retrying: number;
      running: number;
      completed_last_hour: number;
      failed_last_hour: number;
      oldest_waiting_since: Date | null;
      pickup_median: number | null;
      pickup_p95: number | null;
    }[]
  >`
    SELECT kind,
      (count(*) FILTER (WHERE state = 'queued' AND attempts = 0))::int AS waiting,
      (count(*) FILTER (WHERE state = 'queued' AND attempts > 0))::int AS retrying,
      (count(*) FILTER (WHERE state = 'running'))::int AS running,
      (count(*) FILTER (WHERE state = 'ready'))::int AS completed_last_hour,
      (count(*) FILTER (WHERE state = 'error'))::int AS failed_last_hour,
      min(created_at) FILTER (WHERE state = 'queued') AS oldest_waiting_since,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) FILTER (WHERE started_at IS NOT NULL) AS pickup_median,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) FILTER (WHERE started_at IS NOT NULL) AS pickup_p95
    FROM task
    WHERE state IN ('queued', 'running') OR (state IN ('ready', 'error') AND finished_at > now() - interval '1 hour')
    GROUP BY kind`;
  const failed = await db.task.groupBy({ by: ['kind'], where: { state: 'error' }, _count: true });
  const failedByKind = new Map(failed.map((row) => [row.kind, row._count]));
  const figures = new Map<string, TaskFigures>();
  for (const kind of new Set([...rows.map((row) => row.kind), ...failedByKind.keys()])) {
    const row = rows.find((candidate) => candidate.kind === kind);
    figures.set(kind, {
      waiting: row?.waiting ?? 0,
      retrying: row?.retrying ?? 0,
      running: row?.running ?? 0,
      failed: failedByKind.get(kind) ?? 0,
      completedLastHour: row?.completed_last_hour ?? 0,
      failedLastHour: row?.failed_last_hour ?? 0,
      oldestWaitingSince: row?.oldest_waiting_since?.toISOString() ?? null,
      pickupSeconds: row?.pickup_median == null || row.pickup_p95 == null ? null : { median: row.pickup_median, p95: row.pickup_p95 },
    });
  }
  return figures;
}

function failedTaskView(row: Task, deadLettered: boolean): FailedTaskView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    ownerId: row.ownerId,
    attempts: row.attempts,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    deadLettered,
  };
}

function jobView(job: JobWithMetadata<unknown>): JobView {
  return {
    id: job.id,
    queue: job.name,
    state: job.state,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    createdAt: iso(job.createdOn),
    startedAt: job.startedOn ? iso(job.startedOn) : null,
    completedAt: job.completedOn ? iso(job.completedOn) : null,
  };
}

/** pg-boss stores a thrown error as serialize-error's JSON: { name, message, stack, ... }. */
function errorOf(output: unknown): { message: string; stack: string | null } | null {
  if (!output || typeof output !== 'object' || !('message' in output)) return null;
  const { message, stack } = output as { message: unknown; stack?: unknown };
  return { message: String(message), stack: typeof stack === 'string' ? stack : null };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
