// The researcher's own screening decisions: record one (a new audit row covering the record and
// its copies), undo the newest, and read the history that reaches a record. Owner-scoped: another
// owner's run or project reads as missing (null).
import { Prisma, type Db, type Decision } from '@sift/db';
import { effectiveDecisions, findRun, reviewReach } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';
import { findProject } from './projectStore.ts';

export type ReviewableDecision = Exclude<Decision, 'conflict'>;

/** Records the researcher's decision on one record (a new audit row); null when the run or record is not theirs. */
export async function reviewRecord(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recordId: string; decision: ReviewableDecision; note?: string | undefined },
): Promise<{ before: Decision | null; decision: ReviewableDecision } | null> {
  const run = await findRun(db, ownerId, request.projectId, request.taskId);
  if (!run) return null;
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ effective: Decision }[]>`
      ${effectiveDecisions(request.projectId, request.taskId)}
      SELECT effective FROM screened WHERE record_id = ${request.recordId}::uuid AND ${isLive(Prisma.sql`record_id`)}`;
    if (!current) return null;
    await tx.screeningReview.create({
      data: {
        projectId: request.projectId,
        recordId: request.recordId,
        covers: await groupedWith(tx, request.recordId),
        criteriaId: run.criteria.id,
        reviewer: ownerId,
        before: current.effective,
        decision: request.decision,
        note: request.note ?? null,
      },
    });
    return { before: current.effective, decision: request.decision };
  });
}

/**
 * Undoes the researcher's newest decision in force on a record: it stays in the audit trail,
 * marked undone, and the decision before it (an earlier one of theirs, or the screener's) is in
 * force again. Null when the run or record is not theirs, or there is nothing to undo.
 */
export async function undoReview(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recordId: string },
): Promise<{ undone: Decision; now: Decision } | null> {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  return db.$transaction(async (tx) => {
    const [newest] = await tx.$queryRaw<{ id: string; decision: Decision }[]>`
      WITH ${reviewReach(request.projectId)}
      SELECT id, decision FROM review_reach WHERE record_id = ${request.recordId}::uuid ORDER BY created_at DESC LIMIT 1`;
    if (!newest) return null;
    await tx.screeningReview.update({ where: { id: newest.id }, data: { undoneAt: new Date() } });
    const [now] = await tx.$queryRaw<{ effective: Decision }[]>`
      ${effectiveDecisions(request.projectId, request.taskId)} SELECT effective FROM screened WHERE record_id = ${request.recordId}::uuid`;
    return now ? { undone: newest.decision, now: now.effective } : null;
  });
}

/** The record and the copies grouped with it now: what a decision made on it is about. */
async function groupedWith(tx: Prisma.TransactionClient, recordId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT ${recordId}::uuid AS id
    UNION SELECT m2.record_id FROM duplicate_group_member m1 JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id WHERE m1.record_id = ${recordId}::uuid`;
  return rows.map((row) => row.id);
}

export interface ReviewEntry {
  id: string;
  reviewer: string;
  before: Decision | null;
  decision: Decision;
  note: string | null;
  criteriaVersion: number;
  createdAt: string;
  /** When the researcher undid it; an undone decision is no longer in force. */
  undoneAt: string | null;
  /** Made on another copy of this record (a duplicate), which reaches this one. */
  onAnotherCopy: boolean;
}

/** Every decision the researcher made that reaches one record (on it or on a copy of it), newest first: the audit trail. */
export async function reviewHistory(db: Db, ownerId: string, projectId: string, recordId: string): Promise<ReviewEntry[] | null> {
  if (!(await findProject(db, ownerId, projectId))) return null;
  const rows = await db.$queryRaw<(Omit<ReviewEntry, 'createdAt' | 'undoneAt'> & { createdAt: Date; undoneAt: Date | null })[]>`
    SELECT sr.id, sr.reviewer, sr.before, sr.decision, sr.note, rc.version AS "criteriaVersion", sr.created_at AS "createdAt",
      sr.undone_at AS "undoneAt", sr.record_id <> ${recordId}::uuid AS "onAnotherCopy"
    FROM screening_review sr JOIN review_criteria rc ON rc.id = sr.criteria_id
    WHERE sr.project_id = ${projectId}::uuid AND (
      sr.record_id = ${recordId}::uuid OR sr.covers @> ARRAY[${recordId}::uuid]
      OR sr.covers && (SELECT array_agg(m2.record_id) FROM duplicate_group_member m1 JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id WHERE m1.record_id = ${recordId}::uuid)
    )
    ORDER BY sr.created_at DESC`;
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), undoneAt: row.undoneAt?.toISOString() ?? null }));
}

