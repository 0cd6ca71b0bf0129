// What the criteria compile to, for the researcher to check before a run: per PICO field and per
// include or exclude statement, the concepts it was split into, the words each matches (the
// researcher's own, then those the synonym list added), and how the field is used.
import { type Criteria, type StudyDesign, studyDesignLabels } from '../criteria.ts';
import { compileCriteria } from './compile.ts';
import type { AgeGroup, Concept, ConceptRole } from './concepts.ts';
import { type DesignKind, designPhrases } from './designs.ts';

export interface CriteriaPreviewTerm {
  text: string;
  /** Added from the synonym list (or, for a part like "drugs", a word of the same kind), not written by the researcher. */
  added: boolean;
}

export interface CriteriaPreviewConcept {
  label: string;
  /** Any one of these, not negated, is a match. */
  terms: CriteriaPreviewTerm[];
  /** Terms beside it under a broader one: a record about one of them instead is marked likely irrelevant. */
  siblings: string[];
  /** An age group that qualifies this concept only ("... in children"). */
  ageGroup: AgeGroup | null;
  /** Concepts that must all be present for this one to match ("drugs for ADHD": a drug word and ADHD). */
  allOf: CriteriaPreviewConcept[];
}

export interface CriteriaPreviewField {
  field: ConceptRole;
  /** The index of the include or exclude statement; null for a PICO field. */
  statement: number | null;
  text: string;
  /** What a match does to a record, in a sentence. */
  effect: string;
  concepts: CriteriaPreviewConcept[];
  /** Kinds of publication an exclusion statement names ("case reports"). */
  kinds: { kind: DesignKind; label: string }[];
}

export interface CriteriaPreview {
  fields: CriteriaPreviewField[];
  /** Age groups that limit the whole population ("adults with ..."). */
  ageGroups: AgeGroup[];
  designs: { design: StudyDesign; label: string }[];
}

const EFFECTS: Record<Exclude<ConceptRole, 'exclude'>, string> = {
  population: 'Any one concept counts. With the intervention it decides whether a record is included or likely relevant; a missing population never excludes.',
  intervention: 'Any one concept counts. With the population it decides whether a record is included or likely relevant; a missing intervention never excludes.',
  comparator: 'Marked in the record; does not change the decision.',
  outcomes: 'Stands in for the population or intervention when one is not given; otherwise it raises the relevance a little.',
  include: 'Marked in the record; does not change the decision.',
};
const EXCLUDE_PHRASE = 'Excludes a record whose title names this phrase, unless the title also names a population concept beside it; in the abstract only, it marks the record likely irrelevant.';
const EXCLUDE_KINDS = 'Excludes a record that clearly is one of these kinds of publication; trial wording outweighs a case-report, comment or review cue.';

function previewOf(concept: Concept): CriteriaPreviewConcept {
  return {
    label: concept.label,
    terms: concept.phrases.map((phrase, index) => ({ text: phrase.text, added: index >= concept.ownPhrases })),
    siblings: concept.siblings.map((phrase) => phrase.text),
    ageGroup: concept.ageGroup,
    allOf: concept.parts.map(previewOf),
  };
}

/** A preview of what each criterion will match, from the same compiled criteria the screener uses. */
export function describeCriteria(criteria: Criteria): CriteriaPreview {
  const compiled = compileCriteria(criteria);
  const fields: CriteriaPreviewField[] = (['population', 'intervention', 'comparator', 'outcomes'] as const).map((field) => ({
    field,
    statement: null,
    text: criteria[field],
    effect: EFFECTS[field],
    concepts: compiled.concepts[field].map(previewOf),
    kinds: [],
  }));
  criteria.include.forEach((text, statement) => {
    const concepts = compiled.concepts.include.filter((concept) => concept.statement === statement).map(previewOf);
    fields.push({ field: 'include', statement, text, effect: EFFECTS.include, concepts, kinds: [] });
  });
  criteria.exclude.forEach((text, statement) => {
    const concepts = compiled.concepts.exclude.filter((concept) => concept.statement === statement);
    const kinds = concepts.flatMap((concept) => (concept.designKind ? [{ kind: concept.designKind, label: designPhrases[concept.designKind] }] : []));
    const phrases = concepts.filter((concept) => !concept.designKind).map(previewOf);
    fields.push({ field: 'exclude', statement, text, effect: kinds.length > 0 ? EXCLUDE_KINDS : EXCLUDE_PHRASE, concepts: phrases, kinds });
  });
  return { fields, ageGroups: [...compiled.ageGroups], designs: criteria.designs.map((design) => ({ design, label: studyDesignLabels[design] })) };
}
