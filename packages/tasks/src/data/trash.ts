// Delete with a way back. A task card (a spreadsheet and its clean data) or a whole project goes
// to the trash: hidden everywhere at once, restorable as it was, and purged with its uploads and
// every derived row once the retention period (SIFT_TRASH_DAYS, 30 by default) has passed.
import type { Db } from '@sift/db';
import { TaskInputError } from '../errors.ts';

export const DEFAULT_TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TrashItem {
  kind: 'task' | 'project';
  id: string;
  name: string;
  deletedAt: string;
  /** When the purge removes it for good. */
  purgeAt: string;
}

/** Moves one of the owner's finished spreadsheet cards to the trash; false when there is no such card. */
export async function trashTask(db: Db, ownerId: string, taskId: string): Promise<boolean> {
  const task = await db.task.findFirst({ where: { id: taskId, ownerId, deletedAt: null } });
  if (!task) return false;
  if (task.kind !== 'spreadsheet') {
    throw new TaskInputError('Only spreadsheet cards can be deleted on their own; an import or a screening run goes with its project.');
  }
  if (task.state === 'queued' || task.state === 'running') throw new TaskInputError('This file is still being processed. Cancel it first, then delete it.');
  await db.task.update({ where: { id: taskId }, data: { deletedAt: new Date() } });
  return true;
}

/** Moves a project to the trash (its owners decide: the caller checks the role). */
export async function trashProject(db: Db, projectId: string): Promise<void> {
  await db.project.updateMany({ where: { id: projectId, deletedAt: null }, data: { deletedAt: new Date() } });
}

/** The asker's trash: their deleted cards, and deleted projects they own, newest first. */
export async function listTrash(db: Db, ownerId: string, trashDays: number): Promise<TrashItem[]> {
  const [tasks, projects] = await Promise.all([
    db.task.findMany({ where: { ownerId, deletedAt: { not: null } }, select: { id: true, title: true, deletedAt: true } }),
    db.project.findMany({ where: { deletedAt: { not: null }, members: { some: { memberId: ownerId, role: 'owner' } } }, select: { id: true, name: true, deletedAt: true } }),
  ]);
  const item = (kind: TrashItem['kind'], id: string, name: string, deletedAt: Date): TrashItem => ({
    kind, id, name, deletedAt: deletedAt.toISOString(), purgeAt: new Date(deletedAt.getTime() + trashDays * DAY_MS).toISOString(),
  });
  return [
    ...tasks.map((task) => item('task', task.id, task.title, task.deletedAt!)),
    ...projects.map((project) => item('project', project.id, project.name, project.deletedAt!)),
  ].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/** Takes an item out of the asker's trash, as it was; false when it is not in their trash (or was purged). */
export async function restoreFromTrash(db: Db, ownerId: string, item: { kind: TrashItem['kind']; id: string }): Promise<boolean> {
  const { count } =
    item.kind === 'task'
      ? await db.task.updateMany({ where: { id: item.id, ownerId, deletedAt: { not: null } }, data: { deletedAt: null } })
      : await db.project.updateMany({
          where: { id: item.id, deletedAt: { not: null }, members: { some: { memberId: ownerId, role: 'owner' } } },
          data: { deletedAt: null },
        });
  return count === 1;
}

/**
 * Removes for good what has been in the trash longer than `retentionMs`: projects with every row
 * that hangs off them (records, groups, decisions, members) and the tasks that read their files;
 * deleted cards with their clean data. Their uploads, now used by no task, go with the orphan
 * upload cleanup. One transaction, so a purge is never half done.
 */
export async function purgeTrash(db: Db, retentionMs: number): Promise<{ projects: number; tasks: number }> {
  const before = new Date(Date.now() - retentionMs);
  return db.$transaction(async (tx) => {
    const projects = await tx.project.findMany({ where: { deletedAt: { lt: before } }, select: { id: true } });
    const ids = projects.map((project) => project.id);
    const projectTasks = ids.length ? await tx.$executeRaw`DELETE FROM task WHERE input->>'projectId' = ANY(${ids}::text[])` : 0;
    await tx.project.deleteMany({ where: { id: { in: ids } } });
    const { count } = await tx.task.deleteMany({ where: { deletedAt: { lt: before } } });
    return { projects: ids.length, tasks: count + projectTasks };
  });
}
