// Pages of a project's records and duplicate groups for the review screens, read on the server:
// filtered, sorted and cut in SQL so a 20,000-record project never travels whole. Owner-scoped:
// another owner's project reads as missing (null).
import { Prisma, type Db } from '@sift/db';
import { searchWords, type DuplicateLink, type DuplicateReason, type LiteratureRecord } from '@sift/literature';
import type { MergedGroup } from './mergeGroups.ts';
import { liveRecords } from './liveRecords.ts';
import { memberOf } from './members.ts';
import { relatedOf, type RelatedListing } from './relatedRecords.ts';

export type RecordSort = 'title' | 'year' | 'journal' | 'firstAuthor';

export interface RecordPageRequest {
  projectId: string;
  offset: number;
  limit: number;
  /** Words to find in the title, abstract or authors: each at the start of a word, in any order (searchWords). */
  search?: string | undefined;
  importId?: string | undefined;
  /** Omitted: imports in the order they were made, records in file order. */
  sort?: RecordSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
}

/** A stored record as the table shows it: the parsed fields (the raw text stays in the database). */
export type RecordListing = Omit<LiteratureRecord, 'raw' | 'sourceFile'> & {
  id: string;
  importId: string;
  fileName: string;
  position: number;
  /** The duplicate group the record belongs to, if any. */
  duplicateGroupId: string | null;
  /** Records it (or a copy grouped with it) is about, or that are about it: erratum of, conference abstract of, ... */
  related: RelatedListing[];
};

const SORTS: Record<RecordSort, Prisma.Sql> = {
  title: Prisma.sql`lower(r.title)`,
  year: Prisma.sql`r.year`,
  journal: Prisma.sql`lower(r.journal)`,
  firstAuthor: Prisma.sql`lower(r.authors->>0)`,
};

/**
 * The project's live records (liveRecords), or those matching a search when there is one: every word must begin a
 * word of the record (searchText: Chinese pairs are words), found through the GIN index on this
 * very expression. OFFSET 0 keeps the search a step of its own: merged with the project filter,
 * statistics not yet updated after an import have the planner expect a handful of rows and
 * compute to_tsvector for every record of the project, for seconds.
 */
export function searchedRecords(search: string | undefined): Prisma.Sql {
  const words = searchWords(search ?? '');
  if (words.length === 0) return liveRecords;
  return Prisma.sql`(SELECT * FROM ${liveRecords} lr WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', ${words.map((word) => `'${word}':*`).join(' & ')}) OFFSET 0)`;
}

