// How well a record matches each concept of the criteria: phrases in the title, abstract and
// keywords, then a concept's words apart, then concepts made of parts; and the evidence against
// it (an exclusion's phrase, a sibling term, another age group), each with the words it quotes.
import type { Highlight } from '../screener.ts';
import { type AnalysedField, type AnalysedRecord, highlightOf, textOf } from './analysis.ts';
import { AGE_BITS, type AgeGroup, type CompiledCriteria, type Concept, TERM } from './compile.ts';
import type { Token } from './tokens.ts';

export const FIELD_WEIGHT: Record<AnalysedField['field'], number> = { title: 1, abstract: 0.85, keywords: 0.7 };
/** A concept's words all present but not together count for less than the phrase itself. */
const ALL_TERMS = 0.7;
const SOME_TERMS = 0.5;
export const STRONG = 0.6;
export const WEAK = 0.3;
const HIGHLIGHTS_PER_CONCEPT = 8;
const TOPIC_ROLES = ['population', 'intervention', 'comparator', 'outcomes', 'include'] as const;

export interface ConceptMatch {
  score: number;
  field: AnalysedField['field'];
  /** The record's words that matched, as written. */
  words: string;
  highlights: Highlight[];
}

/** Every concept's best match over title, abstract and keywords; phrases first, then loose words, then parts. */
export function matchConcepts(analysed: AnalysedRecord, criteria: CompiledCriteria, facts: Map<AnalysedField, FieldFacts>): Map<Concept, ConceptMatch> {
  const best = new Map<Concept, ConceptMatch>();
  const fields = [analysed.title, analysed.abstract, analysed.keywords].filter((field): field is AnalysedField => field !== null);
  for (const field of fields) {
    const weight = FIELD_WEIGHT[field.field];
    criteria.index.scan(field.tokens, field.text, (hit) => {
      if (hit.negated) return;
      const highlight = highlightOf(field, hit.first, hit.last);
      const current = best.get(hit.payload);
      if (!current || current.score < weight) {
        best.set(hit.payload, { score: weight, field: field.field, words: textOf(field, hit.first, hit.last), highlights: [...(current?.highlights ?? []), ...(highlight ? [highlight] : [])] });
      } else if (highlight && current.highlights.length < HIGHLIGHTS_PER_CONCEPT) {
        current.highlights.push(highlight);
      }
    });
  }
  for (const role of TOPIC_ROLES) {
    for (const concept of criteria.concepts[role].flatMap((item) => [...item.parts, item])) {
      if (!best.has(concept) && concept.terms.length >= 2) looseMatch(concept, fields, facts, best);
      if (!best.has(concept) && concept.parts.length > 0) partsMatch(concept, best);
    }
  }
  return best;
}

/** Half or more of a concept's words in one field, apart. */
function looseMatch(concept: Concept, fields: readonly AnalysedField[], facts: Map<AnalysedField, FieldFacts>, best: Map<Concept, ConceptMatch>): void {
  for (const field of fields) {
    const positions = (facts.get(field) as FieldFacts).terms;
    const present = concept.terms.filter((term) => positions.has(term));
    if (present.length * 2 < concept.terms.length) continue;
    const score = FIELD_WEIGHT[field.field] * (present.length === concept.terms.length ? ALL_TERMS : (SOME_TERMS * present.length) / concept.terms.length);
    const current = best.get(concept);
    if (current && current.score >= score) continue;
    const indices = present.map((term) => positions.get(term) as number);
    best.set(concept, {
      score,
      field: field.field,
      words: indices.map((index) => textOf(field, index, index)).join(' … '),
      highlights: indices.map((index) => highlightOf(field, index, index)).filter((item): item is Highlight => item !== null),
    });
  }
}

/** A concept of parts ("drugs for ADHD") counts as its words apart: every part must be there. */
function partsMatch(concept: Concept, best: Map<Concept, ConceptMatch>): void {
  const found = concept.parts.map((part) => best.get(part)).filter((match): match is ConceptMatch => match !== undefined);
  if (found.length === 0) return;
  const weakest = found.reduce((low, match) => (match.score < low.score ? match : low));
  const share = found.length / concept.parts.length;
  best.set(concept, {
    score: share === 1 ? ALL_TERMS * weakest.score : SOME_TERMS * share * Math.max(...found.map((match) => match.score)),
    field: weakest.field,
    words: found.map((match) => match.words).join(' … '),
    highlights: found.flatMap((match) => match.highlights),
  });
}

/** Where the criteria's words first appear in a field outside a negation: concept terms and age groups. */
export interface FieldFacts {
  terms: Map<string, number>;
  ages: Record<AgeGroup, number>;
}

export function factsOf(field: AnalysedField, criteria: CompiledCriteria): FieldFacts {
  const terms = new Map<string, number>();
  const ages = { adults: -1, children: -1 };
  const { tokens } = field;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.negated || token.stemKey < 0) continue;
    const roles = criteria.stemRoles[token.stemKey];
    if (!roles) continue;
    if ((roles & TERM) !== 0 && !terms.has(token.stem)) terms.set(token.stem, index);
    if ((roles & AGE_BITS.adults) !== 0 && ages.adults < 0) ages.adults = index;
    if ((roles & AGE_BITS.children) !== 0 && ages.children < 0) ages.children = index;
  }
  return { terms, ages };
}

