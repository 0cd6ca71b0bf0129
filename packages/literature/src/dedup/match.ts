// When two records with the same or nearly the same title are one paper. The title alone is not
// enough: years must agree (one apart, epub ahead of print, only in the same journal), authors must
// not disagree unless journal, volume and first page agree, neither may be a notice about the other,
// part numbers must match, a conference abstract is not its later paper, nor one issue's item another's.
import { sameFirstAuthor } from './authorMatch.ts';
import { journalsAgree } from './normalise.ts';
import type { Profile } from './profile.ts';

/** Titles this short ("Editorial", "Reply", "Introduction") say little: year, first author and journal must all agree. */
const SHORT_TITLE_WORDS = 4;

export type Agreement = 'same' | 'close' | 'different' | 'unknown';

export function yearAgreement(a: Profile, b: Profile): Agreement {
  if (a.year === null || b.year === null) return 'unknown';
  const gap = Math.abs(a.year - b.year);
  return gap === 0 ? 'same' : gap === 1 ? 'close' : 'different';
}

/** The first author of one is among the first three of the other (either way round), or the same person written another way. */
export function authorAgreement(a: Profile, b: Profile): Agreement {
  if (a.firstAuthor.length === 0 || b.firstAuthor.length === 0) return 'unknown';
  const overlaps = (keys: string[], set: Set<string>) => keys.some((key) => set.has(key));
  if (overlaps(a.firstAuthor, b.leadAuthors) || overlaps(b.firstAuthor, a.leadAuthors)) return 'same';
  return sameFirstAuthor(a.firstName, b.firstName) ? 'same' : 'different';
}

export function journalsMatch(a: Profile, b: Profile): boolean {
  return a.journal.length === 0 || b.journal.length === 0 || journalsAgree(a.journal, b.journal);
}

/** Same volume and first page, journals not disagreeing: with the title, enough to accept an epub year a year off. */
function sameVolumeAndPage(a: Profile, b: Profile): boolean {
  return a.volume !== null && a.volume === b.volume && a.page !== null && a.page === b.page && journalsMatch(a, b);
}

/** Both journals known and alike, same volume, same first page: where a paper stands, whatever its author field says. */
export function samePlace(a: Profile, b: Profile): boolean {
  return sameVolumeAndPage(a, b) && a.journal.length > 0 && b.journal.length > 0;
}

/** The letters before a first page's digits ("", "s", "e"): pages are compared only within one numbering. */
const pageSeries = (page: string) => /^[a-z]*/.exec(page)?.[0] ?? '';

/**
 * Two of journal, volume and first page both present and different (a conference abstract and its
 * full paper), or one journal volume with two first pages of one numbering: a journal prints an
 * item once, so those are two items, such as an editorial series or an erratum titled like its article.
 */
function publicationConflict(a: Profile, b: Profile): boolean {
  let conflicts = 0;
  if (!journalsMatch(a, b)) conflicts++;
  if (a.volume && b.volume && a.volume !== b.volume) conflicts++;
  if (a.page && b.page && a.page !== b.page) conflicts++;
  if (conflicts >= 2) return true;
  const sameVolume = a.volume !== null && a.volume === b.volume && a.journal.length > 0 && b.journal.length > 0 && journalsAgree(a.journal, b.journal);
  return sameVolume && a.page !== null && b.page !== null && a.page !== b.page && pageSeries(a.page) === pageSeries(b.page);
}

/** Every number of the shorter title is in the longer one (a title with a citation or trial number appended). */
function numbersWithin(a: Profile, b: Profile): boolean {
  const [short, long] = a.titleKey.length <= b.titleKey.length ? [a, b] : [b, a];
  const pool = long.numbers.split(',');
  return short.numbers === '' || short.numbers.split(',').every((n) => pool.includes(n));
}

/**
 * What stopped a title match from becoming a merge. kind, numbers, years and short say the records
 * are two works (or a notice and its article); place, authors, epub and meeting rest on fields
 * databases often write differently, so those pairs are worth a researcher's look (neighbours.ts).
 */
export type Guard = 'kind' | 'numbers' | 'years' | 'place' | 'authors' | 'epub' | 'meeting' | 'short';

