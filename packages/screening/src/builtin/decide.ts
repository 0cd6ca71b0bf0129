// The built-in screener's decision for one record: hard criteria first, then exclusion
// statements, age group and design, then how well the population and intervention match.
// A missed include costs more than a record to read, so anything short of a clear reason to
// exclude is 'uncertain', and a record without an abstract is never excluded on its title.
import { designFailure, designList, limitFailure } from '../hardCriteria.ts';
import type { Highlight, ScreeningDecision, ScreeningRecord } from '../screener.ts';
import { type StudyDesign, studyDesigns } from '../criteria.ts';
import { type AnalysedField, type AnalysedRecord, analyseRecord, highlightOf, mergeHighlights, textOf } from './analysis.ts';
import { AGE_BITS, type AgeGroup, type CompiledCriteria, type Concept, TERM } from './compile.ts';
import { type DesignEvidence, type DesignKind, designPhrases, detectDesigns, OBSERVATIONAL_DESIGNS } from './designs.ts';

type Verdict = Omit<ScreeningDecision, 'recordId' | 'screener'>;

const FIELD_WEIGHT: Record<AnalysedField['field'], number> = { title: 1, abstract: 0.85, keywords: 0.7 };
/** A concept's words all present but not together count for less than the phrase itself. */
const ALL_TERMS = 0.7;
const SOME_TERMS = 0.5;
const STRONG = 0.6;
const WEAK = 0.3;
const HIGHLIGHTS_PER_CONCEPT = 8;

interface ConceptMatch {
  score: number;
  field: AnalysedField['field'];
  /** The record's words that matched, as written. */
  words: string;
  highlights: Highlight[];
}

