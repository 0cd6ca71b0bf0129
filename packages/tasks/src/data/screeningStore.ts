// What screening reads and writes: the project's criteria versions, the de-duplicated records a
// run screens (a duplicate group's merged record stands for the whole group), and decisions,
// which are unique per (task, record) so a retried batch never writes one twice.
import { Prisma, type Db } from '@sift/db';
import { criteriaSchema, type Criteria, type ScreeningDecision, type ScreeningRecord } from '@sift/screening';
import { liveRecords } from './liveRecords.ts';

export interface CriteriaVersion {
  id: string;
  version: number;
  criteria: Criteria;
  createdAt: string;
}

const toVersion = (row: { id: string; version: number; criteria: unknown; createdAt: Date }): CriteriaVersion => ({
  id: row.id,
  version: row.version,
  criteria: criteriaSchema.parse(row.criteria),
  createdAt: row.createdAt.toISOString(),
});

export async function latestCriteria(db: Db, projectId: string): Promise<CriteriaVersion | null> {
  const row = await db.reviewCriteria.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
  return row && toVersion(row);
}

export async function findCriteria(db: Db | Prisma.TransactionClient, projectId: string, criteriaId: string): Promise<CriteriaVersion | null> {
  const row = await db.reviewCriteria.findFirst({ where: { id: criteriaId, projectId } });
  return row && toVersion(row);
}

export async function listCriteriaVersions(db: Db, projectId: string): Promise<CriteriaVersion[]> {
  const rows = await db.reviewCriteria.findMany({ where: { projectId }, orderBy: { version: 'desc' } });
  return rows.map(toVersion);
}

/** Saves criteria as the project's next version; unchanged criteria keep the current version. */
export async function saveCriteria(db: Db, projectId: string, criteria: Criteria): Promise<CriteriaVersion> {
  return db.$transaction(async (tx) => {
    // Two saves at once would both pick the same next version number.
    await tx.$queryRaw`SELECT 1 FROM project WHERE id = ${projectId}::uuid FOR UPDATE`;
    const latest = await tx.reviewCriteria.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
    if (latest && JSON.stringify(criteriaSchema.parse(latest.criteria)) === JSON.stringify(criteria)) return toVersion(latest);
    const created = await tx.reviewCriteria.create({ data: { projectId, version: (latest?.version ?? 0) + 1, criteria } });
    return toVersion(created);
  });
}

/** Ids of the records a screening run covers, in import and file order: records in no group, and each group's primary copy. */
export async function screenableRecordIds(db: Db, projectId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM ${liveRecords} r
    JOIN literature_import i ON i.id = r.import_id
    LEFT JOIN duplicate_group_member m ON m.record_id = r.id
    WHERE r.project_id = ${projectId}::uuid AND (m.record_id IS NULL OR m.rank = 0)
    ORDER BY i.created_at, r.position`;
  return rows.map((row) => row.id);
}

/**
 * A record's fields, for a record aliased `r`: a group's primary copy reads as the group's merged
 * record (the best fields of every copy), which is what screening judges and exports. Needs
 * `primaryGroupJoin`.
 */
export const screenedFields = Prisma.sql`
  COALESCE(g.merged #>> '{record,title}', r.title) AS title,
  COALESCE(g.merged #>> '{record,abstract}', r.abstract) AS abstract,
  COALESCE(g.merged #> '{record,authors}', r.authors) AS authors,
  COALESCE((g.merged #>> '{record,year}')::int, r.year) AS year,
  COALESCE(g.merged #>> '{record,journal}', r.journal) AS journal,
  COALESCE(g.merged #>> '{record,volume}', r.volume) AS volume,
  COALESCE(g.merged #>> '{record,issue}', r.issue) AS issue,
  COALESCE(g.merged #>> '{record,pages}', r.pages) AS pages,
  COALESCE(g.merged #>> '{record,doi}', r.doi) AS doi,
  COALESCE(g.merged #>> '{record,pmid}', r.pmid) AS pmid,
  COALESCE(g.merged #>> '{record,language}', r.language) AS language,
  COALESCE(g.merged #>> '{record,publicationType}', r.publication_type) AS "publicationType",
  COALESCE(g.merged #> '{record,keywords}', r.keywords) AS keywords`;

export const primaryGroupJoin = Prisma.sql`
  LEFT JOIN duplicate_group_member pm ON pm.record_id = r.id AND pm.rank = 0
  LEFT JOIN duplicate_group g ON g.id = pm.group_id`;

export async function loadScreeningRecords(db: Db, ids: readonly string[]): Promise<ScreeningRecord[]> {
  const rows = await db.$queryRaw<(ScreeningRecord & { keywords: unknown })[]>`
    SELECT r.id, ${screenedFields} FROM literature_record r ${primaryGroupJoin}
    WHERE r.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((row) => [row.id, { ...row, keywords: Array.isArray(row.keywords) ? (row.keywords as string[]) : [] }]));
  return ids.flatMap((id) => byId.get(id) ?? []); // a record deleted since the plan is simply skipped
}

/** Records of `ids` that already have a decision in this task (saved by an earlier attempt). */
export async function decidedRecordIds(db: Db, taskId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.screeningDecision.findMany({ where: { taskId, recordId: { in: [...ids] } }, select: { recordId: true } });
  return new Set(rows.map((row) => row.recordId));
}

/** One INSERT of whole columns (unnest): a checkpoint's decisions in a single round trip; a decision saved before is kept. */
export async function saveDecisions(db: Db, run: { taskId: string; projectId: string; criteriaId: string }, decisions: readonly ScreeningDecision[]) {
  if (decisions.length === 0) return;
  const column = <T>(pick: (decision: ScreeningDecision) => T) => decisions.map(pick);
  await db.$executeRaw`
    INSERT INTO screening_decision (task_id, project_id, criteria_id, record_id, decision, reason, criterion, exclusion_reason, confidence, highlights, screener)
    SELECT ${run.taskId}::uuid, ${run.projectId}::uuid, ${run.criteriaId}::uuid, d.*
    FROM unnest(
      ${column((decision) => decision.recordId)}::uuid[], ${column((decision) => decision.decision)}::"Decision"[],
      ${column((decision) => decision.reason)}::text[], ${column((decision) => decision.criterion)}::text[],
      ${column((decision) => decision.exclusionReason)}::text[], ${column((decision) => decision.confidence)}::float8[],
      ${column((decision) => JSON.stringify(decision.highlights))}::jsonb[], ${column((decision) => decision.screener)}::text[]
    ) AS d
    ON CONFLICT (task_id, record_id) DO NOTHING`;
}

export async function decisionCounts(db: Db | Prisma.TransactionClient, taskId: string) {
  const rows = await db.screeningDecision.groupBy({ by: ['decision'], where: { taskId }, _count: { _all: true } });
  const counts = { include: 0, exclude: 0, uncertain: 0, conflict: 0 };
  for (const row of rows) counts[row.decision] = row._count._all;
  return { screened: counts.include + counts.exclude + counts.uncertain + counts.conflict, ...counts };
}
