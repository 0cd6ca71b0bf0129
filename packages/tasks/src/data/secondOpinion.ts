// The LLM's second opinion on a built-in screening run: which records it is asked about (the
// run's uncertain records and the lower half of the ranking), its answers saved beside the
// screener's decisions (never over them, nor over the researcher's), and where it stands for the
// review screen. Whether an answer makes a conflict is decided in decisionsInForce.ts alone.
import { Prisma, type Db } from '@sift/db';
import type { ScreeningDecision } from '@sift/screening';
import { toTaskStatus, type TaskStatus } from '../taskView.ts';
import { effectiveDecisions, findRun } from './decisionsInForce.ts';
import { isLive } from './liveRecords.ts';

export const SECOND_OPINION_KIND = 'screening-second-opinion';

/**
 * The records asked about, not yet answered for this run, lowest-ranked first: those the screener
 * left uncertain, and those in the lower half of the latest ranking (whatever the screener
 * decided). The cut is the ranking's own median, fixed before any label is seen: below it a
 * record is less likely relevant than the typical one by the ranking's own measure, so it is read
 * last, or never once the stopping rule applies, and a second reader matters most there.
 */
function candidates(projectId: string, runId: string) {
  return Prisma.sql`
    SELECT d.record_id, d.decision = 'uncertain' AS uncertain, rk.position
    FROM screening_decision d
    LEFT JOIN screening_rank rk ON rk.project_id = d.project_id AND rk.record_id = d.record_id
    WHERE d.task_id = ${runId}::uuid AND (
      d.decision = 'uncertain'
      OR rk.position >= (SELECT ceil(count(*) / 2.0) FROM screening_rank WHERE project_id = ${projectId}::uuid)
    )
    AND NOT EXISTS (SELECT 1 FROM screening_opinion o WHERE o.run_id = d.task_id AND o.record_id = d.record_id)
    AND ${isLive(Prisma.sql`d.record_id`)}`;
}

/** Ids of the records still to ask about, lowest-ranked first (unranked last), for the task's plan. */
export async function secondOpinionRecordIds(db: Db, projectId: string, runId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.record_id AS id FROM (${candidates(projectId, runId)}) c ORDER BY c.position DESC NULLS LAST, c.record_id`;
  return rows.map((row) => row.id);
}

/** Records of `ids` that already have a second opinion on this run (saved by an earlier attempt). */
export async function answeredRecordIds(db: Db, runId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.screeningOpinion.findMany({ where: { runId, recordId: { in: [...ids] } }, select: { recordId: true } });
  return new Set(rows.map((row) => row.recordId));
}

/** A checkpoint's answers in one INSERT; an answer saved before is kept. */
export async function saveOpinions(db: Db, run: { runId: string; projectId: string }, opinions: readonly ScreeningDecision[]) {
  if (opinions.length === 0) return;
  const column = <T>(pick: (opinion: ScreeningDecision) => T) => opinions.map(pick);
  await db.$executeRaw`
    INSERT INTO screening_opinion (run_id, project_id, record_id, decision, reason, criterion, exclusion_reason, confidence, screener)
    SELECT ${run.runId}::uuid, ${run.projectId}::uuid, o.*
    FROM unnest(
      ${column((opinion) => opinion.recordId)}::uuid[], ${column((opinion) => opinion.decision)}::"Decision"[],
      ${column((opinion) => opinion.reason)}::text[], ${column((opinion) => opinion.criterion)}::text[],
      ${column((opinion) => opinion.exclusionReason)}::text[], ${column((opinion) => opinion.confidence)}::float8[],
      ${column((opinion) => opinion.screener)}::text[]
    ) AS o
    ON CONFLICT (run_id, record_id) DO NOTHING`;
}

/** A type, not an interface, so it is a task's JSON summary as it is. */
export type OpinionTally = {
  /** Records of the run with a second opinion. */
  asked: number;
  /** Undecided by the researcher, and the opinion disagrees with the screener: in force as "conflict". */
  conflicts: number;
  /** The opinion disagrees with the researcher's decision made before it: theirs stays in force, flagged. */
  disputed: number;
};

/** How the run's second opinions stand against the screener and the researcher, from the decisions in force. */
export async function opinionTally(db: Db | Prisma.TransactionClient, projectId: string, runId: string): Promise<OpinionTally> {
  const [row] = await db.$queryRaw<OpinionTally[]>`
    ${effectiveDecisions(projectId, runId)}
    SELECT count(*) FILTER (WHERE s.opinion IS NOT NULL)::int AS asked,
      -- Two reviewers' disagreement (dual screening) is theirs, not the second opinion's.
      count(*) FILTER (WHERE s.opinion IS NOT NULL AND s.effective = 'conflict' AND s.review_state IS DISTINCT FROM 'conflict')::int AS conflicts,
      count(*) FILTER (WHERE s.disputed)::int AS disputed
    FROM screened s WHERE ${isLive(Prisma.sql`s.record_id`)}`;
  return row ?? { asked: 0, conflicts: 0, disputed: 0 };
}

export interface SecondOpinionView extends OpinionTally {
  /** Which screener made the run: a second opinion is asked on built-in runs only. */
  runScreener: 'builtin' | 'llm';
  /** Records still to ask about: the uncertain ones, the others below the ranking's median, and all of them. */
  toAsk: { uncertain: number; lowRanked: number; total: number };
  /** Records in the latest ranking; 0 before the first one, when only the uncertain records are asked about. */
  ranked: number;
  /** The newest second-opinion task of this run. */
  task: TaskStatus | null;
}

/** Where the second opinion of a run stands; null when the run is not this owner's. */
export async function secondOpinionStatus(db: Db, ownerId: string, request: { projectId: string; taskId: string }): Promise<SecondOpinionView | null> {
  const run = await findRun(db, ownerId, request.projectId, request.taskId);
  if (!run) return null;
  const [tally, [toAsk], ranked, task] = await Promise.all([
    opinionTally(db, request.projectId, request.taskId),
    db.$queryRaw<{ uncertain: number; lowRanked: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE c.uncertain)::int AS uncertain, count(*) FILTER (WHERE NOT c.uncertain)::int AS "lowRanked", count(*)::int AS total
      FROM (${candidates(request.projectId, request.taskId)}) c`,
    db.screeningRank.count({ where: { projectId: request.projectId } }),
    db.task.findFirst({ where: { kind: SECOND_OPINION_KIND, input: { path: ['runId'], equals: request.taskId } }, orderBy: { createdAt: 'desc' } }),
  ]);
  return {
    ...tally,
    runScreener: (run.task.input as { screener?: 'builtin' | 'llm' }).screener ?? 'builtin',
    toAsk: toAsk ?? { uncertain: 0, lowRanked: 0, total: 0 },
    ranked,
    task: task ? toTaskStatus(task) : null,
  };
}
