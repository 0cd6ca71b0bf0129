// Criteria free text into concepts to look for. "Adults with type 2 diabetes" becomes the concept
// "type 2 diabetes" (with T2DM, NIDDM, 2型糖尿病, ... from the synonym list) and the age group
// "adults"; "SGLT2 inhibitors (empagliflozin, dapagliflozin)" becomes three concepts, any of which
// counts. Compiled once per criteria object.
import { z } from 'zod';
import { type Criteria, criteriaSchema, type StudyDesign } from '../criteria.ts';
import { type DesignKind } from './designs.ts';
import { languageName } from './languages.ts';
import { makePhrase, type Phrase, type PhraseHit, PhraseIndex } from './phrases.ts';
import { synonymGroups } from './synonyms.ts';
import { registerKey, stemOf, type Token, tokenize } from './tokens.ts';

type ConceptRole = 'population' | 'intervention' | 'comparator' | 'outcomes' | 'include' | 'exclude';

export interface Concept {
  role: ConceptRole;
  /** As the researcher wrote it: "type 2 diabetes". For exclusions, the whole statement. */
  label: string;
  /** The concept's own words and its synonyms; any one, non-negated, is a match. */
  phrases: Phrase[];
  /** Its content stems; all present (not as a phrase) is a weaker match. */
  terms: string[];
  /** Terms beside it under a broader term ("hip osteoarthritis" for "knee osteoarthritis"): a record about one of them instead is off topic. */
  siblings: Phrase[];
  /** An exclusion statement that names a kind of publication ("case reports", "animal studies"). */
  designKind: DesignKind | null;
}

export type AgeGroup = 'adults' | 'children';

/** Bits of CompiledCriteria.stemRoles. */
export const TERM = 1;
export const AGE_BITS: Record<AgeGroup, number> = { adults: 2, children: 4 };

export interface CompiledCriteria {
  concepts: Record<ConceptRole, Concept[]>;
  /** The age groups the population names ("adults", "older people"). */
  ageGroups: Set<AgeGroup>;
  /** Finds every phrase of every concept in one pass over a record's words. */
  index: PhraseIndex<Concept>;
  /** Finds the siblings of the population's concepts. */
  siblingIndex: PhraseIndex<Concept>;
  /** What a stem means here, by its key id (Token.stemKey): TERM | ADULTS | CHILDREN bits. */
  stemRoles: number[];
  designs: Set<StudyDesign>;
  yearFrom: number | null;
  yearTo: number | null;
  /** Folded language names ("english"); empty = any. */
  languages: Set<string>;
}

const STOP_WORDS = new Set(
  (
    'a an the of in on at to for from by with within without into onto as is are was were be been being who whom whose which that this these those ' +
    'their its his her they them any all other others than then and or nor but if when where how what such some each either both vs versus ' +
    'include including included includes exclude excluding excluded only also not no per via using use used about over under between among'
  ).split(' '),
);

/** Words every record in a field has; never a concept on their own. */
const GENERIC_STEMS = new Set(
  (
    'patient participant people person subject individual population case human volunteer study trial research paper article report ' +
    'treatment therapy intervention management program care effect efficacy effectiveness safety outcome result measure group arm control ' +
    'comparison comparator drug medication agent administration use regimen dose setting method approach'
  )
    .split(' ')
    .map(stemOf),
);

/** Words that separate concepts in criteria text (unless inside a known term such as "heart failure with reduced ejection fraction"). */
const SPLIT_WORDS = new Set(['and', 'or', 'with', 'in', 'among', 'versus', 'vs', 'plus', 'receiving', 'compared', 'against', 'who', 'having', 'or/and']);
const NEGATION_OPENINGS = new Set(['without', 'not', 'no', 'excluding', 'except', 'non']);

const AGE_WORDS: Record<AgeGroup, readonly string[]> = {
  adults: ['adult', 'adults', 'older', 'elderly', 'middle-aged', 'geriatric', 'men', 'women', 'postmenopausal', '成人', '老年'],
  children: [
    'child', 'children', 'childhood', 'paediatric', 'pediatric', 'adolescent', 'adolescents', 'teenagers', 'teens', 'infant', 'infants', 'neonate',
    'neonates', 'neonatal', 'newborn', 'newborns', 'toddlers', 'preschool', 'schoolchildren', 'boys', 'girls', 'juvenile', 'youth', 'kids', '儿童',
    '青少年', '婴儿', '小儿',
  ],
};
const ageStems: Record<AgeGroup, Set<string>> = {
  adults: new Set(AGE_WORDS.adults.flatMap((word) => tokenize(word).map((token) => token.stem))),
  children: new Set(AGE_WORDS.children.flatMap((word) => tokenize(word).map((token) => token.stem))),
};

/** Words around an age group in criteria: "aged 65 years or older". */
const AGE_FILLER = new Set(['aged', 'age', 'year', 'old', 'month', 'week', 'day']);

