// The decision in force for a record of a screening run: the researcher's newest decision that
// reaches it, else a conflict where the LLM's second opinion disagrees with the screener, else the
// screener's. The table, its counts, PRISMA, the exports and the researcher's own actions all read
// it from `effectiveDecisions`, so they agree by construction.
import { Prisma, type Db } from '@sift/db';
import { LIKELY_RELEVANT } from '@sift/screening';
import { memberOf } from './members.ts';
import { findCriteria } from './screeningStore.ts';

/** The run a read refers to, checked against the project and the asker's membership of it; null when they are not a member. */
export async function findRun(db: Db, memberId: string, projectId: string, taskId: string) {
  if (!(await db.project.findFirst({ where: { id: projectId, ...memberOf(memberId) }, select: { id: true } }))) return null;
  const task = await db.task.findFirst({ where: { id: taskId, kind: 'screening', input: { path: ['projectId'], equals: projectId } } });
  if (!task) return null;
  const criteria = await findCriteria(db, projectId, (task.input as { criteriaId: string }).criteriaId);
  return criteria && { task, criteria };
}

/**
 * Every record a researcher's decision reaches: the records it covers (the one judged and the
 * copies grouped with it then) and every record grouped with any of those now. So a decision
 * stays in force whichever copy a later de-duplication picks to stand for the group, and on both
 * sides of a split. Undone decisions reach nothing. Also defines `latest_review`: per record, the
 * newest decision reaching it (the one in force); Postgres skips whichever CTE a query does not use.
 */
export function reviewReach(projectId: string) {
  return Prisma.sql`
    review_reach AS (
      SELECT sr.id, sr.decision, sr.note, sr.reviewer, sr.created_at, sr.criteria_id, reach.record_id
      FROM screening_review sr
      CROSS JOIN LATERAL (
        SELECT c.id AS record_id FROM unnest(sr.covers || sr.record_id) AS c(id)
        UNION
        SELECT m2.record_id FROM unnest(sr.covers || sr.record_id) AS c(id)
          JOIN duplicate_group_member m1 ON m1.record_id = c.id
          JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id
      ) reach
      WHERE sr.project_id = ${projectId}::uuid AND sr.undone_at IS NULL
    ),
    latest_review AS (
      SELECT DISTINCT ON (record_id) record_id, decision, note, reviewer, created_at, criteria_id
      FROM review_reach ORDER BY record_id, created_at DESC
    )`;
}

/**
 * One row per record screened in the run: the machine's decision, the researcher's newest
 * decision reaching it (and the criteria version it was made under), the LLM's second opinion,
 * and the decision in force: the researcher's; else the stopping rule's once applied (for records
 * the screener did not exclude by its hard rules and no second opinion disputes); else "conflict"
 * where the second opinion disagrees with the screener; else the screener's.
 *
 * The second opinion disagrees when it takes a side (include or exclude) other than the
 * researcher's decision made before it, or, with no decision of theirs, other than the screener's
 * lean (an uncertain record leans to include when "Likely relevant"). A decision made after the
 * opinion settles it; undoing that decision brings the disagreement back. With a researcher's
 * decision the disagreement is `disputed`: their decision stays in force, flagged.
 */
export function effectiveDecisions(projectId: string, taskId: string) {
  return Prisma.sql`
    WITH ${reviewReach(projectId)},
    run_decisions AS (
      SELECT d.*, lr.decision AS human, lr.note, lr.created_at AS reviewed_at, rc.version AS reviewed_under, st.applied_claim,
        op.decision AS opinion, op.reason AS opinion_reason, op.screener AS opinion_screener, second.disagrees,
        -- Not read by the researcher, not settled by the screener's hard rules, not disputed: the applied stopping rule excludes it.
        (lr.decision IS NULL AND st.applied_at IS NOT NULL AND d.decision <> 'exclude' AND NOT second.disagrees) AS by_stopping
      FROM screening_decision d
      LEFT JOIN latest_review lr ON lr.record_id = d.record_id
      LEFT JOIN review_criteria rc ON rc.id = lr.criteria_id
      LEFT JOIN screening_stop st ON st.task_id = d.task_id
      LEFT JOIN screening_opinion op ON op.run_id = d.task_id AND op.record_id = d.record_id
      CROSS JOIN LATERAL (
        SELECT COALESCE(op.decision IN ('include', 'exclude') AND CASE
          WHEN lr.decision IS NULL THEN op.decision <> CASE
            WHEN d.decision <> 'uncertain' THEN d.decision
            WHEN d.confidence >= ${LIKELY_RELEVANT} THEN 'include'::"Decision" ELSE 'exclude'::"Decision" END
          ELSE lr.created_at < op.created_at AND lr.decision IN ('include', 'exclude') AND op.decision <> lr.decision
        END, false) AS disagrees
      ) second
      WHERE d.task_id = ${taskId}::uuid
    ),
    screened AS (
      SELECT record_id, decision AS machine, human,
        CASE WHEN by_stopping THEN 'exclude'::"Decision" WHEN human IS NULL AND disagrees THEN 'conflict'::"Decision" ELSE COALESCE(human, decision) END AS effective,
        by_stopping, human IS NOT NULL AND disagrees AS disputed, opinion, opinion_reason, opinion_screener,
        CASE WHEN by_stopping THEN 'Not read: excluded by the stopping rule, ' || applied_claim || '. The screener said: ' || reason ELSE reason END AS reason,
        criterion, CASE WHEN by_stopping THEN 'stopping rule' ELSE exclusion_reason END AS exclusion_reason,
        confidence, highlights, screener, note, reviewed_at, reviewed_under
      FROM run_decisions
    )`;
}