export function decide(record: ScreeningRecord, criteria: CompiledCriteria): Verdict {
  const limit = limitFailure(record, criteria);
  if (limit) return { decision: 'exclude', ...limit };
  const analysed = analyseRecord(record);
  const designs = detectDesigns(analysed);
  const hard = designFailure(designs, criteria);
  if (hard) return { decision: 'exclude', ...hard };

  const facts = new Map<AnalysedField, FieldFacts>();
  for (const field of [analysed.title, analysed.abstract, analysed.keywords]) if (field) facts.set(field, factsOf(field, criteria));
  const matches = matchConcepts(analysed, criteria, facts);
  const population = bestOf('population', criteria, matches);
  const topicHighlights = (['population', 'intervention', 'comparator', 'outcomes', 'include'] as const).flatMap((role) =>
    criteria.concepts[role].flatMap((concept) => matches.get(concept)?.highlights ?? []),
  );
  // The first word of the age group the population names ("adults"), in title and abstract.
  for (const [field, fieldFacts] of facts) {
    for (const group of criteria.ageGroups) {
      const index = fieldFacts.ages[group];
      const highlight = index >= 0 ? highlightOf(field, index, index) : null;
      if (highlight) topicHighlights.push(highlight);
    }
  }
  // The fields that decide the topic: population and intervention, and the outcomes when one of
  // those is not given ("statin use" and "dementia" when the population is just "adults").
  const roles: FieldMatch['role'][] = (['population', 'intervention'] as const).filter((role) => criteria.concepts[role].length > 0);
  if (roles.length < 2 && criteria.concepts.outcomes.length > 0) roles.push('outcomes');
  const asked = roles.map((role) => bestOf(role, criteria, matches));
  const exclusion = exclusionHit(criteria, matches, designs);
  const highlights = (...extra: (Highlight | null | undefined)[]) =>
    mergeHighlights([...topicHighlights, ...extra.filter((item): item is Highlight => item !== null && item !== undefined)]);

  if (!analysed.abstract) {
    const mentions = describeMatches(asked);
    const excluded = exclusion ? ` It mentions "${exclusion.words}", which the criteria exclude (${exclusion.label}).` : '';
    return {
      decision: 'uncertain',
      reason: `Uncertain: there is no abstract, and a title alone is not enough to exclude.${mentions ? ` The title mentions ${mentions}.` : ''}${excluded}`,
      criterion: null,
      exclusionReason: null,
      confidence: 0.3,
      highlights: highlights(...(exclusion?.highlights ?? [])),
    };
  }

  if (exclusion) {
    const inTitle = exclusion.field === 'title' || exclusion.field === 'publication type';
    const topicFound = population.score >= STRONG;
    if (inTitle || !topicFound) {
      return exclude(`Excluded: the ${exclusion.field} mentions "${exclusion.words}", which the criteria exclude (${exclusion.label}).`, `exclusion: ${exclusion.label}`, 'exclusion criterion', inTitle ? 0.85 : 0.7, highlights(...exclusion.highlights));
    }
    return uncertain(`Uncertain: the abstract mentions "${exclusion.words}", which the criteria exclude (${exclusion.label}), but the population matches; check whether the study is about it.`, `exclusion: ${exclusion.label}`, 0.5, highlights(...exclusion.highlights));
  }

  const age = ageConflict(analysed, criteria, facts);
  if (age && (age.field === 'title' || population.score < STRONG)) {
    return exclude(`Excluded: about ${age.group} ("${age.words}"); the criteria ask for ${[...criteria.ageGroups].join(' or ')}.`, 'population', 'wrong population', age.field === 'title' ? 0.8 : 0.7, highlights(age.highlight));
  }

  if (population.score < WEAK) {
    const sibling = siblingHit(analysed, criteria);
    if (sibling) {
      return exclude(`Excluded: about ${sibling.words}, not ${sibling.label} as the criteria ask.`, 'population', 'wrong population', 0.75, highlights(sibling.highlight));
    }
  }

  const design = designVerdict(designs, criteria.designs);
  if (design.status === 'mismatch') {
    const evidence = design.evidence;
    return exclude(`Excluded: ${designPhrases[evidence.kind]} ("${evidence.text}" in the ${evidence.source}); the criteria ask for ${designList(criteria.designs)}.`, 'design', 'wrong study design', 0.8, highlights(evidence.highlight));
  }
  // Every word that shows the design asked for (or the protocol), not only the first.
  const designHighlights =
    design.status === 'protocol'
      ? [design.evidence.highlight]
      : design.status === 'match'
        ? designs.filter((item) => designsOf(item.kind).some((kind) => criteria.designs.has(kind))).map((item) => item.highlight)
        : [];

  const topic = describeMatches(asked);
  if (asked.length === 0) {
    if (design.status === 'match') return include(`Included: ${designPhrases[design.evidence.kind]}, as the criteria ask; they name no population or intervention to check.`, 'design', 0.7, highlights(...designHighlights));
    return uncertain('Uncertain: the criteria name no population or intervention, and the record does not show a design to decide on.', null, 0.4, highlights(...designHighlights));
  }
  if (asked.every((item) => item.score >= STRONG)) {
    const where = asked.every((item) => item.match?.field === 'title') ? ' in its title' : '';
    if (design.status === 'protocol') {
      return uncertain(`Uncertain: matches ${topic}, but it is ${designPhrases.protocol} ("${design.evidence.text}"), which may report no results.`, 'design', 0.5, highlights(...designHighlights));
    }
    if (design.status === 'unknown') {
      return uncertain(`Uncertain: matches ${topic}, but does not say whether it is one of the ${designList(criteria.designs)} the criteria ask for.`, 'design', 0.5, highlights(...designHighlights));
    }
    const kind = design.status === 'match' ? `${designPhrases[design.evidence.kind]} that ` : '';
    const lowest = Math.min(...asked.map((item) => item.score));
    const confidence = Math.min(0.95, 0.6 + 0.25 * lowest + (design.status === 'match' && design.evidence.clear ? 0.1 : 0));
    const criterion = [...asked.map((item) => item.role), ...(design.status === 'match' ? ['design'] : [])].join(', ');
    return include(`Included: ${kind}matches ${topic}${where}.`, criterion, round(confidence), highlights(...designHighlights));
  }
  if (asked.every((item) => item.score < WEAK)) {
    const failed = asked[0] as FieldMatch;
    const names = asked.map((item) => `the ${item.role} (${item.label})`);
    const said = names.length === 1 ? `does not mention ${names[0]}` : `mentions neither ${names.join(' nor ')}`;
    return exclude(`Excluded: ${said}.`, failed.role, `wrong ${failed.role}`, 0.8, highlights(...designHighlights));
  }
  // About the population (or exposure) but not the intervention (or outcome) asked for. A population
  // that is not named is no reason to exclude: abstracts often leave it to the methods.
  const absent = asked.find((item) => item.score < WEAK && item.role !== 'population');
  const present = asked.filter((item) => item.score >= STRONG);
  if (absent && present.length > 0) {
    return exclude(`Excluded: about ${describeMatches(present)}, but does not mention the ${absent.role} (${absent.label}).`, absent.role, `wrong ${absent.role}`, 0.7, highlights(...designHighlights));
  }
  const missing = asked.filter((item) => item.score < STRONG).map((item) => `the ${item.role} (${item.label})`);
  const found = describeMatches(asked.filter((item) => item.score >= STRONG));
  return uncertain(`Uncertain: ${found ? `matches ${found}, but ` : ''}does not clearly mention ${missing.join(' or ')}.`, missing.length === 1 ? (asked.find((item) => item.score < STRONG) as FieldMatch).role : null, 0.4, highlights(...designHighlights));
}

