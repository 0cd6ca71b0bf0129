// Everything de-duplication compares, computed once per record: the keys to block on and the
// features the near-miss guards check. Kept apart from the matching rules so each is small.
import type { LiteratureRecord } from '../record.ts';
import { normaliseDoi, normalisePmid } from '../text.ts';
import { foldTitle, journalWords, type NoticeKind, noticeKind, noticeSubject, startPage, surnameKeys, titleNumbers } from './normalise.ts';
import { nameParts, type NameParts } from './authorMatch.ts';

export interface Profile {
  index: number;
  id: string;
  record: LiteratureRecord;
  /** Normalised again here, so records built by callers (not by the parsers) compare the same way. */
  doi: string | null;
  pmid: string | null;
  titleKey: string;
  /** For a notice (erratum, retraction, comment), the title key of the article it is about; for an article, its title key. */
  subjectKey: string;
  /** The folded title's words. */
  words: string[];
  numbers: string;
  kind: NoticeKind;
  year: number | null;
  /** Surname keys of the first author, and of the first three authors (group authors move about). */
  firstAuthor: string[];
  leadAuthors: Set<string>;
  /** The first author's name in parts, for the tolerant comparison when the keys differ. */
  firstName: NameParts;
  journal: string[];
  volume: string | null;
  issue: string | null;
  page: string | null;
  /** A conference or meeting abstract (publication type, Embase's "Journal.Conference: ..." or an "[Abstract]" note). */
  meeting: boolean;
}

const MEETING_TYPE = /conference|congress|meeting|proceeding|symposium|abstract/i;
const MEETING_JOURNAL = /\b(?:conference|congress|meeting|symposium)\b/i;
const ABSTRACT_NOTE = /[[(]abstract(?: no\b[^\])]*)?[\])]\s*\.?\s*$/i;

export function profile(index: number, id: string, record: LiteratureRecord): Profile {
  const folded = foldTitle(record.title);
  const kind = noticeKind(record.title, record.publicationType);
  const titleKey = folded.replace(/ /g, '');
  const firstName = nameParts(record.authors[0]);
  const lead = new Set(firstName.keys);
  for (const author of record.authors.slice(1, 3)) for (const key of surnameKeys(author)) lead.add(key);
  return {
    index,
    id,
    record,
    doi: normaliseDoi(record.doi),
    pmid: normalisePmid(record.pmid),
    titleKey,
    subjectKey: kind === 'article' ? titleKey : noticeSubject(record.title, kind).replace(/ /g, ''),
    words: folded === '' ? [] : folded.split(' '),
    numbers: titleNumbers(folded),
    kind,
    year: record.year,
    firstAuthor: firstName.keys,
    leadAuthors: lead,
    firstName,
    journal: journalWords(record.journal),
    volume: record.volume?.trim().toLowerCase() || null,
    issue: record.issue?.trim().toLowerCase() || null,
    page: startPage(record.pages),
    meeting: MEETING_TYPE.test(record.publicationType ?? '') || MEETING_JOURNAL.test(record.journal ?? '') || ABSTRACT_NOTE.test(record.title ?? ''),
  };
}