/** Why two records with matching titles are the same paper ({ detail }), or the guard that says they are not. */
export function judgeTitleMatch(a: Profile, b: Profile, titleNote: string, numbers: 'equal' | 'contained' = 'equal'): { detail: string } | { guard: Guard } {
  if (a.kind !== b.kind) return { guard: 'kind' };
  if (numbers === 'equal' ? a.numbers !== b.numbers : !numbersWithin(a, b)) return { guard: 'numbers' };
  const year = yearAgreement(a, b);
  if (year === 'different') return { guard: 'years' };
  if (publicationConflict(a, b)) return { guard: 'place' };
  const authors = authorAgreement(a, b);
  const place = samePlace(a, b);
  // Author fields are mangled (group names, swapped or split names) more often than journal, volume and page are.
  if (authors === 'different' && !place) return { guard: 'authors' };
  // A year apart is an epub ahead of print and its issue, which appear in one journal.
  if (year === 'close' && (!journalsMatch(a, b) || (authors !== 'same' && !sameVolumeAndPage(a, b)))) return { guard: 'epub' };
  // A conference abstract and the paper that follows share a title but not a journal.
  if (a.meeting !== b.meeting && !journalsMatch(a, b)) return { guard: 'meeting' };
  if (shortTitle(a, b) && (year !== 'same' || authors !== 'same' || !journalsMatch(a, b) || (a.issue !== null && b.issue !== null && a.issue !== b.issue))) return { guard: 'short' };
  const yearNote = year === 'unknown' ? 'year missing in one' : year === 'same' ? `same year ${a.year}` : `years ${a.year} and ${b.year}`;
  const authorNote = authors === 'same' ? `same first author (${a.firstAuthor[0] ?? ''})` : authors === 'different' ? 'first authors written differently, same journal, volume and page' : 'authors missing in one';
  return { detail: `${titleNote}, ${yearNote}, ${authorNote}` };
}

/** Why two records with matching titles are the same paper, or null when a guard says they are not. */
export function sameWork(a: Profile, b: Profile, titleNote: string, numbers: 'equal' | 'contained' = 'equal'): string | null {
  const verdict = judgeTitleMatch(a, b, titleNote, numbers);
  return 'detail' in verdict ? verdict.detail : null;
}

/** Titles this short say little on their own ("Editorial", "Reply"). */
export function shortTitle(a: Profile, b: Profile): boolean {
  return Math.min(a.words.length, b.words.length) < SHORT_TITLE_WORDS;
}

/** Character-pair (bigram) sets of title keys, for similarity within an author-and-year block. */
export function bigrams(key: string): Uint32Array {
  const pairs = new Uint32Array(Math.max(0, key.length - 1));
  for (let i = 0; i < pairs.length; i++) pairs[i] = key.charCodeAt(i) * 65_536 + key.charCodeAt(i + 1);
  return pairs.sort();
}

/** Dice coefficient of two sorted bigram lists: 2 x shared / total. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length + b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Words a title may gain or lose without becoming another paper's title. */
const FILLER = new Set(['a', 'an', 'the', 'and', 'of', 'in', 'on', 'for', 'with', 'to', 'by', 'at', 'from']);

/**
 * Similar titles are one paper's only when every word one has and the other lacks is a filler
 * word or a spelling variant of a word in the other (tumour/tumor, randomised/randomized, a typo):
 * "... in children" and "... in adults" stay apart however alike the rest is.
 */
export function wordsAlike(a: string[], b: string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  const explained = (word: string, own: Set<string>, other: string[]) => own.has(word) || FILLER.has(word) || other.some((candidate) => spellingVariant(word, candidate));
  return a.every((word) => explained(word, inB, b)) && b.every((word) => explained(word, inA, a));
}

/** One edit apart for words of four letters or more, two for six or more ("women" and "men" are not variants). */
function spellingVariant(a: string, b: string): boolean {
  const shortest = Math.min(a.length, b.length);
  const allowed = shortest >= 6 ? 2 : shortest >= 4 ? 1 : 0;
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = current;
  }
  return (previous[b.length] as number) <= allowed;
}