export async function listRecords(db: Db, ownerId: string, request: RecordPageRequest): Promise<{ records: RecordListing[]; total: number; offset: number } | null> {
  const { projectId, offset, limit } = request;
  if (!(await db.project.findFirst({ where: { id: projectId, ...memberOf(ownerId) }, select: { id: true } }))) return null;
  const filters = [Prisma.sql`r.project_id = ${projectId}::uuid`];
  if (request.importId) filters.push(Prisma.sql`r.import_id = ${request.importId}::uuid`);
  const source = searchedRecords(request.search);
  const where = Prisma.join(filters, ' AND ');
  const counting = db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM ${source} r WHERE ${where}`.then((rows) => rows[0]?.total ?? 0);
  // The page's ids are found first, sorting only narrow rows; abstracts are read for those 50 alone.
  const readPage = (reversed: boolean, skip: number, take: number) => db.$queryRaw<Omit<RecordListing, 'related'>[]>`
    WITH page AS (
      SELECT r.id, row_number() OVER () AS n FROM (
        SELECT r.id FROM ${source} r JOIN literature_import i ON i.id = r.import_id
        WHERE ${where} ORDER BY ${recordOrder(request.sort, request.direction, reversed)} OFFSET ${skip} LIMIT ${take}
      ) r
    )
    SELECT r.id, r.import_id AS "importId", i.file_name AS "fileName", r.position, r.title, r.abstract, r.authors, r.year, r.journal,
      r.volume, r.issue, r.pages, r.doi, r.pmid, r.keywords, r.language, r.publication_type AS "publicationType",
      m.group_id AS "duplicateGroupId"
    FROM page JOIN literature_record r ON r.id = page.id
    JOIN literature_import i ON i.id = r.import_id
    LEFT JOIN duplicate_group_member m ON m.record_id = r.id
    ORDER BY page.n`;
  // The first page is read beside the count. A later one waits for the count: a deep page is read
  // from the far end in the opposite order, then turned round, so the sort indexes (or a top-N
  // sort where none serves) touch only the rows up to the page, not every record of the project
  // (offset 19,950 of 20,000 reads 50 rows, not 20,000).
  const [page, total] = offset === 0
    ? await Promise.all([readPage(false, 0, limit), counting])
    : await counting.then(async (count) => {
        const end = Math.min(offset + limit, count);
        if (offset <= count - end) return [await readPage(false, offset, limit), count] as const;
        return [(await readPage(true, count - end, Math.max(0, end - offset))).reverse(), count] as const;
      });
  // A record shows the related links of its duplicate group's copies too, since they are one work.
  const related = await relatedOf(db, projectId, page.map((record) => record.id));
  return { records: page.map((record) => ({ ...record, related: related.get(record.id) ?? [] })), total, offset };
}

/**
 * The table's order: by the sort's key (missing values last either way), then imports in the
 * order they were made and file order, so pages never overlap; `reversed` is the exact opposite.
 */
function recordOrder(sort: RecordSort | undefined, direction: 'asc' | 'desc' | undefined, reversed: boolean): Prisma.Sql {
  const way = (ascending: boolean) => (ascending !== reversed ? Prisma.sql`ASC` : Prisma.sql`DESC`);
  const fileOrder = Prisma.sql`i.created_at ${way(true)}, r.import_id ${way(true)}, r.position ${way(true)}`;
  if (!sort) return fileOrder;
  const nulls = reversed ? Prisma.sql`NULLS FIRST` : Prisma.sql`NULLS LAST`;
  return Prisma.sql`${SORTS[sort]} ${way(direction !== 'desc')} ${nulls}, ${fileOrder}`;
}

export interface GroupMember {
  id: string;
  /** 0 for the primary copy of the merged record. */
  rank: number;
  importId: string;
  fileName: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

export interface GroupListing {
  id: string;
  reason: DuplicateReason;
  /** Why each pair was joined, in words. */
  links: DuplicateLink[];
  merged: MergedGroup['merged'];
  members: GroupMember[];
}

export async function listDuplicateGroups(
  db: Db,
  ownerId: string,
  request: { projectId: string; offset: number; limit: number },
): Promise<{ groups: GroupListing[]; total: number; offset: number } | null> {
  const { projectId, offset, limit } = request;
  if (!(await db.project.findFirst({ where: { id: projectId, ...memberOf(ownerId) }, select: { id: true } }))) return null;
  const [groups, total] = await Promise.all([
    db.duplicateGroup.findMany({
      where: { projectId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: offset,
      take: limit,
      include: {
        members: {
          orderBy: { rank: 'asc' },
          select: {
            rank: true,
            record: {
              select: { id: true, importId: true, title: true, authors: true, year: true, journal: true, doi: true, pmid: true, import: { select: { fileName: true } } },
            },
          },
        },
      },
    }),
    db.duplicateGroup.count({ where: { projectId } }),
  ]);
  return {
    total,
    offset,
    groups: groups.map((group) => ({
      id: group.id,
      reason: group.reason,
      links: group.links as unknown as DuplicateLink[],
      merged: group.merged as unknown as MergedGroup['merged'],
      members: group.members.map(({ rank, record: { import: source, authors, ...record } }) => ({
        ...record,
        rank,
        fileName: source.fileName,
        authors: authors as string[],
      })),
    })),
  };
}