/** Exclusion statements that name a kind of publication rather than a topic. */
const DESIGN_NAMES: readonly [RegExp, DesignKind][] = [
  [/\bcase reports?\b/i, 'case-report'],
  [/\bcase series\b/i, 'case-series'],
  [/\banimals?\b|\bpre-?clinical\b/i, 'animal'],
  [/\bin[- ]vitro\b|\blaboratory stud/i, 'in-vitro'],
  [/\bsystematic reviews?\b|\bmeta-?analys[ie]s\b/i, 'systematic-review'],
  [/\b(?:narrative )?reviews?\b/i, 'narrative-review'],
  [/\beditorials?\b/i, 'editorial'],
  [/\bcomments?\b|\bcommentar(?:y|ies)\b/i, 'comment'],
  [/\bletters?\b/i, 'letter'],
  [/\berrat(?:um|a)\b|\bcorrections?\b/i, 'erratum'],
  [/\bprotocols?\b/i, 'protocol'],
  [/\bguidelines?\b/i, 'guideline'],
  [/\bqualitative\b/i, 'qualitative'],
  [/\bcross-sectional\b/i, 'cross-sectional'],
  [/\bcase-control\b/i, 'case-control'],
  [/\bcohort\b|\bobservational\b/i, 'cohort'],
  [/\bnon-?randomi[sz]ed\b/i, 'non-randomised-trial'],
];

/** Synonym groups indexed by each of their terms (and narrower terms), by stems. */
interface GroupRef {
  group: number;
  narrower: boolean;
}
const synonymIndex = new PhraseIndex<GroupRef>('stem');
const groupPhrases: Phrase[][] = [];
const groupsOfTerm = new Map<string, number[]>(); // phrase keys → groups it is a term of
for (const [group, { terms, narrower = [] }] of synonymGroups.entries()) {
  groupPhrases.push(terms.map((term) => makePhrase(term, 'stem')));
  for (const term of terms) {
    const phrase = makePhrase(term, 'stem');
    synonymIndex.add(phrase, { group, narrower: false });
    const key = phrase.keys.join(' ');
    groupsOfTerm.set(key, [...(groupsOfTerm.get(key) ?? []), group]);
  }
  for (const term of narrower) synonymIndex.add(makePhrase(term, 'stem'), { group, narrower: true });
}
/** The groups that list a group's terms as narrower ("osteoarthritis" for "knee osteoarthritis"). */
const parentsOf = new Map<number, number[]>();
for (const [parent, { narrower = [] }] of synonymGroups.entries()) {
  for (const term of narrower) {
    for (const child of groupsOfTerm.get(makePhrase(term, 'stem').keys.join(' ')) ?? []) parentsOf.set(child, [...(parentsOf.get(child) ?? []), parent]);
  }
}

/** The synonym-list terms in the text, longest first, none overlapping ("type 1 diabetes", not also "diabetes"). */
function knownTerms(tokens: readonly Token[], text: string): PhraseHit<GroupRef>[] {
  const hits: PhraseHit<GroupRef>[] = [];
  synonymIndex.scan(tokens, text, (hit) => hits.push(hit));
  hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Set<number>();
  return hits.filter((hit) => {
    for (let i = hit.first; i <= hit.last; i++) if (taken.has(i)) return false;
    for (let i = hit.first; i <= hit.last; i++) taken.add(i);
    return true;
  });
}

/** A group's terms, its narrower terms, and the groups those narrower terms head (one level down, then on). */
function expandGroup(group: number, into: Map<string, Phrase>, seen: Set<number>): void {
  if (seen.has(group)) return;
  seen.add(group);
  const { narrower = [] } = synonymGroups[group] as (typeof synonymGroups)[number];
  for (const phrase of groupPhrases[group] as Phrase[]) into.set(phrase.keys.join(' '), phrase);
  for (const term of narrower) {
    const phrase = makePhrase(term, 'stem');
    into.set(phrase.keys.join(' '), phrase);
    for (const sub of groupsOfTerm.get(phrase.keys.join(' ')) ?? []) expandGroup(sub, into, seen);
  }
}

const compiledCache = new WeakMap<Criteria, CompiledCriteria>();

export function compileCriteria(criteria: Criteria): CompiledCriteria {
  const cached = compiledCache.get(criteria);
  if (cached) return cached;
  const valid = criteriaSchema.safeParse(criteria);
  if (!valid.success) throw new Error(`The screening criteria are not valid:\n${z.prettifyError(valid.error)}`);
  const ageGroups = new Set<AgeGroup>();
  const concepts: Record<ConceptRole, Concept[]> = {
    population: conceptsOf('population', criteria.population, ageGroups),
    intervention: conceptsOf('intervention', criteria.intervention),
    comparator: conceptsOf('comparator', criteria.comparator),
    outcomes: conceptsOf('outcomes', criteria.outcomes),
    include: criteria.include.flatMap((statement) => conceptsOf('include', statement)),
    exclude: criteria.exclude.flatMap(exclusionConcepts),
  };
  const index = new PhraseIndex<Concept>('stem');
  for (const list of Object.values(concepts)) for (const concept of list) for (const phrase of concept.phrases) index.add(phrase, concept);
  const siblingIndex = new PhraseIndex<Concept>('stem');
  for (const concept of concepts.population) for (const phrase of concept.siblings) siblingIndex.add(phrase, concept);
  const stemRoles: number[] = [];
  const mark = (stem: string, bit: number) => {
    const id = registerKey(stem);
    stemRoles[id] = (stemRoles[id] ?? 0) | bit;
  };
  for (const role of ['population', 'intervention', 'comparator', 'outcomes', 'include'] as const) for (const concept of concepts[role]) for (const term of concept.terms) mark(term, TERM);
  for (const group of Object.keys(ageStems) as AgeGroup[]) for (const stem of ageStems[group]) mark(stem, AGE_BITS[group]);
  const compiled: CompiledCriteria = {
    concepts,
    ageGroups,
    index,
    siblingIndex,
    stemRoles,
    designs: new Set(criteria.designs),
    yearFrom: criteria.yearFrom,
    yearTo: criteria.yearTo,
    languages: new Set(criteria.languages.map(languageName)),
  };
  compiledCache.set(criteria, compiled);
  return compiled;
}

