// The operations the API offers on tasks. Every read and write is scoped to the owner: another
// owner's task is indistinguishable from a missing one. createTask writes the task row and its
// pg-boss job in one transaction, so neither can exist without the other.
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { fromPrisma } from 'pg-boss';
import type { Db, Prisma, Task } from '@sift/db';
import { batchQueue, type Boss } from './boss.ts';
import { TaskInputError } from './errors.ts';
import { isBatched, type AnyTaskKind, type TaskServices } from './taskKind.ts';
import { toTaskStatus, type TaskStatus } from './taskView.ts';

export interface TaskService {
  create(ownerId: string, request: { kind: string; input: unknown }): Promise<TaskStatus>;
  status(ownerId: string, id: string): Promise<TaskStatus | null>;
  /** The owner's newest tasks, optionally of one kind only. */
  list(ownerId: string, options?: { limit?: number; kind?: string | undefined }): Promise<TaskStatus[]>;
  /** Returns null when the task does not exist for this owner. */
  cancel(ownerId: string, id: string): Promise<TaskStatus | null>;
  /**
   * Queues a failed or cancelled task again; null when it does not exist for this owner. A
   * fanned-out task keeps its finished batches and re-queues only the others.
   */
  retry(ownerId: string, id: string): Promise<TaskStatus | null>;
}

/** Writes the task row and enqueues its job through the caller's transaction: both commit or neither does. */
export async function insertTaskWithJob(
  tx: Prisma.TransactionClient,
  boss: Boss,
  task: { ownerId: string; kind: string; title: string; input: Prisma.InputJsonValue },
): Promise<Task> {
  const id = randomUUID();
  const jobId = randomUUID();
  const created = await tx.task.create({ data: { ...task, id, jobId } });
  await boss.send(task.kind, { taskId: id }, { id: jobId, db: fromPrisma(tx) });
  return created;
}

/**
 * Task rows by id for status polls, coalesced: while one read is in flight, the ids asked for
 * meanwhile wait and share the next query. One browser polling waits for nothing extra; a
 * thousand polling at once share a query per round trip instead of making one each (bench: load).
 */
function coalescedTaskReads(db: Db): DataLoader<string, Task | null> {
  let inFlight: Promise<void> | null = null;
  return new DataLoader<string, Task | null>(
    (ids) => {
      const read = db.task.findMany({ where: { id: { in: [...ids] } } });
      const done: Promise<void> = read.then(
        () => {},
        () => {},
      ).then(() => {
        if (inFlight === done) inFlight = null;
      });
      inFlight = done;
      return read.then((tasks) => {
        const byId = new Map(tasks.map((task) => [task.id, task]));
        return ids.map((id) => byId.get(id) ?? null);
      });
    },
    {
      cache: false,
      maxBatchSize: 500,
      batchScheduleFn: (dispatch) => {
        if (inFlight) void inFlight.then(dispatch);
        else process.nextTick(dispatch);
      },
    },
  );
}

