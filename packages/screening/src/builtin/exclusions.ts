// Exclusion statements as the researcher wrote them, each kept whole: one that names kinds of
// publication ("case reports and editorials") is matched against the record's design, anything
// else is one phrase ("pregnant women with hypertension", never "pregnant women" or
// "hypertension"), with synonyms only for a known term that is the whole phrase.
import { type Concept, conceptOf, trimFiller } from './concepts.ts';
import type { DesignKind } from './designs.ts';
import { stemOf, tokenize } from './tokens.ts';

/** The names of kinds of publication, as words after the filler below is dropped. */
const DESIGN_NAMES: readonly [string, DesignKind][] = [
  ['case report', 'case-report'],
  ['case study', 'case-report'],
  ['case series', 'case-series'],
  ['animal', 'animal'],
  ['animal model', 'animal'],
  ['animal experiment', 'animal'],
  ['preclinical', 'animal'],
  ['invitro', 'in-vitro'],
  ['laboratory', 'in-vitro'],
  ['systematic review', 'systematic-review'],
  ['metaanalysis', 'systematic-review'],
  ['review', 'narrative-review'],
  ['narrative review', 'narrative-review'],
  ['literature review', 'narrative-review'],
  ['editorial', 'editorial'],
  ['comment', 'comment'],
  ['commentary', 'comment'],
  ['letter', 'letter'],
  ['letter editor', 'letter'],
  ['erratum', 'erratum'],
  ['errata', 'erratum'],
  ['correction', 'erratum'],
  ['retraction', 'retraction'],
  ['protocol', 'protocol'],
  ['guideline', 'guideline'],
  ['consensus statement', 'guideline'],
  ['qualitative', 'qualitative'],
  ['crosssectional', 'cross-sectional'],
  ['casecontrol', 'case-control'],
  ['cohort', 'cohort'],
  ['observational', 'observational'],
  ['nonrandomized', 'non-randomised-trial'],
];
const DESIGN_FILLER = new Set(['study', 'studies', 'trial', 'trials', 'design', 'designs', 'publication', 'publications', 'article', 'articles', 'paper', 'papers', 'data', 'in', 'on', 'of', 'the', 'a', 'an', 'to', 'only', 'any', 'all']);

/** Hyphenated and spaced forms made one word, so "in-vitro" = "in vitro" and "meta-analyses" = "meta analysis". */
function designWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\bin[- ]vitro\b/g, 'invitro')
    .replace(/\bnon[- ]?randomi[sz]ed\b/g, 'nonrandomized')
    .replace(/\bmeta[- ]?analys[ie]s\b/g, 'metaanalysis')
    .replace(/\bcase[- ]control\b/g, 'casecontrol')
    .replace(/\bcross[- ]sectional\b/g, 'crosssectional')
    .replace(/\bpre[- ]?clinical\b/g, 'preclinical')
    .split(/[^a-z]+/)
    .filter((word) => word !== '' && !DESIGN_FILLER.has(word))
    .map(stemOf);
}

const designNames = new Map(DESIGN_NAMES.map(([name, kind]) => [designWords(name).join(' '), kind]));

/** The kind of publication a part of a statement names, when that is all it names. */
function designKindOf(part: string): DesignKind | null {
  return designNames.get(designWords(part).join(' ')) ?? null;
}

/** An exclusion statement as concepts: one per kind of publication it lists, or one phrase. */
export function exclusionConcepts(statement: string, index: number): Concept[] {
  const parts = statement.split(/[,;/]|\bor\b|\band\b/i).filter((part) => part.trim() !== '');
  const kinds = parts.map(designKindOf);
  if (kinds.length > 0 && kinds.every((kind) => kind !== null)) {
    return [...new Set(kinds)].map((designKind) => ({ role: 'exclude', label: statement, statement: index, phrases: [], ownPhrases: 0, terms: [], siblings: [], designKind, ageGroup: null, parts: [], near: [] }));
  }
  const tokens = tokenize(statement);
  const span = trimFiller(tokens, 0, tokens.length - 1);
  if (!span) return [];
  return [conceptOf('exclude', statement, tokens.slice(span[0], span[1] + 1), { statement: index, label: statement, synonyms: 'whole only' })];
}

/** The population concepts an exclusion shares a word with, or that it is a sibling of ("hip osteoarthritis" and "knee osteoarthritis"). */
export function nearConcepts(exclusion: Concept, population: readonly Concept[]): Concept[] {
  if (exclusion.designKind) return [];
  const own = new Set(exclusion.phrases.map((phrase) => phrase.keys.join(' ')));
  return population.filter(
    (concept) => concept.terms.some((term) => exclusion.terms.includes(term)) || concept.siblings.some((phrase) => own.has(phrase.keys.join(' '))),
  );
}