/** One concept per part of the text between separators; age-group parts go to `ageGroups` instead. */
function conceptsOf(role: ConceptRole, text: string, ageGroups?: Set<AgeGroup>): Concept[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  // Known terms are never cut: "heart failure with reduced ejection fraction" stays one.
  const protectedTokens = new Set<number>();
  for (const hit of knownTerms(tokens, text)) for (let i = hit.first + 1; i <= hit.last; i++) protectedTokens.add(i);
  const parts: [number, number][] = [];
  let first = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    const separator = token === undefined || (!protectedTokens.has(i) && (token.breakBefore || SPLIT_WORDS.has(token.word)));
    if (!separator) continue;
    if (i > first) parts.push([first, i - 1]);
    first = token && SPLIT_WORDS.has(token.word) ? i + 1 : i;
  }
  const concepts: Concept[] = [];
  for (const [from, to] of parts) {
    if (NEGATION_OPENINGS.has((tokens[from] as Token).word)) continue; // "without insulin": not something to look for
    const concept = conceptOf(role, text, tokens, from, to, ageGroups);
    if (concept) concepts.push(concept);
  }
  return concepts;
}

function conceptOf(role: ConceptRole, text: string, tokens: readonly Token[], from: number, to: number, ageGroups?: Set<AgeGroup>): Concept | null {
  let first = from;
  let last = to;
  const isFiller = (token: Token) => STOP_WORDS.has(token.word) || GENERIC_STEMS.has(token.stem);
  while (first <= last && isFiller(tokens[first] as Token)) first++;
  while (last >= first && isFiller(tokens[last] as Token)) last--;
  if (first > last) return null;
  const slice = tokens.slice(first, last + 1);
  const terms = slice.filter((token) => !isFiller(token)).map((token) => token.stem);
  if (ageGroups) {
    const groups = (Object.keys(ageStems) as AgeGroup[]).filter((group) => terms.some((term) => ageStems[group].has(term)));
    // "Adults", "older adults aged 65 or over": an age group, not a topic.
    if (groups.length > 0 && terms.every((term) => /^\d+$/.test(term) || ageStems.adults.has(term) || ageStems.children.has(term) || AGE_FILLER.has(term))) {
      for (const group of groups) ageGroups.add(group);
      return null;
    }
  }
  const label = text.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
  const phrases = new Map<string, Phrase>();
  const own: Phrase = { text: label, keys: slice.map((token) => token.stem), exactCase: makePhrase(label, 'stem').exactCase };
  phrases.set(own.keys.join(' '), own);
  const seen = new Set<number>();
  const direct: number[] = [];
  for (const hit of knownTerms(slice, text)) {
    // A drug named in the criteria matches its own group's terms, never its class.
    const groups = hit.payload.narrower ? (groupsOfTerm.get(slice.slice(hit.first, hit.last + 1).map((token) => token.stem).join(' ')) ?? []) : [hit.payload.group];
    direct.push(...groups);
    for (const group of groups) expandGroup(group, phrases, seen);
  }
  const siblings = new Map<string, Phrase>();
  const siblingGroups = new Set(seen);
  for (const group of direct) {
    for (const parent of parentsOf.get(group) ?? []) {
      for (const term of synonymGroups[parent]?.narrower ?? []) {
        for (const sibling of groupsOfTerm.get(makePhrase(term, 'stem').keys.join(' ')) ?? []) expandGroup(sibling, siblings, siblingGroups);
      }
    }
  }
  for (const key of phrases.keys()) siblings.delete(key);
  return { role, label, phrases: [...phrases.values()], terms: [...new Set(terms)], siblings: [...siblings.values()], designKind: null };
}

/** An exclusion statement: its topic concepts, or one concept for a kind of publication. */
function exclusionConcepts(statement: string): Concept[] {
  for (const [pattern, designKind] of DESIGN_NAMES) {
    if (pattern.test(statement)) return [{ role: 'exclude', label: statement, phrases: [], terms: [], siblings: [], designKind }];
  }
  return conceptsOf('exclude', statement).map((concept) => ({ ...concept, label: statement.trim() }));
}
