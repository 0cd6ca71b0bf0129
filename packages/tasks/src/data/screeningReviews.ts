// The researcher's own screening decisions: record one (a new audit row covering the record and
// its copies), undo the newest, and read the history that reaches a record. Member-scoped: a
// project one is not a member of reads as missing (null). In dual screening a reviewer undoes only
// their own decisions and a blind one reads only their own history.
import { Prisma, type Db, type Decision, type ReviewKind } from '@sift/db';
import { effectiveDecisions, findRun, perspectiveOf, reviewReach, type Perspective } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';

export type ReviewableDecision = Exclude<Decision, 'conflict'>;

/** Records the researcher's decision on one record (a new audit row); null when the run or record is not theirs. */
export async function reviewRecord(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recordId: string; decision: ReviewableDecision; note?: string | undefined },
): Promise<{ before: Decision | null; decision: ReviewableDecision } | null> {
  const run = await findRun(db, ownerId, request.projectId, request.taskId);
  const view = await perspectiveOf(db, ownerId, request.projectId);
  if (!run || !view) return null;
  return saveReview(db, ownerId, run.criteria.id, request, 'decision', view);
}

/**
 * One audit row: a reviewer's decision, or an owner's resolution in dual screening, covering the
 * record and its copies. "Before" is the decision in force as the asker sees it: a blind
 * reviewer's row never holds the other's decision. Null when the record is not in the run.
 */
export async function saveReview<D extends ReviewableDecision>(
  db: Db,
  ownerId: string,
  criteriaId: string,
  request: { projectId: string; taskId: string; recordId: string; decision: D; note?: string | undefined },
  kind: ReviewKind,
  view?: Perspective,
): Promise<{ before: Decision; decision: D } | null> {
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ effective: Decision }[]>`
      ${effectiveDecisions(request.projectId, request.taskId, view)}
      SELECT effective FROM screened WHERE record_id = ${request.recordId}::uuid AND ${isLive(Prisma.sql`record_id`)}`;
    if (!current) return null;
    await tx.screeningReview.create({
      data: {
        projectId: request.projectId,
        recordId: request.recordId,
        covers: await groupedWith(tx, request.recordId),
        criteriaId,
        reviewer: ownerId,
        before: current.effective,
        decision: request.decision,
        note: request.note ?? null,
        kind,
      },
    });
    return { before: current.effective, decision: request.decision };
  });
}

/**
 * Undoes the researcher's newest decision in force on a record: it stays in the audit trail,
 * marked undone, and the decision before it (an earlier one of theirs, or the screener's) is in
 * force again. In dual screening it is the asker's own newest decision (an owner's resolution is
 * undone apart, dualScreening.ts). Null when the run or record is not theirs, or there is nothing to undo.
 */
export async function undoReview(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recordId: string },
): Promise<{ undone: Decision; now: Decision } | null> {
  const view = await perspectiveOf(db, ownerId, request.projectId);
  if (!view || !(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const dual = (await db.project.findUniqueOrThrow({ where: { id: request.projectId }, select: { screeningMode: true } })).screeningMode === 'dual';
  const mine = dual ? Prisma.sql`AND reviewer = ${ownerId} AND kind = 'decision'` : Prisma.empty;
  return db.$transaction(async (tx) => {
    const [newest] = await tx.$queryRaw<{ id: string; decision: Decision }[]>`
      WITH ${reviewReach(request.projectId)}
      SELECT id, decision FROM review_reach WHERE record_id = ${request.recordId}::uuid ${mine} ORDER BY created_at DESC LIMIT 1`;
    if (!newest) return null;
    await tx.screeningReview.update({ where: { id: newest.id }, data: { undoneAt: new Date() } });
    const [now] = await tx.$queryRaw<{ effective: Decision }[]>`
      ${effectiveDecisions(request.projectId, request.taskId, view)} SELECT effective FROM screened WHERE record_id = ${request.recordId}::uuid`;
    return now ? { undone: newest.decision, now: now.effective } : null;
  });
}

/** The record and the copies grouped with it now: what a decision made on it is about. */
export async function groupedWith(tx: Prisma.TransactionClient, recordId: string): Promise<string[]> {
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
  /** 'resolution': an owner settled two reviewers' disagreement. */
  kind: 'decision' | 'resolution';
}

/**
 * Every decision the researchers made that reaches one record (on it or on a copy of it), newest
 * first: the audit trail. A blind reviewer reads only their own; with the screener hidden, no
 * "before" (it may be the screener's).
 */
export async function reviewHistory(db: Db, ownerId: string, projectId: string, recordId: string): Promise<ReviewEntry[] | null> {
  const view = await perspectiveOf(db, ownerId, projectId);
  if (!view) return null;
  const own = view.blind ? Prisma.sql`AND sr.reviewer = ${ownerId} AND sr.kind = 'decision'` : Prisma.empty;
  const rows = await db.$queryRaw<(Omit<ReviewEntry, 'createdAt' | 'undoneAt'> & { createdAt: Date; undoneAt: Date | null })[]>`
    SELECT sr.id, sr.reviewer, sr.before, sr.decision, sr.note, rc.version AS "criteriaVersion", sr.created_at AS "createdAt",
      sr.undone_at AS "undoneAt", sr.record_id <> ${recordId}::uuid AS "onAnotherCopy", sr.kind
    FROM screening_review sr JOIN review_criteria rc ON rc.id = sr.criteria_id
    WHERE sr.project_id = ${projectId}::uuid AND (
      sr.record_id = ${recordId}::uuid OR sr.covers @> ARRAY[${recordId}::uuid]
      OR sr.covers && (SELECT array_agg(m2.record_id) FROM duplicate_group_member m1 JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id WHERE m1.record_id = ${recordId}::uuid)
    ) ${own}
    ORDER BY sr.created_at DESC`;
  return rows.map((row) => ({
    ...row,
    before: view.hideScreener ? null : row.before,
    createdAt: row.createdAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
  }));
}