export function createTaskService(deps: TaskServices & { boss: Boss; kinds: readonly AnyTaskKind[] }): TaskService {
  const { db, boss } = deps;
  const kindsByName = new Map(deps.kinds.map((kind) => [kind.name, kind]));
  const statusReads = coalescedTaskReads(db);

  return {
    async create(ownerId, request) {
      const kind = kindsByName.get(request.kind);
      if (!kind) throw new TaskInputError(`Unknown task kind "${request.kind}".`);
      const parsed = kind.input.safeParse(request.input);
      if (!parsed.success) throw new TaskInputError(`Invalid input for ${kind.name}: ${parsed.error.message}`);
      const { title } = await kind.prepare(parsed.data, { ...deps, ownerId });
      const task = await db.$transaction((tx) =>
        insertTaskWithJob(tx, boss, { ownerId, kind: kind.name, title, input: parsed.data as Prisma.InputJsonValue }),
      );
      return toTaskStatus(task);
    },

    async status(ownerId, id) {
      const task = await statusReads.load(id);
      return task && task.ownerId === ownerId ? toTaskStatus(task) : null;
    },

    async list(ownerId, { limit = 50, kind } = {}) {
      const tasks = await db.task.findMany({ where: { ownerId, kind }, orderBy: { createdAt: 'desc' }, take: limit });
      const now = new Date();
      return tasks.map((task) => toTaskStatus(task, now));
    },

    async cancel(ownerId, id) {
      const task = await db.task.findUnique({ where: { id } });
      if (!task || task.ownerId !== ownerId) return null;
      const { count } = await db.task.updateMany({
        where: { id, state: { in: ['queued', 'running'] } },
        data: { state: 'cancelled', stage: 'cancelled', finishedAt: new Date(), updatedAt: new Date() },
      });
      // Queued jobs are dropped here; a running one is stopped by its worker, which sees the state change.
      if (count && task.jobId) await boss.cancel(task.kind, task.jobId).catch(() => {});
      if (count) {
        const batches = await db.taskBatch.findMany({ where: { taskId: id, state: 'queued', jobId: { not: null } }, select: { jobId: true } });
        const jobIds = batches.flatMap((batch) => (batch.jobId ? [batch.jobId] : []));
        if (jobIds.length) await boss.cancel(batchQueue(task.kind), jobIds).catch(() => {});
      }
      const latest = await db.task.findUniqueOrThrow({ where: { id } });
      return toTaskStatus(latest);
    },

    async retry(ownerId, id) {
      const task = await db.task.findUnique({ where: { id } });
      if (!task || task.ownerId !== ownerId) return null;
      const kind = kindsByName.get(task.kind);
      if (kind && isBatched(kind) && (await db.taskBatch.count({ where: { taskId: id } }))) return retryUnfinishedBatches(id, kind.name);
      const jobId = randomUUID();
      const retried = await db.$transaction(async (tx) => {
        // Only a finished, unsuccessful task starts over; the handler replaces what an earlier run saved.
        const { count } = await tx.task.updateMany({
          where: { id, state: { in: ['error', 'cancelled'] } },
          data: {
            state: 'queued', stage: 'queued again', jobId, processed: 0, total: 0,
            errorCode: null, errorMessage: null, startedAt: null, finishedAt: null, updatedAt: new Date(),
          },
        });
        if (!count) throw new TaskInputError('Only a failed or cancelled task can be tried again.');
        await boss.send(task.kind, { taskId: id }, { id: jobId, db: fromPrisma(tx) });
        return tx.task.findUniqueOrThrow({ where: { id } });
      });
      return toTaskStatus(retried);
    },
  };

  /** The task runs again from its saved batches: done ones stay done, the rest get new jobs. */
  async function retryUnfinishedBatches(id: string, kindName: string): Promise<TaskStatus> {
    return db.$transaction(async (tx) => {
      const { count } = await tx.task.updateMany({
        where: { id, state: { in: ['error', 'cancelled'] } },
        data: { state: 'running', stage: 'trying the unfinished batches again', errorCode: null, errorMessage: null, finishedAt: null, updatedAt: new Date() },
      });
      if (!count) throw new TaskInputError('Only a failed or cancelled task can be tried again.');
      const unfinished = await tx.taskBatch.findMany({ where: { taskId: id, state: { not: 'done' } }, select: { seq: true } });
      const jobs = unfinished.map(({ seq }) => ({ id: randomUUID(), data: { taskId: id, seq } }));
      for (const job of jobs) {
        await tx.taskBatch.update({
          where: { taskId_seq: { taskId: id, seq: job.data.seq } },
          data: { state: 'queued', attempts: 0, errorMessage: null, jobId: job.id, updatedAt: new Date() },
        });
      }
      if (jobs.length) await boss.insert(batchQueue(kindName), jobs, { db: fromPrisma(tx) });
      return toTaskStatus(await tx.task.findUniqueOrThrow({ where: { id } }));
    });
  }
}
