// Which literature record a full text is: by the DOI or PMID the paper prints on its first pages
// (or in its metadata), else by its title on the first page together with the first author's
// surname or the year. Only the first pages are read for identifiers: a reference list names many
// other papers' DOIs. Two or more records fitting equally is "ambiguous", for the researcher to
// settle; nothing fitting is "unmatched". Hand-written: it is Sift's own rule, no library has it.
import { foldText, normaliseDoi, surnameKeys } from '@sift/literature';

export interface MatchCandidate {
  id: string;
  title: string | null;
  doi: string | null;
  pmid: string | null;
  /** The first author as the record has it ("Smith, Anna"). */
  firstAuthor: string | null;
  year: number | null;
}

export type FullTextMatch =
  | { status: 'matched'; recordId: string; by: 'doi' | 'pmid' | 'title'; note: string }
  | { status: 'ambiguous'; candidates: string[]; note: string }
  | { status: 'unmatched'; note: string };

/** The pages a paper's own identifiers and title are printed on (header, footer, title page). */
const FIRST_PAGES = 2;
/** A title shorter than this many words ("Editorial", "Reply") says too little to match by. */
const TITLE_MIN_WORDS = 4;

const DOI_ANYWHERE = /10\.\d{4,9}\/[^\s"<>]+/gi;
const PMID_WRITTEN = /\bPMID\s*:?\s*(\d{1,8})\b/gi;

/**
 * Every DOI in the text, normalised as records' DOIs are. A DOI broken at the end of a line after
 * one of its separators ("10.1097/" then "CCM.000…") is tried joined too; one that ends a line
 * whole is not joined to the next line's first word.
 */
export function doisIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const candidate of [text, text.replace(/(10\.\d{4,9}\/(?:\S*[/.\-_])?)\n(\S+)/g, '$1$2')]) {
    for (const match of candidate.matchAll(DOI_ANYWHERE)) {
      const doi = normaliseDoi(match[0]);
      if (doi) found.add(doi);
    }
  }
  return found;
}

export function pmidsIn(text: string): Set<string> {
  return new Set([...text.matchAll(PMID_WRITTEN)].map((match) => match[1] as string));
}

function byIdentifier(records: readonly MatchCandidate[], field: 'doi' | 'pmid', found: Set<string>, normalise: (value: string) => string | null): MatchCandidate[] {
  if (found.size === 0) return [];
  return records.filter((record) => {
    const value = record[field] && normalise(record[field]);
    return value !== null && value !== undefined && found.has(value);
  });
}

/** The identifiers that matched, each once: "10.1/a" or "10.1/a, 10.1/b". */
function named(values: readonly (string | null | undefined)[]): string {
  return [...new Set(values.filter(Boolean))].join(', ');
}

function decided(fitting: readonly MatchCandidate[], by: 'doi' | 'pmid' | 'title', what: string): FullTextMatch | null {
  if (fitting.length === 1) return { status: 'matched', recordId: (fitting[0] as MatchCandidate).id, by, note: what };
  if (fitting.length > 1) return { status: 'ambiguous', candidates: fitting.map((record) => record.id), note: `${what} fits ${fitting.length} records` };
  return null;
}

export function matchFullText(paper: { pages: readonly string[]; metadata: readonly string[] }, records: readonly MatchCandidate[]): FullTextMatch {
  const front = [...paper.metadata, ...paper.pages.slice(0, FIRST_PAGES)].join('\n');

  const byDoiRecords = byIdentifier(records, 'doi', doisIn(front), normaliseDoi);
  const byDoi = decided(byDoiRecords, 'doi', `DOI ${named(byDoiRecords.map((record) => normaliseDoi(record.doi)))} on its first pages`);
  if (byDoi) return byDoi;
  const byPmidRecords = byIdentifier(records, 'pmid', pmidsIn(front), (value) => value.trim());
  const byPmid = decided(byPmidRecords, 'pmid', `PMID ${named(byPmidRecords.map((record) => record.pmid?.trim()))} on its first pages`);
  if (byPmid) return byPmid;

  // A word broken across lines ("random-\nised") is read both ways: joined, and as printed.
  const frontWords = ` ${foldText(front)} ${foldText(front.replace(/(\p{L})-\n(\p{L})/gu, '$1$2'))} `;
  const titled = records.filter((record) => {
    const title = foldText(record.title ?? '');
    return title.split(' ').length >= TITLE_MIN_WORDS && frontWords.includes(` ${title} `);
  });
  // A title can be another paper's too (a series, a reply): the author or the year must agree as well.
  const confirmed = titled.filter((record) => {
    const surnames = surnameKeys(record.firstAuthor ?? undefined);
    return surnames.some((surname) => frontWords.includes(` ${surname} `)) || (record.year !== null && frontWords.includes(` ${record.year} `));
  });
  const byTitle = decided(confirmed, 'title', 'its title, with the first author or the year, on its first page');
  if (byTitle) return byTitle;
  if (titled.length > 0) return { status: 'ambiguous', candidates: titled.map((record) => record.id), note: 'its title is on the first page, but neither the first author nor the year is' };
  return { status: 'unmatched', note: 'no DOI, PMID or title of a record of this project on its first pages' };
}
