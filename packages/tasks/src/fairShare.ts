// Fair turns between owners on a shared queue: a job's pg-boss priority is minus the number of
// its owner's jobs already waiting or running in that queue. pg-boss fetches by priority, then
// age, so one owner's backlog of 40 files is interleaved with everyone else's work: another
// researcher's single file (priority 0) runs as soon as a slot frees, not after the backlog.
// This is round robin by arrival rank (as Hatchet's GROUP_ROUND_ROBIN); it costs one count per
// enqueue and, unlike pg-boss's groupConcurrency, leaves a lone owner every worker slot.
import type { Prisma } from '@sift/db';

/** The priority of the next task job of `kind` for `ownerId`: 0 for an owner with nothing in the queue. */
export async function taskPriority(tx: Prisma.TransactionClient, ownerId: string, kind: string, excludeTaskId?: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ ahead: number }[]>`
    SELECT count(*)::int AS ahead FROM task
    WHERE owner_id = ${ownerId} AND kind = ${kind} AND state IN ('queued', 'running')
      AND id IS DISTINCT FROM ${excludeTaskId ?? null}::uuid`;
  return -(row?.ahead ?? 0);
}

/** The priority of the first of an owner's new batch jobs of `kind`; each later batch comes one lower. */
export async function batchPriority(tx: Prisma.TransactionClient, ownerId: string, kind: string, excludeTaskId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ ahead: number }[]>`
    SELECT count(*)::int AS ahead FROM task_batch b JOIN task t ON t.id = b.task_id
    WHERE t.owner_id = ${ownerId} AND t.kind = ${kind} AND t.state = 'running' -- a task whose batches wait is running
      AND b.state IN ('queued', 'running') AND b.task_id <> ${excludeTaskId}::uuid`;
  return -(row?.ahead ?? 0);
}
