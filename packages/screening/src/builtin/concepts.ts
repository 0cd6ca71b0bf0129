// A concept: one thing the criteria look for ("type 2 diabetes"), with the researcher's own words
// first and the synonyms the list adds after them. Also the filler words trimmed from criteria
// text and the age-group words, shared by the PICO fields and the exclusion statements.
import type { DesignKind } from './designs.ts';
import { makePhrase, type Phrase } from './phrases.ts';
import { stemOf, type Token, tokenize } from './tokens.ts';
import { expandGroup, groupsOfHit, knownTerms, siblingPhrases } from './vocabulary.ts';

export type ConceptRole = 'population' | 'intervention' | 'comparator' | 'outcomes' | 'include' | 'exclude';
export type AgeGroup = 'adults' | 'children';

export interface Concept {
  role: ConceptRole;
  /** As the researcher wrote it: "type 2 diabetes". For include and exclude statements, the whole statement. */
  label: string;
  /** Which include or exclude statement it comes from (its index), or -1 for a PICO field. */
  statement: number;
  /** The first `ownPhrases` are the researcher's own words; the rest were added from the synonym list. Any one, non-negated, is a match. */
  phrases: Phrase[];
  ownPhrases: number;
  /** Its content stems; all present (not as a phrase) is a weaker match. */
  terms: string[];
  /** Terms beside it under a broader term ("hip osteoarthritis" for "knee osteoarthritis"): a record about one of them instead is probably off topic. */
  siblings: Phrase[];
  /** An exclusion statement that names a kind of publication ("case reports", "animal studies"). */
  designKind: DesignKind | null;
  /** An age group that qualifies this concept only ("disruptive behavior disorders in children"). */
  ageGroup: AgeGroup | null;
  /** Concepts that must all match for this one to ("drugs for ADHD": a drug word and ADHD); empty for a plain concept. */
  parts: Concept[];
  /** Exclusions: the population concepts it shares words with ("hip osteoarthritis" and "knee osteoarthritis"). */
  near: Concept[];
}

export const STOP_WORDS = new Set(
  (
    'a an the of in on at to for from by with within without into onto as is are was were be been being who whom whose which that this these those ' +
    'their its his her they them any all other others than then and or nor but if when where how what such some each either both vs versus ' +
    'include including included includes exclude excluding excluded only also not no per via using use used about over under between among'
  ).split(' '),
);

/** Words every record in a field has; never a concept on their own. */
export const GENERIC_STEMS = new Set(
  (
    'patient participant people person subject individual population case human volunteer study trial research paper article report ' +
    'treatment therapy intervention management program care effect efficacy effectiveness safety outcome result measure group arm control ' +
    'comparison comparator drug medication agent administration use regimen dose setting method approach'
  )
    .split(' ')
    .map(stemOf),
);

export function isFiller(token: Token): boolean {
  return STOP_WORDS.has(token.word) || GENERIC_STEMS.has(token.stem);
}

/** The first and last token that is not filler in first..last, or null when all of it is. */
export function trimFiller(tokens: readonly Token[], from: number, to: number): [number, number] | null {
  let first = from;
  let last = to;
  while (first <= last && isFiller(tokens[first] as Token)) first++;
  while (last >= first && isFiller(tokens[last] as Token)) last--;
  return first > last ? null : [first, last];
}

const AGE_WORDS: Record<AgeGroup, readonly string[]> = {
  adults: ['adult', 'adults', 'older', 'elderly', 'middle-aged', 'geriatric', 'men', 'women', 'postmenopausal', '成人', '老年'],
  children: [
    'child', 'children', 'childhood', 'paediatric', 'pediatric', 'adolescent', 'adolescents', 'teenagers', 'teens', 'infant', 'infants', 'neonate',
    'neonates', 'neonatal', 'newborn', 'newborns', 'toddlers', 'preschool', 'schoolchildren', 'boys', 'girls', 'juvenile', 'youth', 'kids', '儿童',
    '青少年', '婴儿', '小儿',
  ],
};
export const ageStems: Record<AgeGroup, Set<string>> = {
  adults: new Set(AGE_WORDS.adults.flatMap((word) => tokenize(word).map((token) => token.stem))),
  children: new Set(AGE_WORDS.children.flatMap((word) => tokenize(word).map((token) => token.stem))),
};

/** A loose match (words apart) needs one real word: pieces of a code ("311C90", "MK-462") are everywhere apart. */
const REAL_WORD = /^(?:[a-z]{3,}|\P{ASCII}+)$/u;

export interface ConceptOptions {
  statement: number;
  label?: string;
  /** 'each term': every known term inside adds its synonyms; 'whole only': only a known term that is the whole concept does (exclusions). */
  synonyms: 'each term' | 'whole only';
  ageGroup?: AgeGroup | null;
}

/** A concept of the (already trimmed) words `slice` of `text`, with synonyms, siblings and loose terms. */
export function conceptOf(role: ConceptRole, text: string, slice: readonly Token[], options: ConceptOptions): Concept {
  const ownText = text.slice((slice[0] as Token).start, (slice[slice.length - 1] as Token).end);
  const phrases = new Map<string, Phrase>();
  const own: Phrase = { text: ownText, keys: slice.map((token) => token.stem), exactCase: makePhrase(ownText, 'stem').exactCase };
  phrases.set(own.keys.join(' '), own);
  const seen = new Set<number>();
  const direct: number[] = [];
  for (const hit of knownTerms(slice, text)) {
    if (options.synonyms === 'whole only' && (hit.first > 0 || hit.last < slice.length - 1)) continue;
    const groups = groupsOfHit(hit, slice);
    direct.push(...groups);
    for (const group of groups) expandGroup(group, phrases, seen);
  }
  const siblings = siblingPhrases(direct, new Set(seen));
  for (const key of phrases.keys()) siblings.delete(key);
  const terms = [...new Set(slice.filter((token) => !isFiller(token)).map((token) => token.stem))];
  return {
    role,
    label: options.label ?? ownText,
    statement: options.statement,
    phrases: [own, ...[...phrases.values()].filter((phrase) => phrase !== own)],
    ownPhrases: 1,
    terms: terms.some((term) => REAL_WORD.test(term)) ? terms : [],
    siblings: [...siblings.values()],
    designKind: null,
    ageGroup: options.ageGroup ?? null,
    parts: [],
    near: [],
  };
}
