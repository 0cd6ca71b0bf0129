// The comparison keys de-duplication works on: titles folded so the same title from any database
// gives the same key (case, punctuation, diacritics, HTML entities and tags, trailing periods,
// Greek letters spelled out), author surnames folded the same way, and the title features the
// near-miss guards look at (part numbers, erratum/comment/retraction notices).
import { decodeHTML } from 'entities';
import { formatAuthor } from '../text.ts';
import { citesCorrectedArticle, stripTitleNotes } from './titleNotes.ts';

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu',
  ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  µ: 'mu',
};
/** Letters NFKD does not decompose into a base letter plus accent. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Greek letters, accents and the letters above are all outside ASCII, and so is what needs the slow Unicode letter test. */
const NON_ASCII = /[\u0080-\uffff]+/g;

/** Lower case, entities decoded, tags removed, Greek spelled out, accents dropped, "&" as "and"; words separated by single spaces. */
export function foldText(text: string): string {
  // Each step runs only where it can change something (every title and abstract of an import is folded for its search text).
  let folded = text.includes('<') ? text.replace(/<\/?[a-z][^>]*>/gi, ' ') : text;
  if (folded.includes('&')) folded = decodeHTML(folded);
  return folded
    .toLowerCase()
    .replace(NON_ASCII, (run) =>
      run
        .replace(/[\u0370-\u03ff\u00b5]/g, (char) => GREEK[char] ?? char)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[ßæœøłđðþı]/g, (char) => FOLDED[char] ?? char),
    )
    .replace(/&/g, ' and ')
    .replace(/[^a-zA-Z0-9\u0080-\uffff]+/g, ' ')
    .replace(NON_ASCII, (run) => run.replace(/[^\p{L}\p{N}]+/gu, ' '))
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The folded title (words separated by single spaces), without the notes databases add (titleNotes.ts). */
export function foldTitle(title: string | null): string {
  return title ? foldText(stripTitleNotes(title)) : '';
}

/** The title key: the folded title without spaces, so "TNF-α" and "TNFalpha" agree. Empty for no title. */
export function normaliseTitle(title: string | null): string {
  return foldTitle(title).replace(/ /g, '');
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10, xi: 11, xii: 12 };
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, first: 1, second: 2, third: 3 };

/**
 * The numbers a title names ("Part II", "phase 3", "two"), as a sorted list: titles that differ only
 * there are different papers. Digits are read with spaces removed, as the title key is, so a line
 * broken inside "CO2" or "10 000" reads the same.
 */
export function titleNumbers(foldedTitle: string): string {
  const numbers: number[] = (foldedTitle.replace(/ /g, '').match(/\d+/g) ?? []).map(Number);
  for (const word of foldedTitle.split(' ')) {
    const value = ROMAN[word] ?? WORDS[word];
    if (value !== undefined) numbers.push(value);
  }
  return numbers.sort((a, b) => a - b).join(',');
}

export type NoticeKind = 'article' | 'erratum' | 'retraction' | 'comment';

