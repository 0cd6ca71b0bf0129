// Reads of screening results for the review screens, the PRISMA diagram and the exports. The
// decision in force for a record is the researchers' (see decisionsInForce.ts), else the
// screener's decision of the run; the table, its counts, the PRISMA counts and the exports all
// read it from the one `effectiveDecisions` query, so they agree by construction. The table and
// the exports are read from the asker's side (blind in dual screening); PRISMA from the owners'.
// Member-scoped: a project one is not a member of reads as missing (null).
import { Prisma, type Db, type Decision } from '@sift/db';
import type { LiteratureRecord } from '@sift/literature';
import type { PrismaCounts, ScreeningDecision } from '@sift/screening';
import { TaskInputError } from '../errors.ts';
import { toTaskStatus, type TaskStatus } from '../taskView.ts';
import { isLive, liveRecords } from './liveRecords.ts';
import { searchedRecords } from './recordQueries.ts';
import { effectiveDecisions, findRun, perspectiveOf } from './decisionsInForce.ts';
import type { ReviewableDecision } from './screeningReviews.ts';
import { primaryGroupJoin, screenedFields, type CriteriaVersion } from './screeningStore.ts';
import { sampleOrder } from './stopping.ts';

/**
 * 'sample': the stopping test's random sample, the records the researcher has not decided, in the
 * test's random order. 'queue': the records the asker has not decided themselves. 'awaiting':
 * (dual screening) decided by one reviewer, waiting for a second; 'disagreement': two reviewers
 * disagree and no owner has resolved it (the conflicts list).
 */
export type DecisionFilter = Decision | 'reviewed' | 'undecided' | 'sample' | 'queue' | 'awaiting' | 'disagreement';
/** 'relevance': the latest ranking, most likely relevant first. */
export type ScreenedSort = 'title' | 'year' | 'confidence' | 'decision' | 'relevance';

export interface ScreeningRun {
  task: TaskStatus;
  criteriaId: string;
  criteriaVersion: number;
  screener: 'builtin' | 'llm';
}

/** The screening runs of a project, newest first. */
export async function listScreeningRuns(db: Db, ownerId: string, projectId: string): Promise<ScreeningRun[]> {
  const [tasks, versions] = await Promise.all([
    db.task.findMany({ where: { kind: 'screening', input: { path: ['projectId'], equals: projectId } }, orderBy: { createdAt: 'desc' }, take: 20 }),
    db.reviewCriteria.findMany({ where: { projectId }, select: { id: true, version: true } }),
  ]);
  const versionOf = new Map(versions.map((row) => [row.id, row.version]));
  const now = new Date();
  return tasks.map((task) => {
    const input = task.input as { criteriaId: string; screener?: 'builtin' | 'llm' };
    return { task: toTaskStatus(task, now), criteriaId: input.criteriaId, criteriaVersion: versionOf.get(input.criteriaId) ?? 0, screener: input.screener ?? 'builtin' };
  });
}

/** A run's decision on a record still in the project: a deleted import's records leave its table, counts, PRISMA and exports. */
const inProject = isLive(Prisma.sql`s.record_id`);

function decisionFilter(filter: DecisionFilter | undefined): Prisma.Sql {
  if (!filter) return Prisma.sql`TRUE`;
  if (filter === 'reviewed') return Prisma.sql`s.human IS NOT NULL`;
  if (filter === 'undecided') return Prisma.sql`s.effective IN ('uncertain', 'conflict')`;
  if (filter === 'sample') return Prisma.sql`s.human IS NULL`;
  if (filter === 'queue') return Prisma.sql`s.mine IS NULL`;
  if (filter === 'awaiting') return Prisma.sql`s.review_state = 'awaiting'`;
  if (filter === 'disagreement') return Prisma.sql`s.review_state = 'conflict'`;
  // Conflicts to resolve: undecided ones, and a second opinion disputing the researcher's decision.
  if (filter === 'conflict') return Prisma.sql`(s.effective = 'conflict' OR s.disputed)`;
  return Prisma.sql`s.effective = ${filter}::"Decision"`;
}