function exclude(reason: string, criterion: string, exclusionReason: string, confidence: number, highlights: Highlight[]): Verdict {
  return { decision: 'exclude', reason, criterion, exclusionReason, confidence, highlights };
}

function include(reason: string, criterion: string, confidence: number, highlights: Highlight[]): Verdict {
  return { decision: 'include', reason, criterion, exclusionReason: null, confidence, highlights };
}

function uncertain(reason: string, criterion: string | null, confidence: number, highlights: Highlight[]): Verdict {
  return { decision: 'uncertain', reason, criterion, exclusionReason: null, confidence, highlights };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Every concept's best match over title, abstract and keywords; phrases first, then loose words. */
function matchConcepts(analysed: AnalysedRecord, criteria: CompiledCriteria, facts: Map<AnalysedField, FieldFacts>): Map<Concept, ConceptMatch> {
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
  for (const role of ['population', 'intervention', 'comparator', 'outcomes', 'include'] as const) {
    for (const concept of criteria.concepts[role]) {
      if (best.has(concept) || concept.terms.length < 2) continue;
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
  }
  return best;
}

/** Where the criteria's words first appear in a field outside a negation: concept terms and age groups. */
interface FieldFacts {
  terms: Map<string, number>;
  ages: Record<AgeGroup, number>;
}

function factsOf(field: AnalysedField, criteria: CompiledCriteria): FieldFacts {
  const terms = new Map<string, number>();
  const ages = { adults: -1, children: -1 };
  const { tokens } = field;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as AnalysedField['tokens'][number];
    if (token.negated || token.stemKey < 0) continue;
    const roles = criteria.stemRoles[token.stemKey];
    if (!roles) continue;
    if ((roles & TERM) !== 0 && !terms.has(token.stem)) terms.set(token.stem, index);
    if ((roles & AGE_BITS.adults) !== 0 && ages.adults < 0) ages.adults = index;
    if ((roles & AGE_BITS.children) !== 0 && ages.children < 0) ages.children = index;
  }
  return { terms, ages };
}

interface FieldMatch {
  role: Concept['role'];
  /** The criteria's words for this field, for reasons. */
  label: string;
  score: number;
  concept: Concept | null;
  match: ConceptMatch | null;
}

/** The best-matching concept of a criteria field (any one of its concepts counts). */
function bestOf(role: FieldMatch['role'], criteria: CompiledCriteria, matches: Map<Concept, ConceptMatch>): FieldMatch {
  const concepts = criteria.concepts[role];
  let best: FieldMatch = { role, label: concepts.map((concept) => concept.label).join(', '), score: 0, concept: null, match: null };
  for (const concept of concepts) {
    const match = matches.get(concept);
    if (match && match.score > best.score) best = { ...best, score: match.score, concept, match };
  }
  return best;
}

/** "the population (type 2 diabetes: "T2DM") and the intervention (SGLT2 inhibitors: "empagliflozin")" */
function describeMatches(items: readonly FieldMatch[]): string {
  return items
    .filter((item) => item.concept && item.match && item.score >= WEAK)
    .map((item) => {
      const { label } = item.concept as Concept;
      const { words } = item.match as ConceptMatch;
      return `the ${item.role} (${words.toLowerCase() === label.toLowerCase() ? label : `${label}: "${words}"`})`;
    })
    .join(' and ');
}

interface ExclusionHit {
  label: string;
  field: AnalysedField['field'] | 'publication type';
  words: string;
  highlights: Highlight[];
}

/** An exclusion statement the record meets: its words, or the kind of publication it names. */
function exclusionHit(criteria: CompiledCriteria, matches: Map<Concept, ConceptMatch>, designs: readonly DesignEvidence[]): ExclusionHit | null {
  let found: ExclusionHit | null = null;
  for (const concept of criteria.concepts.exclude) {
    if (concept.designKind) {
      const evidence = designs.find((item) => item.clear && sameKind(item.kind, concept.designKind as DesignKind));
      if (evidence) return { label: concept.label, field: evidence.source, words: evidence.text, highlights: evidence.highlight ? [evidence.highlight] : [] };
      continue;
    }
    const match = matches.get(concept);
    if (!match || match.score < FIELD_WEIGHT.keywords) continue; // phrases only: loose words are not enough to exclude
    if (!found || (match.field === 'title' && found.field !== 'title')) found = { label: concept.label, field: match.field, words: match.words, highlights: match.highlights };
  }
  return found;
}

function sameKind(found: DesignKind, named: DesignKind): boolean {
  return found === named || (found === 'observational' && OBSERVATIONAL_DESIGNS.includes(named as StudyDesign));
}

/** A term beside the population's under a broader one ("hip osteoarthritis" when the criteria say "knee osteoarthritis"). */
function siblingHit(analysed: AnalysedRecord, criteria: CompiledCriteria): { label: string; words: string; highlight: Highlight | null } | null {
  for (const field of [analysed.title, analysed.abstract]) {
    if (!field) continue;
    let found: { label: string; words: string; highlight: Highlight | null } | null = null;
    criteria.siblingIndex.scan(field.tokens, field.text, (hit) => {
      if (!found && !hit.negated) found = { label: hit.payload.label, words: textOf(field, hit.first, hit.last), highlight: highlightOf(field, hit.first, hit.last) };
    });
    if (found) return found;
  }
  return null;
}

interface AgeConflict {
  group: AgeGroup;
  field: 'title' | 'abstract';
  words: string;
  highlight: Highlight | null;
}

/** The record is about another age group than the one the population names ("adolescents" for "adults"). */
function ageConflict(analysed: AnalysedRecord, criteria: CompiledCriteria, facts: Map<AnalysedField, FieldFacts>): AgeConflict | null {
  if (criteria.ageGroups.size !== 1) return null;
  const wanted = [...criteria.ageGroups][0] as AgeGroup;
  const other: AgeGroup = wanted === 'adults' ? 'children' : 'adults';
  const find = (field: AnalysedField | null, group: AgeGroup) => {
    const index = field ? (facts.get(field) as FieldFacts).ages[group] : -1;
    return field && index >= 0 ? { field, index } : null;
  };
  const wantedInTitle = find(analysed.title, wanted);
  const otherInTitle = find(analysed.title, other);
  if (otherInTitle && !wantedInTitle) return conflict(other, otherInTitle.field, otherInTitle.index);
  const otherInAbstract = find(analysed.abstract, other);
  if (otherInAbstract && !wantedInTitle && !find(analysed.abstract, wanted)) return conflict(other, otherInAbstract.field, otherInAbstract.index);
  return null;
}

function conflict(group: AgeGroup, field: AnalysedField, index: number): AgeConflict {
  return { group, field: field.field === 'title' ? 'title' : 'abstract', words: textOf(field, index, index), highlight: highlightOf(field, index, index) };
}

type DesignVerdict =
  | { status: 'any' | 'unknown' }
  | { status: 'match' | 'mismatch' | 'protocol'; evidence: DesignEvidence };

/** The criteria designs a finding stands for ("observational" may be any of three; an editorial none). */
function designsOf(kind: DesignKind): readonly StudyDesign[] {
  if (kind === 'observational') return OBSERVATIONAL_DESIGNS;
  return (studyDesigns as readonly string[]).includes(kind) ? [kind as StudyDesign] : [];
}

function designVerdict(designs: readonly DesignEvidence[], wanted: ReadonlySet<StudyDesign>): DesignVerdict {
  const protocol = designs.find((item) => item.kind === 'protocol' && item.clear);
  if (protocol) return { status: 'protocol', evidence: protocol };
  if (wanted.size === 0) return { status: 'any' };
  const fits = (item: DesignEvidence) => designsOf(item.kind).some((design) => wanted.has(design));
  const clearFit = designs.find((item) => item.clear && fits(item));
  if (clearFit) return { status: 'match', evidence: clearFit };
  const clearOther = designs.find((item) => item.clear && !fits(item) && designsOf(item.kind).length > 0);
  if (clearOther) return { status: 'mismatch', evidence: clearOther };
  const hintFit = designs.find((item) => fits(item));
  return hintFit ? { status: 'match', evidence: hintFit } : { status: 'unknown' };
}
