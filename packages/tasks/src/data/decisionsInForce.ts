// The decision in force for a record of a screening run: the researchers' (with one reviewer per
// record, the newest decision reaching it; with two, their consensus or an owner's resolution), else
// a conflict (two reviewers disagree, or the LLM's second opinion disagrees with the screener),
// else the screener's. The table, its counts, PRISMA, the exports, the ranking's labels and the
// stopping rule all read it from here, so they agree by construction. A blind reviewer's table
// reads the same query from their own side (`Perspective`): their decisions only, and the
// screener's suggestion masked when the owner hides it, so it is never sent.
import { Prisma, type Db } from '@sift/db';
import { LIKELY_RELEVANT } from '@sift/screening';
import { memberOf, projectRole } from './members.ts';
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
 * Who reads the decisions: `blind` (a non-owner in dual screening) sees only their own decisions
 * and no conflict between reviewers; `hideScreener` masks the screener's decision, reason,
 * highlights, confidence and second opinion. `asker` names "my" decision (the "my queue" view).
 */
export interface Perspective {
  asker: string;
  blind: boolean;
  hideScreener: boolean;
}

/** The decisions as the project's owners see them: every reviewer's, the consensus, the screener's. */
export const OWNERS_VIEW: Perspective = { asker: '', blind: false, hideScreener: false };

/** How one member reads a project's decisions; null when they are not a member. */
export async function perspectiveOf(db: Db, memberId: string, projectId: string): Promise<Perspective | null> {
  const [role, project] = await Promise.all([
    projectRole(db, memberId, projectId),
    db.project.findUnique({ where: { id: projectId }, select: { screeningMode: true, hideScreener: true } }),
  ]);
  if (!role || !project) return null;
  const owner = role === 'owner';
  return { asker: memberId, blind: !owner && project.screeningMode === 'dual', hideScreener: !owner && project.hideScreener };
}

/**
 * Every record a researcher's decision reaches: the records it covers (the one judged and the
 * copies grouped with it then) and every record grouped with any of those now. So a decision
 * stays in force whichever copy a later de-duplication picks to stand for the group, and on both
 * sides of a split. Undone decisions reach nothing. Also defines, per record:
 * - `reviewer_latest`: each reviewer's newest own decision reaching it;
 * - `review_votes`: (two reviewers per record) how many reviewers decided it, on how many
 *   different sides, and who said what;
 * - `latest_review`: the decision in force. One reviewer per record: the newest decision (or
 *   resolution) reaching it. Two: the newest owner's resolution, else the decision when at least
 *   two reviewers decided and all agree (the newest of theirs), else none (awaiting a second
 *   reviewer, or a conflict).
 * `onlyBy` (a blind reviewer's table) keeps that reviewer's own decisions, one reviewer per record;
 * `asker`'s own newest decision is `review_votes.mine` (read there, not by one more join: a join on
 * a CTE has no index, and a nested loop over one costs seconds at thousands of records).
 * Postgres skips whichever CTE a query does not use.
 */
export function reviewReach(projectId: string, onlyBy: string | null = null, asker = '') {
  const own = onlyBy === null ? Prisma.empty : Prisma.sql`AND sr.reviewer = ${onlyBy} AND sr.kind = 'decision'`;
  return Prisma.sql`
    review_reach AS (
      SELECT sr.id, sr.decision, sr.note, sr.reviewer, sr.created_at, sr.criteria_id, sr.kind, reach.record_id
      FROM screening_review sr
      CROSS JOIN LATERAL (
        SELECT c.id AS record_id FROM unnest(sr.covers || sr.record_id) AS c(id)
        UNION
        SELECT m2.record_id FROM unnest(sr.covers || sr.record_id) AS c(id)
          JOIN duplicate_group_member m1 ON m1.record_id = c.id
          JOIN duplicate_group_member m2 ON m2.group_id = m1.group_id
      ) reach
      WHERE sr.project_id = ${projectId}::uuid AND sr.undone_at IS NULL ${own}
    ),
    review_mode AS (
      SELECT screening_mode = 'dual' AND ${onlyBy === null} AS dual FROM project WHERE id = ${projectId}::uuid
    ),
    reviewer_latest AS (
      SELECT DISTINCT ON (record_id, reviewer) record_id, decision, note, reviewer, created_at, criteria_id, kind
      FROM review_reach WHERE kind = 'decision' ORDER BY record_id, reviewer, created_at DESC
    ),
    review_votes AS (
      SELECT record_id, count(*)::int AS votes, count(DISTINCT decision)::int AS sides,
        jsonb_agg(jsonb_build_object('reviewer', reviewer, 'decision', decision, 'note', note) ORDER BY created_at) AS list,
        (array_agg(decision) FILTER (WHERE reviewer = ${asker}))[1] AS mine
      -- Read with two reviewers per record only: one reviewer's table then costs what it did before.
      FROM reviewer_latest WHERE (SELECT dual FROM review_mode) GROUP BY record_id
    ),
    latest_review AS (
      SELECT DISTINCT ON (record_id) record_id, decision, note, reviewer, created_at, criteria_id, kind
      FROM (
        SELECT record_id, decision, note, reviewer, created_at, criteria_id, kind, 0 AS precedence
        FROM review_reach WHERE NOT (SELECT dual FROM review_mode)
        UNION ALL
        SELECT record_id, decision, note, reviewer, created_at, criteria_id, kind, 0
        FROM review_reach WHERE (SELECT dual FROM review_mode) AND kind = 'resolution'
        UNION ALL
        SELECT l.record_id, l.decision, l.note, l.reviewer, l.created_at, l.criteria_id, l.kind, 1
        FROM reviewer_latest l JOIN review_votes v ON v.record_id = l.record_id
        WHERE (SELECT dual FROM review_mode) AND v.votes >= 2 AND v.sides = 1
      ) candidates
      ORDER BY record_id, precedence, created_at DESC
    )`;
}

