// The built-in screener's decision for one record. It excludes only where the record itself
// settles it: a hard criterion, a design that rules out every design asked for, or an exclusion
// statement the title names. Everything else about the topic is 'uncertain', labelled "Likely
// relevant" or "Likely irrelevant" with its reasons, and ordered by `relevance` for the ranking.
import { designFailure, designList, limitFailure } from '../hardCriteria.ts';
import type { Highlight, ScreeningDecision, ScreeningRecord } from '../screener.ts';
import { type AnalysedField, analyseRecord, highlightOf, mergeHighlights } from './analysis.ts';
import type { CompiledCriteria, Concept } from './compile.ts';
import { type DesignKind, designPhrases, designsOf, designVerdict, detectDesigns, OBSERVATIONAL_DESIGNS } from './designs.ts';
import { ageConflict, bestOf, describeMatches, factsOf, type FieldFacts, type FieldMatch, matchConcepts, populationBesideExclusion, siblingHit, STRONG, WEAK } from './match.ts';
import type { StudyDesign } from '../criteria.ts';

type Verdict = Omit<ScreeningDecision, 'recordId' | 'screener' | 'relevance'> & { relevance: number };

/**
 * At or above this relevance an uncertain record is "Likely relevant". For an uncertain record the
 * confidence is its relevance, so a stored decision says which way it leans.
 */
export const LIKELY_RELEVANT = 0.5;

/** Something that speaks against the record without settling it: a reason, and how much it lowers the relevance. */
interface Doubt {
  criterion: string;
  says: string;
  factor: number;
  highlight?: Highlight | null;
}

