// How the reviewers of a run agree (dual screening): per pair of reviewers, on the records both
// decided, raw agreement and Cohen's kappa (include, exclude and uncertain as its own category),
// and each reviewer's progress. Read from the same per-reviewer newest decisions as the consensus
// (decisionsInForce.ts), over the run's screened records in the project (not of an import in the trash).
import { Prisma, type Db } from '@sift/db';
import { cohensKappa, type Agreement } from '@sift/screening';
import { findRun, reviewReach } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';
import { listMembers } from './members.ts';

export interface ReviewerProgress {
  reviewer: string;
  decided: number;
}

export interface PairAgreement extends Agreement {
  reviewers: [string, string];
  /** Records both decided on which they disagree. */
  disagreements: number;
}

export interface RunAgreement {
  /** The run's screened records: each reviewer's progress is out of these. */
  total: number;
  progress: ReviewerProgress[];
  pairs: PairAgreement[];
}

/** Null when the run is not one of the asker's projects'. */
export async function runAgreement(db: Db, memberId: string, request: { projectId: string; taskId: string }): Promise<RunAgreement | null> {
  if (!(await findRun(db, memberId, request.projectId, request.taskId))) return null;
  const [rows, [counted], members] = await Promise.all([
    db.$queryRaw<{ recordId: string; reviewer: string; decision: string }[]>`
      WITH ${reviewReach(request.projectId)}
      SELECT l.record_id AS "recordId", l.reviewer, l.decision::text AS decision
      FROM reviewer_latest l JOIN screening_decision d ON d.record_id = l.record_id AND d.task_id = ${request.taskId}::uuid
      WHERE ${isLive(Prisma.sql`d.record_id`)}`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM screening_decision d WHERE d.task_id = ${request.taskId}::uuid AND ${isLive(Prisma.sql`d.record_id`)}`,
    listMembers(db, request.projectId),
  ]);
  const byReviewer = new Map<string, Map<string, string>>();
  // Everyone who may screen shows, with 0 decided before their first decision.
  for (const member of members) if (member.role !== 'viewer') byReviewer.set(member.memberId, new Map());
  for (const row of rows) {
    const decisions = byReviewer.get(row.reviewer) ?? new Map<string, string>();
    decisions.set(row.recordId, row.decision);
    byReviewer.set(row.reviewer, decisions);
  }
  const reviewers = [...byReviewer.keys()];
  const pairs: PairAgreement[] = [];
  for (const [i, a] of reviewers.entries()) {
    for (const b of reviewers.slice(i + 1)) {
      const theirs = byReviewer.get(b)!;
      const both = [...byReviewer.get(a)!].flatMap(([record, decision]) => (theirs.has(record) ? [[decision, theirs.get(record)!] as const] : []));
      if (!both.length) continue;
      pairs.push({ reviewers: [a, b], ...cohensKappa(both), disagreements: both.filter(([x, y]) => x !== y).length });
    }
  }
  return { total: counted?.total ?? 0, progress: reviewers.map((reviewer) => ({ reviewer, decided: byReviewer.get(reviewer)!.size })), pairs };
}
