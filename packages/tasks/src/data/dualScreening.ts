// Dual independent screening (issue 18): the project's setting (one reviewer per record or two,
// and whether reviewers see the screener's suggestion), and the conflicts an owner resolves, with
// a note, and undoes. The consensus and each member's side of it are defined once, in
// decisionsInForce.ts; agreement between reviewers is in agreement.ts.
import { Prisma, type Db, type ScreeningMode } from '@sift/db';
import { TaskInputError } from '../errors.ts';
import { findRun, reviewReach } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';
import { saveReview } from './screeningReviews.ts';

export interface ScreeningSettings {
  screeningMode: ScreeningMode;
  hideScreener: boolean;
}

/** Records of the project whose two reviewers disagree and no owner has resolved. */
async function openConflicts(db: Db, projectId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ conflicts: number }[]>`
    WITH ${reviewReach(projectId)}
    SELECT count(*)::int AS conflicts FROM review_votes v
    WHERE v.sides > 1 AND NOT EXISTS (SELECT 1 FROM latest_review l WHERE l.record_id = v.record_id)
      AND NOT EXISTS (SELECT 1 FROM duplicate_group_member m WHERE m.record_id = v.record_id AND m.rank > 0) AND ${isLive(Prisma.sql`v.record_id`)}`;
  return row?.conflicts ?? 0;
}

/**
 * Changes the setting (the caller checked the asker is an owner). Going back to one reviewer per
 * record while reviewers disagree is refused: the newest of the two decisions would silently win.
 */
export async function saveScreeningSettings(db: Db, projectId: string, settings: Partial<ScreeningSettings>): Promise<ScreeningSettings> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { screeningMode: true } });
  if (project.screeningMode === 'dual' && settings.screeningMode === 'single') {
    const conflicts = await openConflicts(db, projectId);
    if (conflicts > 0) {
      throw new TaskInputError(
        `${conflicts} ${conflicts === 1 ? 'record has' : 'records have'} two reviewers' decisions that disagree. Resolve ${conflicts === 1 ? 'it' : 'them'} under Conflicts first: with one reviewer per record the newest decision would simply win.`,
      );
    }
  }
  return db.project.update({ where: { id: projectId }, data: settings, select: { screeningMode: true, hideScreener: true } });
}

/**
 * An owner settles a record in dual screening: their resolution (with its note) is in force over
 * both reviewers' decisions until undone. Null when the run or record is not the project's.
 */
export async function resolveConflict(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; recordId: string; decision: 'include' | 'exclude'; note: string },
): Promise<{ before: string; decision: 'include' | 'exclude' } | null> {
  const run = await findRun(db, ownerId, request.projectId, request.taskId);
  if (!run) return null;
  return saveReview(db, ownerId, run.criteria.id, request, 'resolution');
}

/** Undoes the newest resolution reaching the record: the reviewers' decisions stand again. Null when there is none. */
export async function undoResolution(db: Db, ownerId: string, request: { projectId: string; taskId: string; recordId: string }) {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const [newest] = await db.$queryRaw<{ id: string; decision: string }[]>`
    WITH ${reviewReach(request.projectId)}
    SELECT id, decision FROM review_reach WHERE record_id = ${request.recordId}::uuid AND kind = 'resolution' ORDER BY created_at DESC LIMIT 1`;
  if (!newest) return null;
  await db.screeningReview.update({ where: { id: newest.id }, data: { undoneAt: new Date() } });
  return { undone: newest.decision };
}
