// Where imported literature lives: one literature_import row per file and its records, keyed by
// (import, position) so a retried import inserts only what is missing and record ids stay stable
// (keep-apart pairs refer to them) until a re-import with other columns replaces the records.
// Records are streamed in with one bulk copy per attempt (copyRows.ts lays them out).
import { openBulkCopy, type BulkCopy, type Db, type PairVerdict, type Prisma } from '@sift/db';
import type { ColumnMapping, DedupInput, ImportReport, LiteratureField, LiteratureRecord } from '@sift/literature';
import { copyStatement, RECORD_COLUMNS } from './copyRows.ts';

/** The import report as stored: the parser's counts plus, for CSV and XLSX, the column mapping used. */
export type StoredReport = ImportReport & {
  columns?: {
    headers: string[];
    mapping: ColumnMapping;
    confidence: Partial<Record<LiteratureField, number>>;
    /** Fields whose column is a guess to check. */
    unsure: LiteratureField[];
    /** The researcher chose the columns (a re-import), rather than Sift guessing them. */
    chosen?: true;
  };
};

type Tx = Db | Prisma.TransactionClient;

/**
 * The import row of this task: created by the first attempt, updated by a retry. A re-import of
 * the same file (`importId`, with the researcher's columns) takes over that import's row instead
 * and clears its records and the duplicate groups they were in, so each attempt starts afresh
 * (the de-duplication that follows the import groups them again).
 */
export async function saveImport(
  db: Db,
  data: { projectId: string; taskId: string; fileName: string; format: string; report: StoredReport; importId?: string | undefined },
): Promise<string> {
  const { importId, ...row } = data;
  const report = row.report as unknown as Prisma.InputJsonValue;
  if (importId) {
    await db.$transaction([
      db.literatureImport.update({ where: { id: importId }, data: { format: row.format, report } }),
      db.duplicateGroup.deleteMany({ where: { projectId: row.projectId, members: { some: { record: { importId } } } } }),
      db.literatureRecord.deleteMany({ where: { importId } }),
    ]);
    return importId;
  }
  const saved = await db.literatureImport.upsert({
    where: { taskId: row.taskId },
    create: { ...row, report },
    update: { format: row.format, report },
    select: { id: true },
  });
  return saved.id;
}

/**
 * How many records this import already holds. An attempt commits all its records or none (one
 * bulk copy), so they are positions 0..n-1 and a retry copies only from n on: nothing is
 * duplicated, and saved records keep their ids.
 */
export async function savedRecordCount(db: Db, importId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ next: number }[]>`SELECT coalesce(max(position) + 1, 0)::int AS next FROM literature_record WHERE import_id = ${importId}::uuid`;
  return row?.next ?? 0;
}

/** A bulk copy of records (rows from recordRows in copyRows.ts), committed as one. */
export function copyRecords(db: Db): Promise<BulkCopy> {
  return openBulkCopy(db, { copy: copyStatement('literature_record', RECORD_COLUMNS) });
}

const DEDUP_FIELDS = {
  id: true, title: true, abstract: true, authors: true, year: true, journal: true, volume: true, issue: true, pages: true,
  doi: true, pmid: true, keywords: true, language: true, publicationType: true, import: { select: { fileName: true } },
} satisfies Prisma.LiteratureRecordSelect;

type DedupRow = Prisma.LiteratureRecordGetPayload<{ select: typeof DEDUP_FIELDS }>;

/** Records as de-duplication sees them; `raw` is left out (never compared, and large). */
export async function loadDedupInputs(db: Tx, where: Prisma.LiteratureRecordWhereInput): Promise<DedupInput[]> {
  const rows = await db.literatureRecord.findMany({ where, select: DEDUP_FIELDS, orderBy: [{ importId: 'asc' }, { position: 'asc' }] });
  return rows.map((row) => ({ id: row.id, record: toRecord(row) }));
}

function toRecord(row: DedupRow): LiteratureRecord {
  const { id: _id, import: source, authors, keywords, ...fields } = row;
  return { ...fields, authors: authors as string[], keywords: keywords as string[], sourceFile: source.fileName, raw: '' };
}

/** Stored keep-apart pairs among the given records (all of the project's when omitted). */
export async function loadKeepApart(db: Tx, projectId: string, recordIds?: readonly string[]): Promise<[string, string][]> {
  const where: Prisma.KeepApartWhereInput = recordIds ? { projectId, recordA: { in: [...recordIds] }, recordB: { in: [...recordIds] } } : { projectId };
  const pairs = await db.keepApart.findMany({ where, select: { recordA: true, recordB: true } });
  return pairs.map((pair) => [pair.recordA, pair.recordB]);
}

/** The researcher's decisions for findDuplicates: pairs to merge, and pairs to keep apart. */
export async function loadPairDecisions(tx: Tx, projectId: string): Promise<Record<PairVerdict, [string, string][]>> {
  const rows = await tx.pairDecision.findMany({ where: { projectId }, select: { recordA: true, recordB: true, verdict: true } });
  const decisions: Record<PairVerdict, [string, string][]> = { merge: [], keep_apart: [] };
  for (const row of rows) decisions[row.verdict].push([row.recordA, row.recordB]);
  return decisions;
}

/**
 * Moves the search index's pending list (where GIN parks freshly inserted rows to insert fast)
 * into the index proper, in bulk, once an import has saved its records. Left to autovacuum, the
 * first searches after a big import scan every pending entry: 20 ms became 720 ms at 20,000
 * records. Needs the index's owner (the role that ran the migrations); without it the merge is
 * left to autovacuum and the import still succeeds.
 */
export async function mergePendingSearchEntries(db: Db, log: (message: string, fields?: Record<string, unknown>) => void): Promise<void> {
  try {
    await db.$queryRaw`SELECT gin_clean_pending_list('literature_record_search_idx'::regclass)`;
  } catch (error) {
    log('search index pending list left to autovacuum', { error: error instanceof Error ? error.message : String(error) });
  }
}
