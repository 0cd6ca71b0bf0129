// Pairs de-duplication compared but did not merge, sorted into what a researcher should see:
// - related reports, never merged: an erratum, retraction or comment and its article; a conference
//   abstract and the paper that followed it;
// - possible duplicates: titles as alike as a merge needs (the matcher's own score), kept apart only
//   by a guard on fields databases often write differently (journal, volume and page, first author,
//   an epub year), so the researcher decides.
// Evidence of two works (conflicting PMIDs or DOIs, other part numbers, years two or more apart, a
// title too short to say much) puts a pair on neither list.
import { authorAgreement, type Guard, journalsMatch, shortTitle, yearAgreement } from './match.ts';
import type { Profile } from './profile.ts';

export type RelationKind = 'erratum' | 'retraction' | 'comment' | 'conference_abstract';

export interface RelatedLink {
  /** The notice or conference abstract first, then the article or paper it is about. */
  ids: [string, string];
  relation: RelationKind;
  /** Why, in words: "Erratum naming the article's title", "Conference abstract 2019, paper 2020, same first author (doe)". */
  detail: string;
}

export interface PossibleDuplicate {
  ids: [string, string];
  /** Character-bigram Dice of the title keys, the score the matcher merges on (1 for the same title key). */
  similarity: number;
  /** The guard that kept the pair apart, in words. */
  keptApartBy: string;
  /** Fields both records have, alike ("title 94% alike", "year 2019") and different ("journals Lancet / BMJ"). */
  matched: string[];
  differed: string[];
}

/** A pair the matcher looked at and did not link, with what it found. */
export interface NearPair {
  a: Profile;
  b: Profile;
  similarity: number;
  /** The guard that refused the title match; null when it was never tried (identifiers conflict, shared DOI only). */
  guard: Guard | null;
  /** Their PMIDs or DOIs differ: they may be related reports, never possible duplicates. */
  identifiersConflict: boolean;
  /** They share a DOI that is not a container's (an erratum filed under its article's DOI). */
  sameDoi: boolean;
}

const SOFT_GUARDS: Partial<Record<Guard, string>> = {
  place: 'journal, volume or first page differ',
  authors: 'first authors differ',
  epub: 'a year apart without the same journal and first author',
  meeting: 'a conference abstract and an article in another journal',
};

/** Errata and comments come after their article (an epub can be a year early). */
const NOTICE_LEAD_YEARS = 1;
/** A paper follows its conference abstract within a few years, or it is not the same report. */
const ABSTRACT_TO_PAPER_YEARS = 3;

/**
 * Whether a pair a guard refused can end on either list: a notice and an article, an abstract
 * and a paper, or a soft guard. Checked before a pair is remembered, so the many pairs refused
 * as two works (a generic title in every issue, Part I and Part II) cost nothing more.
 */
export function worthListing(a: Profile, b: Profile, guard: Guard | null): boolean {
  return a.kind !== b.kind || a.meeting !== b.meeting || (guard !== null && guard in SOFT_GUARDS);
}

export function relatedLink(pair: NearPair): RelatedLink | null {
  const { a, b } = pair;
  if (shortTitle(a, b)) return null;
  if (a.kind !== b.kind && (a.kind === 'article' || b.kind === 'article')) {
    const [notice, article] = a.kind === 'article' ? [b, a] : [a, b];
    if (notice.year !== null && article.year !== null && notice.year < article.year - NOTICE_LEAD_YEARS) return null;
    const how = pair.sameDoi ? `filed under the article's DOI ${article.doi}` : "naming the article's title";
    return { ids: [notice.id, article.id], relation: notice.kind as RelationKind, detail: `${capitalise(notice.kind)} ${how}` };
  }
  if (a.kind !== b.kind || a.meeting === b.meeting || a.numbers !== b.numbers || authorAgreement(a, b) === 'different') return null;
  const [abstract, paper] = a.meeting ? [a, b] : [b, a];
  if (abstract.year !== null && paper.year !== null && (paper.year < abstract.year || paper.year > abstract.year + ABSTRACT_TO_PAPER_YEARS)) return null;
  const years = abstract.year !== null && paper.year !== null ? `, abstract ${abstract.year}, paper ${paper.year}` : '';
  return { ids: [abstract.id, paper.id], relation: 'conference_abstract', detail: `Conference abstract with the paper's title${years}` };
}

export function possibleDuplicate(pair: NearPair): PossibleDuplicate | null {
  const { a, b, guard } = pair;
  const keptApartBy = guard === null ? undefined : SOFT_GUARDS[guard];
  if (keptApartBy === undefined || pair.identifiersConflict || shortTitle(a, b)) return null;
  // Sides in id order, as the pair is stored and shown (record_a < record_b), so each "x / y" of
  // what differed reads in the order of the side-by-side columns.
  const sided = a.id <= b.id ? pair : { ...pair, a: b, b: a };
  return { ids: [sided.a.id, sided.b.id], similarity: pair.similarity, keptApartBy, ...compareFields(sided) };
}

/** What two records share and where they differ, field by field, for a researcher to judge. */
export function compareFields({ a, b, similarity }: NearPair): { matched: string[]; differed: string[] } {
  const matched: string[] = [similarity >= 1 ? 'same title' : `titles ${Math.floor(similarity * 100)}% alike`];
  const differed: string[] = [];
  const both = (label: string, x: string | number | null | undefined, y: string | number | null | undefined, same: boolean) => {
    if (x === null || x === undefined || y === null || y === undefined || x === '' || y === '') return;
    if (same) matched.push(`${label} ${x}`);
    else differed.push(`${label} ${x} / ${y}`);
  };
  const year = yearAgreement(a, b);
  both('year', a.year, b.year, year === 'same');
  both('first author', a.record.authors[0], b.record.authors[0], authorAgreement(a, b) === 'same');
  both('journal', a.record.journal, b.record.journal, a.journal.length > 0 && b.journal.length > 0 && journalsMatch(a, b));
  both('volume', a.volume, b.volume, a.volume === b.volume);
  both('first page', a.page, b.page, a.page === b.page);
  both('DOI', a.doi, b.doi, a.doi === b.doi);
  both('PMID', a.pmid, b.pmid, a.pmid === b.pmid);
  if (a.meeting !== b.meeting) differed.push('one is a conference abstract');
  return { matched, differed };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
