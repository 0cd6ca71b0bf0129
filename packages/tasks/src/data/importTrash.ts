// Deleting one import of a project with a way back. The import is marked, not copied: its records
// leave every read at once (liveRecords.ts), what de-duplication found among them goes (the caller
// starts a new run), and a restore brings the records back with every decision on them. The
// purge removes the import, its records and what hangs off them; a decision made on one of its
// records that also covers a copy elsewhere is kept, now about that copy.
import type { Db, Prisma } from '@sift/db';
import { TaskInputError } from '../errors.ts';
import { lockProjectGroups } from './groupStore.ts';

/** What goes with an import: said before it is deleted. */
export interface ImportDeletion {
  fileName: string;
  records: number;
  /** The researchers' decisions in force made on its records. */
  decisions: number;
}

export async function describeImportDeletion(db: Db, projectId: string, importId: string): Promise<ImportDeletion | null> {
  const entry = await db.literatureImport.findFirst({ where: { id: importId, projectId, deletedAt: null }, select: { fileName: true } });
  if (!entry) return null;
  const [counted] = await db.$queryRaw<{ records: number; decisions: number }[]>`
    SELECT (SELECT count(*)::int FROM literature_record WHERE import_id = ${importId}::uuid) AS records,
      (SELECT count(*)::int FROM screening_review sr JOIN literature_record r ON r.id = sr.record_id
       WHERE r.import_id = ${importId}::uuid AND sr.undone_at IS NULL) AS decisions`;
  return { fileName: entry.fileName, records: counted?.records ?? 0, decisions: counted?.decisions ?? 0 };
}

/**
 * Moves the import to the trash; false when the project has no such import (or it is in the trash
 * already). Under the project's group lock, so a de-duplication run in progress either finishes
 * first (and its groups are cleared here) or starts after and no longer sees the records.
 */
export async function trashImport(db: Db, projectId: string, importId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockProjectGroups(tx, projectId);
    const entry = await tx.literatureImport.findFirst({ where: { id: importId, projectId, deletedAt: null }, select: { taskId: true } });
    if (!entry) return false;
    const reads = { OR: [{ id: entry.taskId }, { input: { path: ['importId'], equals: importId } }] };
    if (await tx.task.count({ where: { ...reads, kind: 'literature-import', state: { in: ['queued', 'running'] } } })) {
      throw new TaskInputError('This file is still being read. Cancel it first, then delete it.');
    }
    await tx.literatureImport.update({ where: { id: importId }, data: { deletedAt: new Date() } });
    await forgetDuplicatesOf(tx, projectId, { importId });
    return true;
  });
}

/** What de-duplication found among an import's records: replaced whole by the next run anyway. */
async function forgetDuplicatesOf(tx: Prisma.TransactionClient, projectId: string, record: Prisma.LiteratureRecordWhereInput) {
  await tx.duplicateGroup.deleteMany({ where: { projectId, members: { some: { record } } } });
  await tx.possibleDuplicate.deleteMany({ where: { projectId, OR: [{ a: record }, { b: record }] } });
  await tx.relatedRecord.deleteMany({ where: { projectId, OR: [{ record }, { related: record }] } });
}

/** Takes an import out of the trash (an owner of its project asks); its project, or null when it is not in their trash. */
export async function restoreImport(db: Db, ownerId: string, importId: string): Promise<string | null> {
  const entry = await db.literatureImport.findFirst({
    where: { id: importId, deletedAt: { not: null }, project: { deletedAt: null, members: { some: { memberId: ownerId, role: 'owner' } } } },
    select: { projectId: true },
  });
  if (!entry) return null;
  const { count } = await db.literatureImport.updateMany({ where: { id: importId, deletedAt: { not: null } }, data: { deletedAt: null } });
  return count === 1 ? entry.projectId : null;
}

/**
 * Removes for good the imports deleted before `before`, in the caller's transaction: the tasks
 * that read them (their uploads then go with the orphan-upload cleanup) and the import rows, whose
 * records, screener decisions, ranks, second opinions and pairs go by cascade. A researcher's
 * decision made on one of the records but also covering a copy in another import is moved to that
 * copy first, so it stays in force there; the purged records leave every decision's `covers`.
 */
export async function purgeImports(tx: Prisma.TransactionClient, before: Date): Promise<{ imports: number; tasks: number }> {
  const imports = await tx.literatureImport.findMany({ where: { deletedAt: { lt: before } }, select: { id: true, taskId: true } });
  if (imports.length === 0) return { imports: 0, tasks: 0 };
  const ids = imports.map((entry) => entry.id);
  const purged = await tx.literatureRecord.findMany({ where: { importId: { in: ids } }, select: { id: true } });
  const recordIds = purged.map((record) => record.id);
  await tx.$executeRaw`
    UPDATE screening_review sr SET record_id = (
      SELECT c.id FROM unnest(sr.covers) WITH ORDINALITY AS c(id, n) JOIN literature_record r ON r.id = c.id
      WHERE r.import_id <> ALL(${ids}::uuid[]) ORDER BY c.n LIMIT 1)
    WHERE sr.record_id = ANY(${recordIds}::uuid[])
      AND EXISTS (SELECT 1 FROM unnest(sr.covers) AS c(id) JOIN literature_record r ON r.id = c.id WHERE r.import_id <> ALL(${ids}::uuid[]))`;
  await tx.$executeRaw`
    UPDATE screening_review SET covers = ARRAY(SELECT c FROM unnest(covers) AS c WHERE c <> ALL(${recordIds}::uuid[]))
    WHERE covers && ${recordIds}::uuid[]`;
  const tasks = await tx.$executeRaw`
    DELETE FROM task WHERE kind = 'literature-import'
      AND (id = ANY(${imports.map((entry) => entry.taskId)}::uuid[]) OR input->>'importId' = ANY(${ids}::text[]))`;
  await tx.literatureImport.deleteMany({ where: { id: { in: ids } } });
  return { imports: ids.length, tasks };
}