/**
 * One row per record screened in the run: the machine's decision, the researchers' decision in
 * force reaching it (and the criteria version it was made under), the LLM's second opinion, and
 * the decision in force: the researchers'; else the stopping rule's once applied (for records no
 * researcher decided, the screener did not exclude by its hard rules and no second opinion
 * disputes); else "conflict" where two reviewers disagree or the second opinion disagrees with the
 * screener; else the screener's.
 *
 * The second opinion disagrees when it takes a side (include or exclude) other than the
 * researcher's decision made before it, or, with no decision of theirs, other than the screener's
 * lean (an uncertain record leans to include when "Likely relevant"). A decision made after the
 * opinion settles it; undoing that decision brings the disagreement back. With a researcher's
 * decision the disagreement is `disputed`: their decision stays in force, flagged.
 *
 * With two reviewers per record (owners' view), `review_state` says where a record stands
 * ('agreed', 'resolved', 'awaiting' a second reviewer, 'conflict') and `votes` lists each
 * reviewer's newest decision and note. `mine` is the asker's own decision (the "my queue" view).
 * From a blind reviewer's side there are no votes and no state; with the screener hidden its
 * columns are empty and a record nobody decided reads 'uncertain'.
 */
export function effectiveDecisions(projectId: string, taskId: string, view: Perspective = OWNERS_VIEW) {
  const hide = view.hideScreener;
  const masked = (column: Prisma.Sql, empty: Prisma.Sql = Prisma.sql`NULL`) => (hide ? empty : column);
  return Prisma.sql`
    WITH ${reviewReach(projectId, view.blind ? view.asker : null, view.asker)},
    run_decisions AS (
      SELECT d.*, lr.decision AS human, lr.kind AS human_kind, lr.reviewer AS reviewed_by, lr.note, lr.created_at AS reviewed_at, rc.version AS reviewed_under, st.applied_claim,
        op.decision AS opinion, op.reason AS opinion_reason, op.screener AS opinion_screener, second.disagrees,
        rv.votes, rv.sides, rv.list AS vote_list, rv.mine AS own_decision, (SELECT dual FROM review_mode) AS dual,
        -- Read by no researcher, not settled by the screener's hard rules, not disputed: the applied stopping rule excludes it.
        (rv.record_id IS NULL AND lr.decision IS NULL AND st.applied_at IS NOT NULL AND d.decision <> 'exclude' AND NOT second.disagrees) AS by_stopping
      FROM screening_decision d
      LEFT JOIN latest_review lr ON lr.record_id = d.record_id
      LEFT JOIN review_votes rv ON rv.record_id = d.record_id
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
    judged AS (
      SELECT *, CASE
          WHEN NOT dual THEN NULL WHEN human_kind = 'resolution' THEN 'resolved' WHEN human IS NOT NULL THEN 'agreed'
          WHEN sides > 1 THEN 'conflict' WHEN votes = 1 THEN 'awaiting' END AS review_state
      FROM run_decisions
    ),
    screened AS (
      SELECT record_id, ${masked(Prisma.sql`decision`, Prisma.sql`NULL::"Decision"`)} AS machine, human,
        ${masked(
          Prisma.sql`CASE WHEN by_stopping THEN 'exclude'::"Decision" WHEN human IS NULL AND (disagrees OR review_state = 'conflict') THEN 'conflict'::"Decision" ELSE COALESCE(human, decision) END`,
          Prisma.sql`COALESCE(human, 'uncertain'::"Decision")`,
        )} AS effective,
        by_stopping, ${masked(Prisma.sql`human IS NOT NULL AND disagrees`, Prisma.sql`false`)} AS disputed,
        ${masked(Prisma.sql`opinion`)} AS opinion, ${masked(Prisma.sql`opinion_reason`)} AS opinion_reason, ${masked(Prisma.sql`opinion_screener`)} AS opinion_screener,
        ${masked(Prisma.sql`CASE WHEN by_stopping THEN 'Not read: excluded by the stopping rule, ' || applied_claim || '. The screener said: ' || reason ELSE reason END`, Prisma.sql`''`)} AS reason,
        ${masked(Prisma.sql`criterion`)} AS criterion, ${masked(Prisma.sql`CASE WHEN by_stopping THEN 'stopping rule' ELSE exclusion_reason END`)} AS exclusion_reason,
        ${masked(Prisma.sql`confidence`)} AS confidence, ${masked(Prisma.sql`highlights`, Prisma.sql`'[]'::jsonb`)} AS highlights,
        ${masked(Prisma.sql`screener`, Prisma.sql`''`)} AS screener, note, reviewed_by, reviewed_at, reviewed_under,
        review_state, CASE WHEN dual THEN vote_list END AS votes, CASE WHEN dual THEN own_decision ELSE human END AS mine
      FROM judged
    )`;
}
