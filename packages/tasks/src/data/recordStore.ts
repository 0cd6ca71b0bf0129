// Where imported literature lives: one literature_import row per file and its records, keyed by
// (import, position) so a retried import inserts only what is missing and record ids stay stable
// (keep-apart pairs refer to them) until a re-import with other columns replaces the records.
// Records are written in batches as one JSON parameter.
import type { Db, PairVerdict, Prisma } from '@sift/db';
import {
  normaliseTitle, searchText, type ColumnMapping, type DedupInput, type ImportReport, type LiteratureField, type LiteratureRecord,
} from '@sift/literature';

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

export async function insertRecords(db: Db, target: { projectId: string; importId: string }, firstPosition: number, records: readonly LiteratureRecord[]): Promise<void> {
  const rows = records.map((record, offset) => ({
    position: firstPosition + offset,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    year: record.year,
    journal: record.journal,
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    doi: record.doi,
    pmid: record.pmid,
    keywords: record.keywords,
    language: record.language,
    publication_type: record.publicationType,
    raw: record.raw,
    title_key: normaliseTitle(record.title),
    search_text: searchText(record.title, record.abstract, ...record.authors),
  }));
  // Postgres text cannot hold NUL, which a damaged export may contain.
  const json = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '') : value));
  await db.$executeRaw`
    INSERT INTO literature_record (id, project_id, import_id, position, title, abstract, authors, year, journal, volume, issue,
      pages, doi, pmid, keywords, language, publication_type, raw, title_key, search_text)
    SELECT gen_random_uuid(), ${target.projectId}::uuid, ${target.importId}::uuid, r.position, r.title, r.abstract, r.authors, r.year,
      r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid, r.keywords, r.language, r.publication_type, r.raw, r.title_key, r.search_text
    FROM jsonb_to_recordset(${json}::jsonb) AS r(position int, title text, abstract text, authors jsonb, year int, journal text,
      volume text, issue text, pages text, doi text, pmid text, keywords jsonb, language text, publication_type text, raw text, title_key text, search_text text)
    ON CONFLICT (import_id, position) DO NOTHING`;
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

