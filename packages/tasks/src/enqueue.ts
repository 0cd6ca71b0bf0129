// Starting a task: its row and its pg-boss job are written through the caller's transaction, so
// both commit or neither does (pg-boss's `fromPrisma` adapter). createTask, a retry and a
// follow-up started by a finished task all come through here. Its priority takes the owner's
// turn among the others waiting (fairShare.ts).
import { randomUUID } from 'node:crypto';
import { fromPrisma } from 'pg-boss';
import type { Prisma, Task } from '@sift/db';
import type { Boss } from './boss.ts';
import { taskPriority } from './fairShare.ts';

/** Writes the task row and enqueues its job through the caller's transaction: both commit or neither does. */
export async function insertTaskWithJob(
  tx: Prisma.TransactionClient,
  boss: Boss,
  task: { ownerId: string; kind: string; title: string; input: Prisma.InputJsonValue },
): Promise<Task> {
  const id = randomUUID();
  const jobId = randomUUID();
  const priority = await taskPriority(tx, task.ownerId, task.kind);
  const created = await tx.task.create({ data: { ...task, id, jobId } });
  await boss.send(task.kind, { taskId: id }, { id: jobId, priority, db: fromPrisma(tx) });
  return created;
}