const SORTS: Record<ScreenedSort, Prisma.Sql> = {
  title: Prisma.sql`lower(r.title)`,
  year: Prisma.sql`r.year`,
  confidence: Prisma.sql`s.confidence`,
  decision: Prisma.sql`s.effective`,
  relevance: Prisma.sql`rk.position`,
};

/** One reviewer's newest decision on a record (dual screening, owners' view). */
export interface ReviewerVote {
  reviewer: string;
  decision: ReviewableDecision;
  note: string | null;
}

/** Where a record stands with two reviewers per record; null with one. */
export type ReviewState = 'agreed' | 'resolved' | 'awaiting' | 'conflict';

/**
 * A screened record as the review table shows it: its fields, the screener's decision, and the
 * researcher's. With the screener hidden from the asker, `machine` and `confidence` are null, the
 * reason and screener empty and no highlights or second opinion.
 */
export type ScreenedRecord = Omit<LiteratureRecord, 'sourceFile' | 'raw'> &
  Omit<ScreeningDecision, 'recordId' | 'decision' | 'confidence'> & {
    id: string;
    machine: Decision | null;
    confidence: number | null;
    human: ReviewableDecision | null;
    effective: Decision;
    note: string | null;
    reviewedAt: Date | null;
    /** The criteria version the researcher's decision was made under (it may be older than the run's). */
    reviewedUnder: number | null;
    /** 0 for the most likely relevant record of the latest ranking; null before a ranking. */
    relevanceRank: number | null;
    /** The record's terms that raise its relevance most, strongest first. */
    why: string[];
    /** The LLM's second opinion, when one was asked. */
    opinion: SecondOpinion | null;
    /** The second opinion disagrees with the researcher's decision in force (made before it): theirs stays in force, flagged. */
    disputed: boolean;
    /** Dual screening, owners' view: where the record stands, and each reviewer's newest decision. */
    reviewState: ReviewState | null;
    votes: ReviewerVote[] | null;
    /** The asker's own decision (with one reviewer per record, the one in force). */
    mine: ReviewableDecision | null;
  };

export interface SecondOpinion {
  decision: Decision;
  reason: string;
  /** "llm:gpt-4o-mini", "llm:a+b" */
  screener: string;
}

export interface ScreenedPageRequest {
  projectId: string;
  taskId: string;
  offset: number;
  limit: number;
  decision?: DecisionFilter | undefined;
  search?: string | undefined;
  sort?: ScreenedSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
}

export interface ScreenedPage {
  records: ScreenedRecord[];
  total: number;
  offset: number;
  /**
   * Decisions in force over the whole run (not just this filter), for the tabs; `disputed` are the
   * researcher's decisions a second opinion disputes; `queue` the records the asker has not
   * decided; `awaiting` (dual screening) those waiting for a second reviewer.
   */
  counts: Record<Decision, number> & { reviewed: number; screened: number; disputed: number; queue: number; awaiting: number };
  criteria: CriteriaVersion;
}

