// Delete with a way back. A task card (a spreadsheet and its clean data), one import of a project
// (importTrash.ts) or a whole project goes to the trash: hidden everywhere at once, restorable as
// it was, and purged with its uploads and every derived row once the retention period
// (SIFT_TRASH_DAYS, 30 by default) has passed.
import type { Db } from '@sift/db';
import { TaskInputError } from '../errors.ts';
import { purgeImports, restoreImport } from './importTrash.ts';

export const DEFAULT_TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TrashItem {
  kind: 'task' | 'import' | 'project';
  id: string;
  name: string;
  /** For an import: the project it was imported into. */
  projectName: string | null;
  deletedAt: string;
  /** When the purge removes it for good. */
  purgeAt: string;
}

/**
 * Moves one of the owner's finished spreadsheet cards to the trash, or a literature import of
 * theirs that failed before it saved anything (a card with no import to delete); false when there
 * is no such card.
 */
export async function trashTask(db: Db, ownerId: string, taskId: string): Promise<boolean> {
  const task = await db.task.findFirst({ where: { id: taskId, ownerId, deletedAt: null } });
  if (!task) return false;
  const failedRead = task.kind === 'literature-import' && !(await db.literatureImport.count({ where: { taskId } }));
  if (task.kind !== 'spreadsheet' && !failedRead) {
    throw new TaskInputError("Only spreadsheet cards can be deleted here. Delete an imported file from its project's list of files; a screening run goes with its project.");
  }
  if (task.state === 'queued' || task.state === 'running') throw new TaskInputError('This file is still being processed. Cancel it first, then delete it.');
  await db.task.update({ where: { id: taskId }, data: { deletedAt: new Date() } });
  return true;
}

/** Moves a project to the trash (its owners decide: the caller checks the role). */
export async function trashProject(db: Db, projectId: string): Promise<void> {
  await db.project.updateMany({ where: { id: projectId, deletedAt: null }, data: { deletedAt: new Date() } });
}

const ownedBy = (memberId: string) => ({ members: { some: { memberId, role: 'owner' as const } } });

/** The asker's trash: their deleted cards, deleted imports of projects they own, and deleted projects they own, newest first. */
export async function listTrash(db: Db, ownerId: string, trashDays: number): Promise<TrashItem[]> {
  const [tasks, imports, projects] = await Promise.all([
    db.task.findMany({ where: { ownerId, deletedAt: { not: null } }, select: { id: true, title: true, deletedAt: true } }),
    db.literatureImport.findMany({
      where: { deletedAt: { not: null }, project: { deletedAt: null, ...ownedBy(ownerId) } },
      select: { id: true, fileName: true, deletedAt: true, project: { select: { name: true } } },
    }),
    db.project.findMany({ where: { deletedAt: { not: null }, ...ownedBy(ownerId) }, select: { id: true, name: true, deletedAt: true } }),
  ]);
  const item = (kind: TrashItem['kind'], id: string, name: string, deletedAt: Date, projectName: string | null = null): TrashItem => ({
    kind, id, name, projectName, deletedAt: deletedAt.toISOString(), purgeAt: new Date(deletedAt.getTime() + trashDays * DAY_MS).toISOString(),
  });
  return [
    ...tasks.map((task) => item('task', task.id, task.title, task.deletedAt!)),
    ...imports.map((entry) => item('import', entry.id, entry.fileName, entry.deletedAt!, entry.project.name)),
    ...projects.map((project) => item('project', project.id, project.name, project.deletedAt!)),
  ].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/**
 * Takes an item out of the asker's trash, as it was; null when it is not in their trash (or was
 * purged). `rededup`: the project whose duplicates must be found again (a restored import's records are back).
 */
export async function restoreFromTrash(db: Db, ownerId: string, item: { kind: TrashItem['kind']; id: string }): Promise<{ rededup: string | null } | null> {
  if (item.kind === 'import') {
    const projectId = await restoreImport(db, ownerId, item.id);
    return projectId ? { rededup: projectId } : null;
  }
  const { count } =
    item.kind === 'task'
      ? await db.task.updateMany({ where: { id: item.id, ownerId, deletedAt: { not: null } }, data: { deletedAt: null } })
      : await db.project.updateMany({
          where: { id: item.id, deletedAt: { not: null }, ...ownedBy(ownerId) },
          data: { deletedAt: null },
        });
  return count === 1 ? { rededup: null } : null;
}

/**
 * Removes for good what has been in the trash longer than `retentionMs`: projects with every row
 * that hangs off them (records, groups, decisions, members) and the tasks that read their files;
 * imports with their records (purgeImports); deleted cards with their clean data. Their uploads,
 * now used by no task, go with the orphan upload cleanup. One transaction, so a purge is never half done.
 */
export async function purgeTrash(db: Db, retentionMs: number): Promise<{ projects: number; imports: number; tasks: number }> {
  const before = new Date(Date.now() - retentionMs);
  return db.$transaction(async (tx) => {
    const projects = await tx.project.findMany({ where: { deletedAt: { lt: before } }, select: { id: true } });
    const ids = projects.map((project) => project.id);
    const projectTasks = ids.length ? await tx.$executeRaw`DELETE FROM task WHERE input->>'projectId' = ANY(${ids}::text[])` : 0;
    await tx.project.deleteMany({ where: { id: { in: ids } } });
    const imports = await purgeImports(tx, before);
    const { count } = await tx.task.deleteMany({ where: { deletedAt: { lt: before } } });
    return { projects: ids.length, imports: imports.imports, tasks: count + projectTasks + imports.tasks };
  });
}
