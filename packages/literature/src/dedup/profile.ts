// Everything de-duplication compares, computed once per record: the keys to block on and the
// features the near-miss guards check. Kept apart from the matching rules so each is small.
import type { LiteratureRecord } from '../record.ts';
import { normaliseDoi, normalisePmid } from '../text.ts';
import { foldTitle, journalWords, type NoticeKind, noticeKind, startPage, surnameKeys, titleNumbers } from './normalise.ts';

export interface Profile {
  index: number;
  id: string;
  record: LiteratureRecord;
  /** Normalised again here, so records built by callers (not by the parsers) compare the same way. */
  doi: string | null;
  pmid: string | null;
  titleKey: string;
  /** The folded title's words. */
  words: string[];
  numbers: string;
  kind: NoticeKind;
  year: number | null;
  /** Surname keys of the first author, and of the first three authors (group authors move about). */
  firstAuthor: string[];
  leadAuthors: Set<string>;
  journal: string[];
  volume: string | null;
  page: string | null;
}

export function profile(index: number, id: string, record: LiteratureRecord): Profile {
  const folded = foldTitle(record.title);
  const lead = new Set<string>();
  for (const author of record.authors.slice(0, 3)) for (const key of surnameKeys(author)) lead.add(key);
  return {
    index,
    id,
    record,
    doi: normaliseDoi(record.doi),
    pmid: normalisePmid(record.pmid),
    titleKey: folded.replace(/ /g, ''),
    words: folded === '' ? [] : folded.split(' '),
    numbers: titleNumbers(folded),
    kind: noticeKind(record.title, record.publicationType),
    year: record.year,
    firstAuthor: surnameKeys(record.authors[0]),
    leadAuthors: lead,
    journal: journalWords(record.journal),
    volume: record.volume?.trim().toLowerCase() || null,
    page: startPage(record.pages),
  };
}