export async function listScreenedRecords(db: Db, ownerId: string, request: ScreenedPageRequest): Promise<ScreenedPage | null> {
  const run = await findRun(db, ownerId, request.projectId, request.taskId);
  const view = await perspectiveOf(db, ownerId, request.projectId);
  if (!run || !view) return null;
  const where = Prisma.sql`${decisionFilter(request.decision)} AND ${inProject}`;
  // The records' own table is joined only when the search or the sort reads it: a plain page of
  // 20,000 decisions is then ordered and cut on the decisions alone.
  const readsRecords = Boolean(request.search?.trim()) || request.sort === 'title' || request.sort === 'year';
  const ranked = Prisma.sql`LEFT JOIN screening_rank rk ON rk.project_id = ${request.projectId}::uuid AND rk.record_id = s.record_id`;
  const from = Prisma.sql`screened s ${readsRecords ? Prisma.sql`JOIN ${searchedRecords(request.search)} r ON r.id = s.record_id` : Prisma.empty} ${request.sort === 'relevance' ? ranked : Prisma.empty}`;
  const order = await pageOrder(db, request);
  const cte = effectiveDecisions(request.projectId, request.taskId, view);
  // The ranking's rank and the words that raised it are the machine's suggestion too: hidden with the screener's.
  const relevance = view.hideScreener
    ? Prisma.sql`NULL::int AS "relevanceRank", '{}'::text[] AS why`
    : Prisma.sql`rk.position AS "relevanceRank", COALESCE(rk.why, '{}') AS why`;
  const [records, counted, tally] = await Promise.all([
    db.$queryRaw<ScreenedRecord[]>`
      ${cte},
      page AS (
        SELECT s.*, row_number() OVER () AS n FROM (
          SELECT s.* FROM ${from}
          WHERE ${where} ORDER BY ${order} OFFSET ${request.offset} LIMIT ${request.limit}
        ) s
      )
      SELECT r.id, ${screenedFields},
        s.machine, s.human, s.effective, s.reason, s.criterion, s.exclusion_reason AS "exclusionReason", s.confidence,
        s.highlights, s.screener, s.note, s.reviewed_at AS "reviewedAt", s.reviewed_under AS "reviewedUnder",
        ${relevance}, s.disputed, s.review_state AS "reviewState", s.votes, s.mine,
        CASE WHEN s.opinion IS NOT NULL THEN jsonb_build_object('decision', s.opinion, 'reason', s.opinion_reason, 'screener', s.opinion_screener) END AS opinion
      FROM page s JOIN literature_record r ON r.id = s.record_id ${primaryGroupJoin} ${ranked}
      ORDER BY s.n`,
    db.$queryRaw<{ total: number }[]>`${cte} SELECT count(*)::int AS total FROM ${from} WHERE ${where}`,
    db.$queryRaw<{ effective: Decision; human: boolean; disputed: boolean; queue: boolean; awaiting: boolean; count: number }[]>`
      ${cte} SELECT s.effective, s.human IS NOT NULL AS human, s.disputed, s.mine IS NULL AS queue, s.review_state IS NOT DISTINCT FROM 'awaiting' AS awaiting, count(*)::int AS count
      FROM screened s WHERE ${inProject} GROUP BY 1, 2, 3, 4, 5`,
  ]);
  const counts = { include: 0, exclude: 0, uncertain: 0, conflict: 0, reviewed: 0, screened: 0, disputed: 0, queue: 0, awaiting: 0 };
  for (const row of tally) {
    counts[row.effective] += row.count;
    counts.screened += row.count;
    if (row.human) counts.reviewed += row.count;
    if (row.disputed) counts.disputed += row.count;
    if (row.queue) counts.queue += row.count;
    if (row.awaiting) counts.awaiting += row.count;
  }
  return { records, total: counted[0]?.total ?? 0, offset: request.offset, counts, criteria: run.criteria };
}

/**
 * The page's order: the stopping test's random order for its sample, else the chosen sort (ties,
 * and no sort, in a fixed order), the ranking's most likely relevant first.
 */
async function pageOrder(db: Db, request: ScreenedPageRequest): Promise<Prisma.Sql> {
  if (request.decision === 'sample') {
    const stop = await db.screeningStop.findUnique({ where: { taskId: request.taskId }, select: { seed: true } });
    if (!stop) throw new TaskInputError('Start the stopping test first: its random sample is drawn when it starts.');
    return Prisma.sql`${sampleOrder(stop.seed)}, s.record_id`;
  }
  if (!request.sort) return Prisma.sql`s.record_id`;
  const direction = request.direction === 'desc' && request.sort !== 'relevance' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`${SORTS[request.sort]} ${direction} NULLS LAST, s.record_id`;
}

/**
 * The records a run has no decision for yet: those of its unfinished batches (a batch that failed
 * after its retries, or a cancelled run), so the researcher sees what "Try again" will screen.
 */
