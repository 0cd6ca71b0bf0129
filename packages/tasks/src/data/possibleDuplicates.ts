// A project's possible duplicates and the researcher's word on them. The pairs are replaced whole
// by each de-duplication run; a decision ("merge" or "keep apart") is stored apart, per pair, and
// outlives every run until undone: merges link first in findDuplicates, keep-aparts join the split
// pairs. Owner-scoped: another owner's project or pair reads as missing (null).
import { Prisma, type Db, type PairVerdict } from '@sift/db';
import type { PossibleDuplicate } from '@sift/literature';
import { TaskInputError } from '../errors.ts';
import { lockProjectGroups } from './groupStore.ts';
import { isLive } from './liveRecords.ts';
import { memberOf } from './members.ts';

/** What the researcher saw when deciding: kept with the decision, shown while the pair is merged. */
export type PairEvidence = Pick<PossibleDuplicate, 'similarity' | 'keptApartBy' | 'matched' | 'differed'>;

export interface PairRecord {
  id: string;
  fileName: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  publicationType: string | null;
}

export interface PossiblePairListing extends PairEvidence {
  records: [PairRecord, PairRecord];
  /** open: undecided; merged: the researcher merged them (inOneGroup once de-duplication has run); kept_apart: dismissed. */
  status: 'open' | 'merged' | 'kept_apart';
  /** For a merge: whether the records are in one duplicate group now (false until de-duplication runs, or when a split keeps them apart). */
  inOneGroup: boolean;
}

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export async function replacePossibleDuplicates(tx: Prisma.TransactionClient, projectId: string, pairs: readonly PossibleDuplicate[]): Promise<void> {
  await tx.possibleDuplicate.deleteMany({ where: { projectId } });
  await tx.possibleDuplicate.createMany({
    data: pairs.map((pair) => {
      const [recordA, recordB] = ordered(...pair.ids);
      return { projectId, recordA, recordB, similarity: pair.similarity, keptApartBy: pair.keptApartBy, matched: pair.matched, differed: pair.differed };
    }),
    skipDuplicates: true,
  });
}

interface PairRow extends PairEvidence {
  recordA: string;
  recordB: string;
  verdict: PairVerdict | null;
  inOneGroup: boolean;
}

/**
 * A page of the project's possible duplicates: undecided first, most alike first; then the decided
 * ones, merged pairs included (they leave the found pairs once merged, so they come from their decision).
 */
