// Text as the records search indexes it and reads what the researcher types, so both sides split
// words the same way: folded like titles for de-duplication (case, accents, Greek letters,
// entities, punctuation), and Chinese or Japanese characters, which have no spaces between words,
// doubled into overlapping pairs ("谵妄患者" gives "谵 谵妄 妄患 患者 者"). Postgres then finds a
// Latin word by its beginning ("mobil" finds "mobilisation") and a Chinese phrase anywhere in the
// text, through a full-text index, without matching any pair twice.
import { foldText } from './dedup/normalise.ts';

const CJK = '\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
const HAS_CJK = new RegExp(`[${CJK}]`);
const CJK_CHAR = new RegExp(`[${CJK}]`, 'g');
/** Where a CJK character meets a Latin letter or digit: the two belong to different words. */
const SCRIPT_BOUNDARY = new RegExp(`(?<=[${CJK}])(?=[^\\s${CJK}])|(?<=[^\\s${CJK}])(?=[${CJK}])`, 'g');

/**
 * Postgres refuses a tsvector over 1 MB; a damaged export can put a whole file in one field. Past
 * this many characters the rest of a record is not searchable (even all-Chinese, doubled, it stays
 * under 1 MB in UTF-8).
 */
export const SEARCH_TEXT_LIMIT = 100_000;

/**
 * Each distinct word once, in the order they first appear, separated by single spaces, as the
 * search index stores them; "" for no text. A search asks only whether each of its words begins
 * some word of the record, so a repeated word adds nothing but bytes to every stored record.
 */
export function searchText(...parts: readonly (string | null | undefined)[]): string {
  return searchWords(parts.filter(Boolean).join(' ')).join(' ');
}

/** The distinct words of a search, each to be found at the start of a word of the record. */
export function searchWords(query: string): string[] {
  const folded = foldText(query.slice(0, SEARCH_TEXT_LIMIT));
  const words = HAS_CJK.test(folded) ? folded.replace(SCRIPT_BOUNDARY, ' ').replace(CJK_CHAR, '$& $&') : folded;
  return [...new Set(words.split(' ').filter(Boolean))];
}
