// The operations the API offers on tasks. Every read and write is scoped to the owner: another
// owner's task is indistinguishable from a missing one. createTask writes the task row and its
// pg-boss job in one transaction, so neither can exist without the other.
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { fromPrisma } from 'pg-boss';
import type { Db, Prisma, Task } from '@sift/db';
import type { TaskEngine } from './boss.ts';
import { cancelQueuedBatches, retryUnfinishedBatches } from './batches.ts';
import { insertTaskWithJob } from './enqueue.ts';
import { TaskInputError } from './errors.ts';
import { taskPriority } from './fairShare.ts';
import { isBatched } from './taskKind.ts';
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

export function createTaskService(engine: TaskEngine): TaskService {
  const { db, boss } = engine;
  const kindsByName = new Map(engine.kinds.map((kind) => [kind.name, kind]));
  const statusReads = coalescedTaskReads(db);

  return {
    async create(ownerId, request) {
      const kind = kindsByName.get(request.kind);
      if (!kind) throw new TaskInputError(`Unknown task kind "${request.kind}".`);
      const parsed = kind.input.safeParse(request.input);
      if (!parsed.success) throw new TaskInputError(`Invalid input for ${kind.name}: ${parsed.error.message}`);
      const { title } = await kind.prepare(parsed.data, { ...engine, ownerId });
      const task = await db.$transaction((tx) =>
        insertTaskWithJob(tx, boss, { ownerId, kind: kind.name, title, input: parsed.data as Prisma.InputJsonValue }),
      );
      return toTaskStatus(task);
    },

    async status(ownerId, id) {
      const task = await statusReads.load(id);
      return task && task.ownerId === ownerId && !task.deletedAt ? toTaskStatus(task) : null;
    },

    async list(ownerId, { limit = 50, kind } = {}) {
      const tasks = await db.task.findMany({ where: { ownerId, kind, deletedAt: null }, orderBy: { createdAt: 'desc' }, take: limit });
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
      if (count) await cancelQueuedBatches(db, boss, task);
      const latest = await db.task.findUniqueOrThrow({ where: { id } });
      return toTaskStatus(latest);
    },

    async retry(ownerId, id) {
      const task = await db.task.findUnique({ where: { id } });
      if (!task || task.ownerId !== ownerId) return null;
      const kind = kindsByName.get(task.kind);
      if (kind && isBatched(kind) && (await db.taskBatch.count({ where: { taskId: id } }))) {
        await retryUnfinishedBatches(db, boss, id, kind.name);
        return toTaskStatus(await db.task.findUniqueOrThrow({ where: { id } }));
      }
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
        const priority = await taskPriority(tx, task.ownerId, task.kind, id);
        await boss.send(task.kind, { taskId: id }, { id: jobId, priority, db: fromPrisma(tx) });
        return tx.task.findUniqueOrThrow({ where: { id } });
      });
      return toTaskStatus(retried);
    },
  };
}