export async function listPossibleDuplicates(
  db: Db,
  ownerId: string,
  request: { projectId: string; offset: number; limit: number },
): Promise<{ pairs: PossiblePairListing[]; total: number; open: number; offset: number } | null> {
  const { projectId, offset, limit } = request;
  if (!(await db.project.findFirst({ where: { id: projectId, ...memberOf(ownerId) }, select: { id: true } }))) return null;
  const listed = Prisma.sql`
    SELECT p.record_a, p.record_b, p.similarity, p.kept_apart_by, to_jsonb(p.matched) AS matched, to_jsonb(p.differed) AS differed, d.verdict
    FROM possible_duplicate p LEFT JOIN pair_decision d ON d.record_a = p.record_a AND d.record_b = p.record_b
    WHERE p.project_id = ${projectId}::uuid
      -- a pair the researcher split out of a group was judged there ("Undo the split" takes it back)
      AND NOT EXISTS (SELECT 1 FROM keep_apart k WHERE k.record_a = p.record_a AND k.record_b = p.record_b)
    UNION ALL
    SELECT d.record_a, d.record_b, (d.evidence->>'similarity')::float8, d.evidence->>'keptApartBy', d.evidence->'matched', d.evidence->'differed', d.verdict
    FROM pair_decision d
    WHERE d.project_id = ${projectId}::uuid
      AND NOT EXISTS (SELECT 1 FROM possible_duplicate p WHERE p.record_a = d.record_a AND p.record_b = d.record_b)
      -- a verdict on a record of a deleted import waits, kept, for its restore
      AND ${isLive(Prisma.sql`d.record_a`)} AND ${isLive(Prisma.sql`d.record_b`)}`;
  const [rows, counts] = await Promise.all([
    db.$queryRaw<PairRow[]>`
      SELECT l.record_a AS "recordA", l.record_b AS "recordB", l.similarity, l.kept_apart_by AS "keptApartBy", l.matched, l.differed, l.verdict,
        coalesce(ma.group_id = mb.group_id, false) AS "inOneGroup"
      FROM (${listed}) l
      LEFT JOIN duplicate_group_member ma ON ma.record_id = l.record_a
      LEFT JOIN duplicate_group_member mb ON mb.record_id = l.record_b
      ORDER BY l.verdict IS NOT NULL, l.similarity DESC, l.record_a, l.record_b
      OFFSET ${offset} LIMIT ${limit}`,
    db.$queryRaw<{ total: number; open: number }[]>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE l.verdict IS NULL)::int AS open FROM (${listed}) l`,
  ]);
  const records = await pairRecords(db, rows.flatMap((row) => [row.recordA, row.recordB]));
  return {
    offset,
    total: counts[0]?.total ?? 0,
    open: counts[0]?.open ?? 0,
    pairs: rows.map((row) => ({
      similarity: row.similarity,
      keptApartBy: row.keptApartBy,
      matched: row.matched,
      differed: row.differed,
      records: [records.get(row.recordA) as PairRecord, records.get(row.recordB) as PairRecord],
      status: row.verdict === null ? 'open' : row.verdict === 'merge' ? 'merged' : 'kept_apart',
      inOneGroup: row.inOneGroup,
    })),
  };
}

async function pairRecords(db: Db, ids: string[]): Promise<Map<string, PairRecord>> {
  const rows = await db.literatureRecord.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, authors: true, year: true, journal: true, volume: true, pages: true, doi: true, pmid: true, publicationType: true, import: { select: { fileName: true } } },
  });
  return new Map(rows.map(({ import: source, authors, ...row }) => [row.id, { ...row, authors: authors as string[], fileName: source.fileName }]));
}

/**
 * Records the researcher's verdict on a listed possible duplicate, replacing an earlier one. Null
 * when the pair is not one of this owner's listed pairs. A merge needs a de-duplication run to
 * take effect (the caller starts it); a keep-apart holds at once.
 */
export async function decidePossibleDuplicate(db: Db, ownerId: string, ids: readonly [string, string], verdict: PairVerdict): Promise<{ projectId: string } | null> {
  const [recordA, recordB] = ordered(...ids);
  return db.$transaction(async (tx) => {
    const pair = await tx.possibleDuplicate.findFirst({ where: { recordA, recordB, project: memberOf(ownerId) } });
    if (!pair) return null;
    await lockProjectGroups(tx, pair.projectId);
    if (verdict === 'merge' && (await tx.keepApart.findUnique({ where: { recordA_recordB: { recordA, recordB } } }))) {
      throw new TaskInputError('You took these two records out of one duplicate group earlier. Undo that split first, then merge them.');
    }
    const evidence: PairEvidence = { similarity: pair.similarity, keptApartBy: pair.keptApartBy, matched: pair.matched, differed: pair.differed };
    await tx.pairDecision.upsert({
      where: { recordA_recordB: { recordA, recordB } },
      create: { projectId: pair.projectId, recordA, recordB, verdict, evidence: evidence as unknown as Prisma.InputJsonValue },
      update: { verdict, decidedAt: new Date() },
    });
    return { projectId: pair.projectId };
  });
}

/** Takes back the researcher's verdict on a pair; null when there is none of this owner's. A merge undone needs a de-duplication run. */
export async function undoPairDecision(db: Db, ownerId: string, ids: readonly [string, string]): Promise<{ projectId: string; verdict: PairVerdict } | null> {
  const [recordA, recordB] = ordered(...ids);
  return db.$transaction(async (tx) => {
    const decision = await tx.pairDecision.findFirst({ where: { recordA, recordB, project: memberOf(ownerId) }, select: { projectId: true, verdict: true } });
    if (!decision) return null;
    await lockProjectGroups(tx, decision.projectId);
    await tx.pairDecision.delete({ where: { recordA_recordB: { recordA, recordB } } });
    return decision;
  });
}
