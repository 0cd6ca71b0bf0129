// The end of a successful task, shared by single-job and batched kinds: the ready state with the
// kind's summary and, in the same transaction, the follow-up task the kind asks for, so a
// follow-up starts exactly once or not at all.
import type { Prisma } from '@sift/db';
import type { TaskEngine } from './boss.ts';
import { insertTaskWithJob } from './enqueue.ts';
import type { AnyTaskKind, TaskLog } from './taskKind.ts';

export interface FollowUp {
  kind: string;
  title: string;
  input: Prisma.InputJsonValue;
}

/** The follow-up task a kind asks for, checked and named by its own kind's prepare step; null when it cannot start. */
export async function prepareFollowUp(engine: TaskEngine, kind: AnyTaskKind, input: unknown, ownerId: string, log: TaskLog): Promise<FollowUp | null> {
  try {
    const request = kind.followUp?.(input);
    if (!request) return null;
    const nextKind = engine.kinds.find((candidate) => candidate.name === request.kind);
    if (!nextKind) {
      log('follow-up task not started', { error: `no task kind named "${request.kind}" is registered` });
      return null;
    }
    const { title } = await nextKind.prepare(nextKind.input.parse(request.input), { ...engine, ownerId });
    return { kind: nextKind.name, title, input: request.input as Prisma.InputJsonValue };
  } catch (error) {
    log('follow-up task not started', { error: error instanceof Error ? error.message : String(error) });
    return null; // this task's own work is done either way
  }
}

/** Marks a running task ready; starts its follow-up unless an identical one is still queued. */
export async function markReady(
  tx: Prisma.TransactionClient,
  engine: TaskEngine,
  task: { id: string; ownerId: string },
  result: Record<string, unknown>,
  next: FollowUp | null,
): Promise<void> {
  const { count } = await tx.task.updateMany({
    where: { id: task.id, state: 'running' },
    data: { state: 'ready', stage: 'done', result: result as Prisma.InputJsonValue, finishedAt: new Date(), updatedAt: new Date() },
  });
  if (!count || !next) return;
  const queued = await tx.task.findFirst({ where: { ownerId: task.ownerId, kind: next.kind, state: 'queued', input: { equals: next.input } } });
  if (!queued) await insertTaskWithJob(tx, engine.boss, { ownerId: task.ownerId, ...next });
}
