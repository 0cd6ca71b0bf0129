// The relevance ranking of a project's de-duplicated records: the researcher's include/exclude
// decisions it learns from (every decision in force, whichever copy it was made on), the ranking
// saved whole by each screening-rank task, and a summary for the review screen.
import { toTaskStatus, type TaskStatus } from '../taskView.ts';
import { Prisma, type Db } from '@sift/db';
import { reviewReach } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';
import { findProject } from './projectStore.ts';

export interface RankedRecord {
  recordId: string;
  score: number;
  why: string[];
}

export interface RankingSummary {
  /** Null before the first ranking. */
  rankedAt: string | null;
  /** The include/exclude decisions the current ranking learnt from. */
  labels: number;
  /** The include/exclude decisions in force now: more than `labels` means a retrain would learn more. */
  labelsNow: number;
  /** The newest ranking task of the project, while it is queued or running. */
  running: TaskStatus | null;
}

/** How many new decisions make the ranking learn again on its own. */
export const RERANK_EVERY = 5;

/** The researcher's include (1) / exclude (0) decisions in force, per screened record of `unitIds`. */
export async function researcherLabels(db: Db, projectId: string, unitIds: readonly string[]): Promise<Map<string, 0 | 1>> {
  const rows = await db.$queryRaw<{ recordId: string; decision: string }[]>`
    WITH ${reviewReach(projectId)}
    SELECT record_id AS "recordId", decision FROM latest_review WHERE record_id = ANY(${unitIds}::uuid[])`;
  const labels = new Map<string, 0 | 1>();
  for (const row of rows) if (row.decision === 'include' || row.decision === 'exclude') labels.set(row.recordId, row.decision === 'include' ? 1 : 0);
  return labels;
}

/** Replaces the project's ranking with `ranked`, most likely relevant first, in one transaction. */
export async function saveRanking(db: Db, projectId: string, ranked: readonly RankedRecord[], labels: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.screeningRank.deleteMany({ where: { projectId } });
    if (!ranked.length) return;
    await tx.$executeRaw`
      INSERT INTO screening_rank (project_id, record_id, score, position, why, labels)
      SELECT ${projectId}::uuid, r.record_id, r.score, r.position - 1, ARRAY(SELECT jsonb_array_elements_text(r.why)), ${labels}
      FROM unnest(${ranked.map((row) => row.recordId)}::uuid[], ${ranked.map((row) => row.score)}::float8[], ${ranked.map((row) => JSON.stringify(row.why))}::jsonb[])
        WITH ORDINALITY AS r(record_id, score, why, position)`;
  });
}

/** Where the project's ranking stands; null when the project is not this owner's. */
export async function rankingSummary(db: Db, ownerId: string, projectId: string): Promise<RankingSummary | null> {
  if (!(await findProject(db, ownerId, projectId))) return null;
  const [latest, [now], task] = await Promise.all([
    db.screeningRank.findFirst({ where: { projectId }, select: { rankedAt: true, labels: true } }),
    db.$queryRaw<{ labels: number }[]>`
      WITH ${reviewReach(projectId)}
      SELECT count(*) FILTER (WHERE decision IN ('include', 'exclude'))::int AS labels
      FROM latest_review l
      WHERE NOT EXISTS (SELECT 1 FROM duplicate_group_member m WHERE m.record_id = l.record_id AND m.rank > 0) AND ${isLive(Prisma.sql`l.record_id`)}`,
    db.task.findFirst({ where: { kind: 'screening-rank', state: { in: ['queued', 'running'] }, input: { path: ['projectId'], equals: projectId } }, orderBy: { createdAt: 'desc' } }),
  ]);
  return {
    rankedAt: latest?.rankedAt.toISOString() ?? null,
    labels: latest?.labels ?? 0,
    labelsNow: now?.labels ?? 0,
    running: task ? toTaskStatus(task) : null,
  };
}