const NOTICE_TITLES: [RegExp, NoticeKind][] = [
  [/^(?:erratum|errata|corrigendum|correction|corrections|author correction|publisher correction|error in|errors in|incorrect)\b/, 'erratum'],
  [/^(?:retraction|retracted|notice of retraction|withdrawn|withdrawal|expression of concern)\b/, 'retraction'],
  [/^(?:re:|comments? on\b|commentary\b|comment\b|reply\b|response\b|in reply\b|in response\b|authors?'? reply\b)/, 'comment'],
];

const REPLY_ENDING = /(?:\s-\s*|\s)(?:the )?(?:authors?'?s?'? )?reply\s*\.?$/;

/**
 * Whether a record is an article or a notice about one, from its title's opening words or its
 * publication type; an erratum or comment shares its article's title but is never its duplicate.
 */
export function noticeKind(title: string | null, publicationType: string | null): NoticeKind {
  const opening = (title ?? '').toLowerCase().replace(/^[\s[(]+/, '');
  for (const [pattern, kind] of NOTICE_TITLES) if (pattern.test(opening)) return kind;
  if (title && citesCorrectedArticle(title)) return 'erratum';
  // Web of Science titles a reply with its letter's title and "- Reply" or "AUTHORS REPLY" after it.
  if (REPLY_ENDING.test(opening)) return 'comment';
  const type = publicationType?.toLowerCase() ?? '';
  if (/erratum|correction|corrigendum/.test(type)) return 'erratum';
  if (/retraction/.test(type)) return 'retraction';
  return 'article';
}

/** A notice's opening ("Erratum to:", "Correction to the article", "Comment on", "Re:") up to the title it is about. */
const NOTICE_OPENING = /^[\s[(]*(?:erratum|errata|corrigendum|correction|corrections|author correction|publisher correction|notice of retraction|retraction(?: note)?|retracted(?: article)?|expression of concern|comments?|commentary|reply|response|in reply|in response|authors?'? reply|re)\b\s*(?:(?:to|of|on|in|for|regarding|about)\b\s*)?(?:the (?:article|paper)\b)?[\s:.,;\-\u2013\u2014]*/i;

/**
 * The folded title a notice is about: the title without its notice opening or reply ending, so
 * "Erratum: Early mobilisation after stroke" names the article "Early mobilisation after stroke".
 * An article's is its own folded title.
 */
export function noticeSubject(title: string | null, kind: NoticeKind): string {
  if (!title || kind === 'article') return foldTitle(title);
  const subject = stripTitleNotes(title).replace(NOTICE_OPENING, '');
  return foldText(subject).replace(REPLY_ENDING, '').trim();
}

/**
 * Keys a surname may be known by: "van der Berg, J" gives "vanderberg" and "berg"; a name with no
 * comma ("John Smith", "Zhang San") gives its first and last words, since the order is unknown.
 */
export function surnameKeys(author: string | undefined): string[] {
  const name = formatAuthor(author); // "Smith JA" => "Smith, JA", as the parsers write it
  if (!name) return [];
  const comma = name.indexOf(',');
  const words = foldText(comma > 0 ? name.slice(0, comma) : name).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  if (comma > 0) return words.length > 1 ? [words.join(''), words[words.length - 1] as string] : [words[0] as string];
  return words.length > 1 ? [words[0] as string, words[words.length - 1] as string] : [words[0] as string];
}

const JOURNAL_FILLER = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'a', 'an', 'de', 'la', 'le', 'et']);

/** Embase names a congress supplement "Journal.Conference: 39th Meeting of ...": the journal is the part before. */
const CONFERENCE_SUFFIX = /\.?\s*conference\s*:.*$/i;

export function journalWords(journal: string | null): string[] {
  return journal ? foldText(journal.replace(CONFERENCE_SUFFIX, '')).split(' ').filter((word) => word && !JOURNAL_FILLER.has(word)) : [];
}

/**
 * "J Clin Oncol" and "Journal of Clinical Oncology" agree: each word of the shorter name matches,
 * in order, a word of the longer one that it abbreviates or that abbreviates it. "JAMA" agrees
 * with "Journal of the American Medical Association" (its initials).
 */
export function journalsAgree(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 1 && long.length > 1 && short[0] === long.map((word) => word.charAt(0)).join('')) return true;
  let position = 0;
  for (const word of short) {
    while (position < long.length && !abbreviates(word, long[position] as string)) position++;
    if (position === long.length) return false;
    position++;
  }
  return true;
}

function abbreviates(x: string, y: string): boolean {
  return x.startsWith(y) || y.startsWith(x);
}

/** The first page number ("123" of "123-9", "e0123" of "e0123", "jc6" of "JC6-9"), lower case. */
export function startPage(pages: string | null): string | null {
  const match = pages && /^\s*([a-z]{0,2}\d+[a-z]?)/i.exec(pages);
  return match ? (match[1] as string).toLowerCase() : null;
}