export async function listUnscreenedRecords(
  db: Db,
  ownerId: string,
  request: { projectId: string; taskId: string; limit: number },
): Promise<{ total: number; records: { id: string; title: string | null }[] } | null> {
  if (!(await findRun(db, ownerId, request.projectId, request.taskId))) return null;
  const unscreened = Prisma.sql`
    FROM task_batch b
    CROSS JOIN LATERAL jsonb_array_elements_text(b.payload -> 'recordIds') WITH ORDINALITY AS planned(id, position)
    JOIN ${liveRecords} r ON r.id = planned.id::uuid
    LEFT JOIN screening_decision d ON d.task_id = b.task_id AND d.record_id = r.id
    WHERE b.task_id = ${request.taskId}::uuid AND b.state <> 'done' AND d.record_id IS NULL`;
  const [records, [counted]] = await Promise.all([
    db.$queryRaw<{ id: string; title: string | null }[]>`SELECT r.id, r.title ${unscreened} ORDER BY b.seq, planned.position LIMIT ${request.limit}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${unscreened}`,
  ]);
  return { total: counted?.total ?? 0, records };
}

const FORMAT_LABELS: Record<string, string> = {
  medline: 'PubMed/MEDLINE', ris: 'RIS', 'endnote-xml': 'EndNote XML', bibtex: 'BibTeX', wos: 'Web of Science', csv: 'CSV', xlsx: 'Excel',
};

/** The PRISMA 2020 flow counts of a run, from the same decisions the table shows. */
export async function prismaCounts(db: Db, ownerId: string, projectId: string, taskId: string): Promise<PrismaCounts | null> {
  if (!(await findRun(db, ownerId, projectId, taskId))) return null;
  const cte = effectiveDecisions(projectId, taskId);
  const [sources, [flow], reasons, [related]] = await Promise.all([
    db.$queryRaw<{ fileName: string; format: string; count: number }[]>`
      SELECT i.file_name AS "fileName", i.format, count(r.id)::int AS count
      FROM literature_import i LEFT JOIN literature_record r ON r.import_id = i.id
      WHERE i.project_id = ${projectId}::uuid AND i.deleted_at IS NULL GROUP BY i.id ORDER BY i.created_at`,
    db.$queryRaw<{ records: number; inGroups: number; groups: number; screened: number; byPerson: number; byAutomation: number; byStopping: number; stoppingClaim: string | null; included: number }[]>`
      ${cte}
      SELECT
        (SELECT count(*)::int FROM ${liveRecords} r WHERE r.project_id = ${projectId}::uuid) AS records,
        (SELECT count(*)::int FROM duplicate_group_member m JOIN duplicate_group g ON g.id = m.group_id WHERE g.project_id = ${projectId}::uuid) AS "inGroups",
        (SELECT count(*)::int FROM duplicate_group WHERE project_id = ${projectId}::uuid) AS groups,
        count(*)::int AS screened,
        count(*) FILTER (WHERE s.human = 'exclude')::int AS "byPerson",
        count(*) FILTER (WHERE s.human IS NULL AND s.effective = 'exclude' AND NOT s.by_stopping)::int AS "byAutomation",
        count(*) FILTER (WHERE s.by_stopping)::int AS "byStopping",
        (SELECT applied_claim FROM screening_stop WHERE task_id = ${taskId}::uuid AND applied_at IS NOT NULL) AS "stoppingClaim",
        count(*) FILTER (WHERE s.effective = 'include')::int AS included
      FROM screened s WHERE ${inProject}`,
    db.$queryRaw<{ reason: string; count: number }[]>`
      ${cte}
      SELECT CASE WHEN s.human = 'exclude' THEN 'excluded by the researcher' ELSE COALESCE(s.exclusion_reason, 'other') END AS reason, count(*)::int AS count
      FROM screened s WHERE s.effective = 'exclude' AND ${inProject} GROUP BY 1 ORDER BY 2 DESC, 1`,
    // Included records that are a related report (erratum, comment, conference abstract) of another
    // included record: each screened record stands for its duplicate group, so links are read through the copies.
    db.$queryRaw<{ reports: number }[]>`
      ${cte},
      included AS (
        SELECT s.record_id AS shown, coalesce(m2.record_id, s.record_id) AS copy FROM screened s
        LEFT JOIN duplicate_group_member m ON m.record_id = s.record_id LEFT JOIN duplicate_group_member m2 ON m2.group_id = m.group_id
        WHERE s.effective = 'include' AND ${inProject}
      )
      SELECT count(DISTINCT report.shown)::int AS reports
      FROM related_record l JOIN included report ON report.copy = l.record_id JOIN included study ON study.copy = l.related_id
      WHERE l.project_id = ${projectId}::uuid AND report.shown <> study.shown`,
  ]);
  if (!flow) return null;
  return {
    identified: sources.map((source) => ({ source: `${FORMAT_LABELS[source.format] ?? source.format}: ${source.fileName}`, count: source.count })),
    duplicatesRemoved: flow.inGroups - flow.groups,
    screened: flow.screened,
    excludedByAutomation: flow.byAutomation,
    excludedByPerson: flow.byPerson,
    excludedByStoppingRule: flow.byStopping,
    stoppingClaim: flow.stoppingClaim,
    exclusionReasons: reasons,
    awaitingDecision: flow.screened - flow.byAutomation - flow.byPerson - flow.byStopping - flow.included,
    included: flow.included,
    relatedIncluded: related?.reports ?? 0,
  };
}