export interface FieldMatch {
  role: Concept['role'];
  /** The criteria's words for this field, for reasons. */
  label: string;
  score: number;
  concept: Concept | null;
  match: ConceptMatch | null;
}

/** The best-matching concept of a criteria field (any one of its concepts counts). */
export function bestOf(role: FieldMatch['role'], criteria: CompiledCriteria, matches: Map<Concept, ConceptMatch>): FieldMatch {
  const concepts = criteria.concepts[role];
  let best: FieldMatch = { role, label: concepts.map((concept) => concept.label).join(', '), score: 0, concept: null, match: null };
  for (const concept of concepts) {
    const match = matches.get(concept);
    if (match && match.score > best.score) best = { ...best, score: match.score, concept, match };
  }
  return best;
}

/** "the population (type 2 diabetes: "T2DM") and the intervention (SGLT2 inhibitors: "empagliflozin")" */
export function describeMatches(items: readonly FieldMatch[]): string {
  return items
    .filter((item) => item.concept && item.match && item.score >= WEAK)
    .map((item) => {
      const { label } = item.concept as Concept;
      const { words } = item.match as ConceptMatch;
      return `the ${item.role} (${words.toLowerCase() === label.toLowerCase() ? label : `${label}: "${words}"`})`;
    })
    .join(' and ');
}

/**
 * The title names a population concept near an exclusion with words the exclusion's own phrase
 * does not cover: "knee and hip osteoarthritis" is about knee osteoarthritis too, so the exclusion
 * "hip osteoarthritis" does not settle it; "pregnant women with hypertension" covers "hypertension".
 */
export function populationBesideExclusion(exclusion: Concept, title: AnalysedField, criteria: CompiledCriteria, facts: FieldFacts): Concept | null {
  if (exclusion.near.length === 0) return null;
  const covered = new Set<number>();
  const outside = new Set<Concept>();
  const hits: { concept: Concept; first: number; last: number }[] = [];
  criteria.index.scan(title.tokens, title.text, (hit) => {
    if (!hit.negated) hits.push({ concept: hit.payload, first: hit.first, last: hit.last });
  });
  for (const hit of hits) if (hit.concept === exclusion) for (let i = hit.first; i <= hit.last; i++) covered.add(i);
  for (const hit of hits) {
    if (hit.concept === exclusion || !exclusion.near.includes(hit.concept)) continue;
    for (let i = hit.first; i <= hit.last; i++) if (!covered.has(i)) outside.add(hit.concept);
  }
  for (const concept of exclusion.near) {
    if (outside.has(concept)) return concept;
    if (concept.terms.length < 2 || !concept.terms.every((term) => facts.terms.has(term))) continue;
    if (title.tokens.some((token, index) => !covered.has(index) && !token.negated && concept.terms.includes(token.stem))) return concept;
  }
  return null;
}

export interface Quoted {
  label: string;
  words: string;
  field: 'title' | 'abstract';
  highlight: Highlight | null;
}

/** A term beside the population's under a broader one ("hip osteoarthritis" when the criteria say "knee osteoarthritis"). */
export function siblingHit(analysed: AnalysedRecord, criteria: CompiledCriteria): Quoted | null {
  for (const field of [analysed.title, analysed.abstract]) {
    if (!field) continue;
    let found: Quoted | null = null;
    criteria.siblingIndex.scan(field.tokens, field.text, (hit) => {
      if (!found && !hit.negated) found = { label: hit.payload.label, words: textOf(field, hit.first, hit.last), field: field.field === 'title' ? 'title' : 'abstract', highlight: highlightOf(field, hit.first, hit.last) };
    });
    if (found) return found;
  }
  return null;
}

/** The record is about another age group than the population's ("adolescents" for "adults"); `label` is the group. */
export function ageConflict(analysed: AnalysedRecord, wanted: AgeGroup, facts: Map<AnalysedField, FieldFacts>): Quoted | null {
  const other: AgeGroup = wanted === 'adults' ? 'children' : 'adults';
  const find = (field: AnalysedField | null, group: AgeGroup) => {
    const index = field ? (facts.get(field) as FieldFacts).ages[group] : -1;
    return field && index >= 0 ? { field, index } : null;
  };
  const quote = ({ field, index }: { field: AnalysedField; index: number }): Quoted => ({ label: other, words: textOf(field, index, index), field: field.field === 'title' ? 'title' : 'abstract', highlight: highlightOf(field, index, index) });
  const wantedInTitle = find(analysed.title, wanted);
  const otherInTitle = find(analysed.title, other);
  if (otherInTitle && !wantedInTitle) return quote(otherInTitle);
  const otherInAbstract = find(analysed.abstract, other);
  if (otherInAbstract && !wantedInTitle && !find(analysed.abstract, wanted)) return quote(otherInAbstract);
  return null;
}
