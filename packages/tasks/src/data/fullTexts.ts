// A project's full texts: the PDFs attached to it, their pages' text, and the record each is. A
// reading task saves a paper whole (a retry replaces what an earlier attempt saved, by task id);
// the researcher settles an ambiguous or unmatched paper by hand. Member-scoped like every read.
import type { Db } from '@sift/db';
import type { FullTextMatch, MatchCandidate } from '@sift/fulltext';
import { TaskInputError } from '../errors.ts';
import { liveRecord } from './liveRecords.ts';
import { memberOf } from './members.ts';
import { primaryGroupJoin, screenableRecordIds, screenedFields } from './screeningStore.ts';

export interface FullTextListing {
  id: string;
  taskId: string;
  fileName: string;
  pageCount: number;
  hasText: boolean;
  match: 'matched' | 'ambiguous' | 'unmatched' | 'by_hand';
  matchedBy: string | null;
  matchNote: string;
  record: { id: string; title: string | null } | null;
  /** The records an ambiguous paper could be, with what tells apart two of one title. */
  candidates: { id: string; title: string | null; firstAuthor: string | null; year: number | null }[];
  createdAt: string;
}

/** The records a paper can be: each de-duplicated work once (a group's primary copy, with the group's merged fields). */
export async function matchCandidates(db: Db, projectId: string): Promise<MatchCandidate[]> {
  const ids = await screenableRecordIds(db, projectId);
  const rows = await db.$queryRaw<{ id: string; title: string | null; doi: string | null; pmid: string | null; authors: unknown; year: number | null }[]>`
    SELECT r.id, ${screenedFields} FROM literature_record r ${primaryGroupJoin} WHERE r.id = ANY(${ids}::uuid[])`;
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    doi: row.doi,
    pmid: row.pmid,
    firstAuthor: Array.isArray(row.authors) && typeof row.authors[0] === 'string' ? row.authors[0] : null,
    year: row.year,
  }));
}

export async function saveFullText(
  db: Db,
  paper: { projectId: string; taskId: string; uploadId: string; fileName: string; pages: readonly string[]; hasText: boolean; match: FullTextMatch },
): Promise<string> {
  const { match } = paper;
  return db.$transaction(async (tx) => {
    await tx.fullText.deleteMany({ where: { taskId: paper.taskId } });
    const saved = await tx.fullText.create({
      data: {
        projectId: paper.projectId,
        taskId: paper.taskId,
        uploadId: paper.uploadId,
        fileName: paper.fileName,
        pageCount: paper.pages.length,
        hasText: paper.hasText,
        match: match.status,
        recordId: match.status === 'matched' ? match.recordId : null,
        matchedBy: match.status === 'matched' ? match.by : null,
        matchNote: match.note,
        candidates: match.status === 'ambiguous' ? match.candidates : [],
      },
    });
    // PostgreSQL text cannot hold NUL, which some PDFs' text layers carry.
    await tx.fullTextPage.createMany({ data: paper.pages.map((text, index) => ({ fullTextId: saved.id, page: index + 1, text: text.replaceAll('\0', '') })) });
    return saved.id;
  });
}

/** The project's full texts, newest first, with the record each is and the records an ambiguous one could be; null for a non-member. */
export async function listFullTexts(db: Db, memberId: string, projectId: string): Promise<FullTextListing[] | null> {
  if (!(await db.project.findFirst({ where: { id: projectId, ...memberOf(memberId) }, select: { id: true } }))) return null;
  const rows = await db.fullText.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, include: { record: { select: { id: true, title: true } } } });
  const candidateIds = [...new Set(rows.flatMap((row) => row.candidates))];
  const found = await db.literatureRecord.findMany({ where: { id: { in: candidateIds } }, select: { id: true, title: true, authors: true, year: true } });
  const candidates = new Map(
    found.map((record) => {
      const firstAuthor = Array.isArray(record.authors) && typeof record.authors[0] === 'string' ? record.authors[0] : null;
      return [record.id, { id: record.id, title: record.title, firstAuthor, year: record.year }];
    }),
  );
  return rows.map((row) => ({
    id: row.id,
    taskId: row.taskId,
    fileName: row.fileName,
    pageCount: row.pageCount,
    hasText: row.hasText,
    match: row.match as FullTextListing['match'],
    matchedBy: row.matchedBy,
    matchNote: row.matchNote,
    record: row.record,
    candidates: row.candidates.flatMap((id) => candidates.get(id) ?? []),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** The project a full text belongs to (for the role check), or null. */
export async function fullTextProject(db: Db, fullTextId: string): Promise<string | null> {
  return (await db.fullText.findUnique({ where: { id: fullTextId }, select: { projectId: true } }))?.projectId ?? null;
}

/** The researcher says which record a paper is (or that it is none: null). */
export async function setFullTextRecord(db: Db, fullTextId: string, recordId: string | null): Promise<void> {
  const paper = await db.fullText.findUniqueOrThrow({ where: { id: fullTextId }, select: { projectId: true } });
  if (recordId && !(await db.literatureRecord.findFirst({ where: { id: recordId, projectId: paper.projectId, ...liveRecord }, select: { id: true } }))) {
    throw new TaskInputError('That record is not in this project. Choose one of its records.');
  }
  await db.fullText.update({
    where: { id: fullTextId },
    data: recordId
      ? { recordId, match: 'by_hand', matchedBy: 'hand', matchNote: 'chosen by the researcher', candidates: [] }
      : { recordId: null, match: 'unmatched', matchedBy: null, matchNote: 'no record, said the researcher', candidates: [] },
  });
}

/** A page of a full text's text (for reading beside its record); null when it has no such page. */
export async function fullTextPage(db: Db, fullTextId: string, page: number): Promise<{ page: number; pageCount: number; text: string } | null> {
  const paper = await db.fullText.findUnique({ where: { id: fullTextId }, select: { pageCount: true, pages: { where: { page }, select: { text: true } } } });
  const text = paper?.pages[0]?.text;
  return paper && text !== undefined ? { page, pageCount: paper.pageCount, text } : null;
}
