// Criteria free text into concepts to look for. "Adults with type 2 diabetes" becomes the concept
// "type 2 diabetes" (with T2DM, NIDDM, 2型糖尿病, ... from the synonym list) and the age group
// "adults"; "SGLT2 inhibitors (empagliflozin, dapagliflozin)" becomes three concepts, any of which
// counts; "drugs for ADHD" needs a drug word and ADHD. Compiled once per criteria object.
import { z } from 'zod';
import { type Criteria, criteriaSchema, type StudyDesign } from '../criteria.ts';
import { type AgeGroup, ageStems, type Concept, conceptOf, type ConceptRole, isFiller, trimFiller } from './concepts.ts';
import { exclusionConcepts, nearConcepts } from './exclusions.ts';
import { languageName } from './languages.ts';
import { makePhrase, PhraseIndex } from './phrases.ts';
import { registerKey, stemOf, type Token, tokenize } from './tokens.ts';
import { knownTerms } from './vocabulary.ts';

export type { AgeGroup, Concept } from './concepts.ts';

/** Bits of CompiledCriteria.stemRoles. */
export const TERM = 1;
export const AGE_BITS: Record<AgeGroup, number> = { adults: 2, children: 4 };

export interface CompiledCriteria {
  concepts: Record<ConceptRole, Concept[]>;
  /** The age groups the whole population is limited to ("adults with ..."). */
  ageGroups: Set<AgeGroup>;
  /** Finds every phrase of every concept (and of their parts) in one pass over a record's words. */
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

/** Words that separate concepts in criteria text (unless inside a known term such as "heart failure with reduced ejection fraction"). */
const SPLIT_WORDS = new Set(['and', 'or', 'with', 'in', 'among', 'versus', 'vs', 'plus', 'receiving', 'compared', 'against', 'who', 'having', 'or/and']);
const NEGATION_OPENINGS = new Set(['without', 'not', 'no', 'excluding', 'except', 'non']);
/** Words around an age group in criteria: "aged 65 years or older". */
const AGE_FILLER = new Set(['aged', 'age', 'year', 'old', 'month', 'week', 'day']);

/**
 * "drugs for ADHD", "treatment of pain": an intervention named by what it treats. The head word
 * is the meaning: the condition alone would match every record about ADHD, treated or not.
 */
const DRUG_HEADS = new Set(['drug', 'medication', 'medicine', 'pharmacotherapy', 'pharmacological', 'pharmacologic', 'agent'].map(stemOf));
const TREATMENT_HEADS = new Set(['treatment', 'therapy', 'intervention', 'management', 'therapeutic'].map(stemOf));
const HEAD_LINKS = new Set(['for', 'of', 'against', 'to', 'treat', 'treating']);
const DRUG_WORDS = ['drug', 'medication', 'medicine', 'pharmacotherapy', 'pharmacological', 'pharmacologic', 'agent'];
const TREATMENT_WORDS = [...DRUG_WORDS, 'treatment', 'therapy', 'therapeutic', 'intervention', 'management', 'treated'];

const compiledCache = new WeakMap<Criteria, CompiledCriteria>();

export function compileCriteria(criteria: Criteria): CompiledCriteria {
  const cached = compiledCache.get(criteria);
  if (cached) return cached;
  const valid = criteriaSchema.safeParse(criteria);
  if (!valid.success) throw new Error(`The screening criteria are not valid:\n${z.prettifyError(valid.error)}`);
  const ageGroups = new Set<AgeGroup>();
  const population = conceptsOf('population', criteria.population, -1, ageGroups);
  // An age group that qualifies every population concept alike limits the whole population ("type 2 diabetes in adults").
  const qualifiers = new Set(population.map((concept) => concept.ageGroup));
  if (ageGroups.size === 0 && qualifiers.size === 1 && population[0]?.ageGroup) ageGroups.add(population[0].ageGroup);
  const concepts: Record<ConceptRole, Concept[]> = {
    population,
    intervention: conceptsOf('intervention', criteria.intervention, -1),
    comparator: conceptsOf('comparator', criteria.comparator, -1),
    outcomes: conceptsOf('outcomes', criteria.outcomes, -1),
    include: criteria.include.flatMap((statement, index) => conceptsOf('include', statement, index)),
    exclude: criteria.exclude.flatMap(exclusionConcepts),
  };
  for (const concept of concepts.exclude) concept.near = nearConcepts(concept, population);
  const index = new PhraseIndex<Concept>('stem');
  const siblingIndex = new PhraseIndex<Concept>('stem');
  const stemRoles: number[] = [];
  const mark = (stem: string, bit: number) => {
    const id = registerKey(stem);
    stemRoles[id] = (stemRoles[id] ?? 0) | bit;
  };
  for (const [role, list] of Object.entries(concepts)) {
    for (const concept of list.flatMap((item) => [item, ...item.parts])) {
      for (const phrase of concept.phrases) index.add(phrase, concept);
      if (role !== 'exclude') for (const term of concept.terms) mark(term, TERM);
    }
  }
  for (const concept of population) for (const phrase of concept.siblings) siblingIndex.add(phrase, concept);
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

/** The age group a part names when it names nothing else ("adults", "older people aged 65 or over"), else null. */
function ageGroupOf(tokens: readonly Token[], from: number, to: number): AgeGroup | null {
  const terms = tokens.slice(from, to + 1).filter((token) => !isFiller(token)).map((token) => token.stem);
  const groups = (Object.keys(ageStems) as AgeGroup[]).filter((group) => terms.some((term) => ageStems[group].has(term)));
  if (groups.length !== 1) return null;
  return terms.every((term) => /^\d+$/.test(term) || ageStems.adults.has(term) || ageStems.children.has(term) || AGE_FILLER.has(term)) ? (groups[0] as AgeGroup) : null;
}

/**
 * One concept per part of the text between separators. An age group before any concept ("adults
 * with ...") limits the whole population; one after a concept ("... in children") qualifies only
 * the concepts before it in its own comma-separated segment.
 */
function conceptsOf(role: ConceptRole, text: string, statement: number, ageGroups?: Set<AgeGroup>): Concept[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  // Known terms are never cut: "heart failure with reduced ejection fraction" stays one.
  const protectedTokens = new Set<number>();
  for (const hit of knownTerms(tokens, text)) for (let i = hit.first + 1; i <= hit.last; i++) protectedTokens.add(i);
  const parts: { from: number; to: number; segment: number }[] = [];
  let first = 0;
  let segment = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    const separator = token === undefined || (!protectedTokens.has(i) && (token.breakBefore || SPLIT_WORDS.has(token.word)));
    if (!separator) continue;
    if (i > first) parts.push({ from: first, to: i - 1, segment });
    if (token?.breakBefore) segment++;
    first = token && SPLIT_WORDS.has(token.word) ? i + 1 : i;
  }
  const concepts: Concept[] = [];
  const segments: number[] = [];
  for (const { from, to, segment: part } of parts) {
    if (NEGATION_OPENINGS.has((tokens[from] as Token).word)) continue; // "without insulin": not something to look for
    const age = ageGroups ? ageGroupOf(tokens, from, to) : null;
    if (age) {
      if (concepts.length === 0) ageGroups?.add(age);
      else concepts.forEach((concept, at) => (segments[at] === part ? (concept.ageGroup = age) : undefined));
      continue;
    }
    const concept = role === 'intervention' || role === 'comparator' ? (indicationConcept(role, text, tokens, from, to, statement) ?? plainConcept(role, text, tokens, from, to, statement)) : plainConcept(role, text, tokens, from, to, statement);
    if (concept) {
      concepts.push(concept);
      segments.push(part);
    }
  }
  return concepts;
}

function plainConcept(role: ConceptRole, text: string, tokens: readonly Token[], from: number, to: number, statement: number): Concept | null {
  const span = trimFiller(tokens, from, to);
  return span ? conceptOf(role, text, tokens.slice(span[0], span[1] + 1), { statement, synonyms: 'each term' }) : null;
}

/** "drugs for ADHD": a concept whose parts, a drug (or treatment) word and the condition, must both match. */
function indicationConcept(role: ConceptRole, text: string, tokens: readonly Token[], from: number, to: number, statement: number): Concept | null {
  const span = trimFiller(tokens, from, to);
  if (!span || span[0] === from) return null;
  const opening = tokens.slice(from, span[0]);
  const heads = opening.filter((token) => DRUG_HEADS.has(token.stem) || TREATMENT_HEADS.has(token.stem));
  if (heads.length === 0 || !opening.some((token, at) => at > opening.indexOf(heads[0] as Token) && HEAD_LINKS.has(token.word))) return null;
  const words = heads.some((token) => DRUG_HEADS.has(token.stem)) ? DRUG_WORDS : TREATMENT_WORDS;
  const headText = text.slice((heads[0] as Token).start, (heads[heads.length - 1] as Token).end);
  const own = makePhrase(headText, 'stem');
  const head: Concept = {
    ...conceptOf(role, text, heads, { statement, synonyms: 'whole only' }),
    phrases: [own, ...words.map((word) => makePhrase(word, 'stem')).filter((phrase) => phrase.keys.join(' ') !== own.keys.join(' '))],
    terms: [],
  };
  const condition = conceptOf(role, text, tokens.slice(span[0], span[1] + 1), { statement, synonyms: 'each term' });
  const whole = conceptOf(role, text, tokens.slice(from, span[1] + 1), { statement, synonyms: 'whole only' });
  return { ...whole, phrases: whole.phrases.slice(0, 1), terms: [], siblings: [], parts: [head, condition] };
}
