// What the operations page shows, as plain views: the shapes of queues, processes, failed tasks,
// jobs, cache and audit rows, and the reads and conversions that build them from the task table
// and from pg-boss's records. operations.ts does the reading and the audited actions.
import type { JobWithMetadata } from 'pg-boss';
import type { Db, Task } from '@sift/db';
import type { CacheReadCounts, CacheSummary } from './cache.ts';

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

/** A kind with no live or recent tasks. */
export const NO_TASKS: TaskFigures = { waiting: 0, retrying: 0, running: 0, failed: 0, completedLastHour: 0, failedLastHour: 0, oldestWaitingSince: null, pickupSeconds: null };

/** The task table's per-kind figures, in one pass over live tasks and those finished in the last hour. */
export async function taskFigures(db: Db): Promise<Map<string, TaskFigures>> {
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

export function failedTaskView(row: Task, deadLettered: boolean): FailedTaskView {
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

export function jobView(job: JobWithMetadata<unknown>): JobView {
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
export function errorOf(output: unknown): { message: string; stack: string | null } | null {
  if (!output || typeof output !== 'object' || !('message' in output)) return null;
  const { message, stack } = output as { message: unknown; stack?: unknown };
  return { message: String(message), stack: typeof stack === 'string' ? stack : null };
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