export function decide(record: ScreeningRecord, criteria: CompiledCriteria): Verdict {
  const limit = limitFailure(record, criteria);
  if (limit) return { decision: 'exclude', ...limit, relevance: 0 };
  const analysed = analyseRecord(record);
  const designs = detectDesigns(analysed);
  const hard = designFailure(designs, criteria);
  if (hard) return { decision: 'exclude', ...hard, relevance: 0 };

  const facts = new Map<AnalysedField, FieldFacts>();
  for (const field of [analysed.title, analysed.abstract, analysed.keywords]) if (field) facts.set(field, factsOf(field, criteria));
  const matches = matchConcepts(analysed, criteria, facts);
  const population = bestOf('population', criteria, matches);
  const highlights: (Highlight | null | undefined)[] = (['population', 'intervention', 'comparator', 'outcomes', 'include'] as const).flatMap((role) =>
    criteria.concepts[role].flatMap((concept) => matches.get(concept)?.highlights ?? []),
  );
  const wantedAge = criteria.ageGroups.size === 1 ? [...criteria.ageGroups][0] : (population.concept?.ageGroup ?? undefined);
  // The first word of the age group asked for ("adults"), in title and abstract.
  for (const [field, fieldFacts] of facts) if (wantedAge && fieldFacts.ages[wantedAge] >= 0) highlights.push(highlightOf(field, fieldFacts.ages[wantedAge], fieldFacts.ages[wantedAge]));
  // The fields that decide the topic: population and intervention, and the outcomes when one of
  // those is not given ("statin use" and "dementia" when the population is just "adults").
  const roles: FieldMatch['role'][] = (['population', 'intervention'] as const).filter((role) => criteria.concepts[role].length > 0);
  if (roles.length < 2 && criteria.concepts.outcomes.length > 0) roles.push('outcomes');
  const asked = roles.map((role) => bestOf(role, criteria, matches));
  const design = designVerdict(designs, criteria.designs);
  const doubts: Doubt[] = [];
  const merged = (...extra: (Highlight | null | undefined)[]) => mergeHighlights([...highlights, ...extra].filter((item): item is Highlight => item !== null && item !== undefined));

  // Exclusion statements: a kind of publication the record clearly is, or a phrase its title names.
  for (const concept of criteria.concepts.exclude) {
    if (concept.designKind) {
      const evidence = designs.find((item) => item.clear && sameKind(item.kind, concept.designKind as DesignKind));
      if (evidence && analysed.abstract) {
        return exclude(`Excluded: ${designPhrases[evidence.kind]} ("${evidence.text}" in the ${evidence.source}); the criteria exclude ${concept.label}.`, `exclusion: ${concept.label}`, 'exclusion criterion', 0.85, merged(evidence.highlight));
      }
      continue;
    }
    const match = matches.get(concept);
    if (!match) continue;
    const beside = match.field === 'title' && analysed.title ? populationBesideExclusion(concept, analysed.title, criteria, facts.get(analysed.title) as FieldFacts) : null;
    if (match.field === 'title' && !beside && analysed.abstract) {
      return exclude(`Excluded: the title names "${match.words}", which the criteria exclude (${concept.label}).`, `exclusion: ${concept.label}`, 'exclusion criterion', 0.85, merged(...match.highlights));
    }
    const also = beside ? `, but also the population (${beside.label})` : '';
    doubts.push({ criterion: `exclusion: ${concept.label}`, says: `the ${match.field} mentions "${match.words}", which the criteria exclude (${concept.label})${also}`, factor: beside ? 0.7 : 0.5, highlight: match.highlights[0] });
  }

  if (design.status === 'mismatch' && analysed.abstract) {
    const { evidence } = design;
    return exclude(`Excluded: ${designPhrases[evidence.kind]} ("${evidence.text}" in the ${evidence.source}); the criteria ask for ${designList(criteria.designs)}.`, 'design', 'wrong study design', 0.8, merged(evidence.highlight));
  }
  if (design.status === 'near' || design.status === 'mismatch') {
    const { evidence } = design;
    doubts.push({ criterion: 'design', says: `it is ${designPhrases[evidence.kind]} ("${evidence.text}" in the ${evidence.source}) and the criteria ask for ${designList(criteria.designs)}`, factor: 0.6, highlight: evidence.highlight });
  } else if (design.status === 'protocol') {
    doubts.push({ criterion: 'design', says: `it is ${designPhrases.protocol} ("${design.evidence.text}"), which may report no results`, factor: 0.8, highlight: design.evidence.highlight });
  } else if (design.status === 'unknown') {
    doubts.push({ criterion: 'design', says: `it does not say whether it is one of the ${designList(criteria.designs)} the criteria ask for`, factor: 0.9 });
  }

  const age = wantedAge ? ageConflict(analysed, wantedAge, facts) : null;
  if (age) doubts.push({ criterion: 'population', says: `it is about ${age.label} ("${age.words}") and the criteria ask for ${wantedAge}`, factor: age.field === 'title' ? 0.5 : 0.7, highlight: age.highlight });
  const sibling = population.score < WEAK ? siblingHit(analysed, criteria) : null;
  if (sibling) doubts.push({ criterion: 'population', says: `it is about ${sibling.words}, not ${sibling.label}`, factor: 0.5, highlight: sibling.highlight });
  for (const item of asked) {
    if (item.score >= STRONG) continue;
    doubts.push({ criterion: item.role, says: `it ${item.score < WEAK ? 'does not mention' : 'does not clearly mention'} the ${item.role} (${item.label})`, factor: 1 });
  }

  // Every word that shows the design asked for (or the protocol), not only the first.
  const designHighlights =
    design.status === 'protocol'
      ? [design.evidence.highlight]
      : design.status === 'match'
        ? designs.filter((item) => designsOf(item.kind).some((kind) => criteria.designs.has(kind))).map((item) => item.highlight)
        : [];
  const relevance = round(relevanceOf(asked, criteria, matches, design.status === 'match') * doubts.reduce((product, doubt) => product * doubt.factor, 1));
  const topic = describeMatches(asked);
  const all = merged(...designHighlights, ...doubts.map((doubt) => doubt.highlight));

  if (!analysed.abstract) {
    const label = relevance >= LIKELY_RELEVANT ? 'Likely relevant' : 'Likely irrelevant';
    const mentions = topic ? ` The title mentions ${topic}.` : '';
    const against = doubts.filter((doubt) => doubt.factor < 1).map((doubt) => doubt.says);
    return uncertain(`${label}: there is no abstract, and a title alone is not enough to exclude.${mentions}${against.length > 0 ? ` But ${against.join('; ')}.` : ''}`, null, relevance, all);
  }
  if (doubts.length === 0 && asked.every((item) => item.score >= STRONG)) {
    if (asked.length === 0) {
      if (design.status === 'match') return include(`Included: ${designPhrases[design.evidence.kind]}, as the criteria ask; they name no population or intervention to check.`, 'design', 0.7, relevance, all);
      return uncertain('Likely relevant: the criteria name no population, intervention or design to check it against.', null, relevance, all);
    }
    const where = asked.every((item) => item.match?.field === 'title') ? ' in its title' : '';
    const kind = design.status === 'match' ? `${designPhrases[design.evidence.kind]} that ` : '';
    const lowest = Math.min(...asked.map((item) => item.score));
    const confidence = Math.min(0.95, 0.6 + 0.25 * lowest + (design.status === 'match' && design.evidence.clear ? 0.1 : 0));
    const criterion = [...asked.map((item) => item.role), ...(design.status === 'match' ? ['design'] : [])].join(', ');
    return include(`Included: ${kind}matches ${topic}${where}.`, criterion, round(confidence), relevance, all);
  }
  const label = relevance >= LIKELY_RELEVANT ? 'Likely relevant' : 'Likely irrelevant';
  const found = topic ? `matches ${topic}` : 'matches none of the topics of the criteria';
  const against = doubts.map((doubt) => doubt.says);
  return uncertain(`${label}: ${found}${against.length > 0 ? `, but ${against.join('; ')}` : ''}.`, doubts[0]?.criterion ?? null, relevance, all);
}