export type ExportSet = 'included' | 'excluded' | 'undecided' | 'all';

export type ExportedRecord = Omit<
  ScreenedRecord,
  'machine' | 'criterion' | 'exclusionReason' | 'confidence' | 'highlights' | 'screener' | 'reviewedAt' | 'reviewedUnder' | 'relevanceRank' | 'why' | 'opinion' | 'disputed' | 'mine'
> & {
  /** Who made the decision in force (in dual screening, the owner who resolved it, or the newest of two who agreed). */
  reviewedBy: string | null;
};

const EXPORT_FILTERS: Record<ExportSet, DecisionFilter | undefined> = { included: 'include', excluded: 'exclude', undecided: 'undecided', all: undefined };

/**
 * The run's records of one set, in file order, for RIS / CSV / XLSX downloads, read from the
 * asker's side like the table (a blind reviewer's file holds only their own decisions); `dual`
 * when the owners' file carries each reviewer's decision. Null when the run is not theirs.
 */
export async function screeningExport(
  db: Db,
  ownerId: string,
  projectId: string,
  taskId: string,
  set: ExportSet,
): Promise<{ fileName: string; records: ExportedRecord[]; dual: boolean } | null> {
  const run = await findRun(db, ownerId, projectId, taskId);
  const view = await perspectiveOf(db, ownerId, projectId);
  if (!run || !view) return null;
  const records = await db.$queryRaw<ExportedRecord[]>`
    ${effectiveDecisions(projectId, taskId, view)}
    SELECT r.id, ${screenedFields},
      s.effective, s.human, s.note, s.review_state AS "reviewState", s.votes, s.reviewed_by AS "reviewedBy",
      s.reason || CASE WHEN s.opinion IS NULL THEN '' ELSE ' Second opinion (' || s.opinion_screener || '): ' || s.opinion || '. ' || s.opinion_reason END AS reason
    FROM screened s JOIN ${liveRecords} r ON r.id = s.record_id JOIN literature_import i ON i.id = r.import_id ${primaryGroupJoin}
    WHERE ${decisionFilter(EXPORT_FILTERS[set])}
    ORDER BY i.created_at, r.position`;
  const { screeningMode } = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { screeningMode: true } });
  return { fileName: `screening-v${run.criteria.version}-${set}`, records, dual: screeningMode === 'dual' && !view.blind };
}