/**
 * How well the topic fits, 0..1, before doubts: half the mean and half the lowest score of the
 * fields that decide the topic (one missing field weighs heavily), a little more for the
 * outcomes when they are not one of those fields, and for a design the criteria ask for.
 */
function relevanceOf(asked: readonly FieldMatch[], criteria: CompiledCriteria, matches: Map<Concept, { score: number }>, designMatch: boolean): number {
  const scores = asked.map((item) => Math.min(1, item.score));
  let value = scores.length === 0 ? 0.5 : 0.5 * (scores.reduce((sum, score) => sum + score, 0) / scores.length) + 0.5 * Math.min(...scores);
  if (!asked.some((item) => item.role === 'outcomes') && criteria.concepts.outcomes.length > 0) {
    const outcomes = Math.max(0, ...criteria.concepts.outcomes.map((concept) => matches.get(concept)?.score ?? 0));
    value *= 0.9 + 0.1 * Math.min(1, outcomes);
  }
  return designMatch ? Math.min(1, value + 0.05) : value;
}

function exclude(reason: string, criterion: string, exclusionReason: string, confidence: number, highlights: Highlight[]): Verdict {
  return { decision: 'exclude', reason, criterion, exclusionReason, confidence, highlights, relevance: 0 };
}

function include(reason: string, criterion: string, confidence: number, relevance: number, highlights: Highlight[]): Verdict {
  return { decision: 'include', reason, criterion, exclusionReason: null, confidence, highlights, relevance };
}

/** For an uncertain record the confidence is its relevance, so sorting by confidence puts the likely relevant first. */
function uncertain(reason: string, criterion: string | null, relevance: number, highlights: Highlight[]): Verdict {
  return { decision: 'uncertain', reason, criterion, exclusionReason: null, confidence: relevance, highlights, relevance };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function sameKind(found: DesignKind, named: DesignKind): boolean {
  return found === named || (found === 'observational' && OBSERVATIONAL_DESIGNS.includes(named as StudyDesign));
}

