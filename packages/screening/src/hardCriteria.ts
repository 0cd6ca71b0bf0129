// The criteria that exclude a record whatever its topic, because the record itself settles them:
// the year range, the languages, and a kind of publication it states that the criteria cannot
// want (an erratum, a case report or an animal study when the review wants trials). These alone
// may exclude a record without an abstract; every screener, the LLM one included, applies them first.
import { analyseRecord } from './builtin/analysis.ts';
import { type CompiledCriteria, compileCriteria } from './builtin/compile.ts';
import { type DesignEvidence, type DesignKind, designPhrases, detectDesigns, type NoticeKind, rulesOut } from './builtin/designs.ts';
import { recordLanguages, titleLanguage } from './builtin/languages.ts';
import type { Criteria, StudyDesign } from './criteria.ts';
import type { Highlight, ScreeningRecord } from './screener.ts';

export interface HardCriterionFailure {
  /** "year", "language", "design" or "exclusion: <statement>". */
  criterion: string;
  exclusionReason: string;
  reason: string;
  confidence: number;
  highlights: Highlight[];
}

/** Why the record fails a hard criterion, or null when it passes them all. */
export function checkHardCriteria(record: ScreeningRecord, criteria: Criteria): HardCriterionFailure | null {
  const compiled = compileCriteria(criteria);
  return limitFailure(record, compiled) ?? designFailure(detectDesigns(analyseRecord(record)), compiled);
}

/** True when a record has no abstract to screen: then only a hard criterion may exclude it. */
export function lacksAbstract(record: ScreeningRecord): boolean {
  return record.abstract === null || record.abstract.trim() === '';
}

/** The year and language limits: checked before a record's text is read at all. */
export function limitFailure(record: ScreeningRecord, criteria: CompiledCriteria): HardCriterionFailure | null {
  return yearFailure(record.year, criteria) ?? languageFailure(record, criteria);
}

function yearFailure(year: number | null, { yearFrom, yearTo }: CompiledCriteria): HardCriterionFailure | null {
  if (year === null || ((yearFrom === null || year >= yearFrom) && (yearTo === null || year <= yearTo))) return null;
  const range = yearFrom !== null && yearTo !== null ? `${yearFrom} to ${yearTo}` : yearFrom !== null ? `${yearFrom} or later` : `${yearTo} or earlier`;
  return {
    criterion: 'year',
    exclusionReason: 'outside the year range',
    reason: `Excluded: published in ${year}; the criteria ask for ${range}.`,
    confidence: 0.99,
    highlights: [],
  };
}

function languageFailure(record: ScreeningRecord, { languages }: CompiledCriteria): HardCriterionFailure | null {
  if (languages.size === 0) return null;
  const stated = recordLanguages(record.language);
  const wanted = [...languages].map(capitalise).join(' or ');
  if (stated.length > 0) {
    if (stated.some((language) => languages.has(language))) return null;
    return {
      criterion: 'language',
      exclusionReason: 'language',
      reason: `Excluded: written in ${stated.map(capitalise).join(' and ')}; the criteria ask for ${wanted}.`,
      confidence: 0.95,
      highlights: [],
    };
  }
  const inferred = titleLanguage(record.title);
  if (inferred === null || languages.has(inferred)) return null;
  return {
    criterion: 'language',
    exclusionReason: 'language',
    reason: `Excluded: the title is in ${capitalise(inferred)} and no language is given; the criteria ask for ${wanted}.`,
    confidence: 0.8,
    highlights: record.title ? [{ field: 'title', start: 0, end: record.title.length }] : [],
  };
}

const NOTICES = new Set<DesignKind>(['erratum', 'retraction', 'editorial', 'comment'] satisfies NoticeKind[]);
/** Kinds a record may be excluded for before its topic is read, in the order a reason prefers. */
const HARD_KINDS: readonly DesignKind[] = ['erratum', 'retraction', 'editorial', 'comment', 'letter', 'guideline', 'systematic-review', 'narrative-review', 'case-report', 'animal', 'in-vitro'];
const NOT_PRIMARY = new Set<DesignKind>(['erratum', 'retraction', 'editorial', 'comment', 'letter', 'guideline', 'systematic-review', 'narrative-review']);

/**
 * A kind of publication the record states outright (its publication type, its title's first
 * words, or clear wording not outweighed by trial wording) that is no study at all, that an
 * exclusion statement names, or that cannot be any design the criteria ask for.
 */
export function designFailure(designs: readonly DesignEvidence[], criteria: CompiledCriteria): HardCriterionFailure | null {
  for (const kind of HARD_KINDS) {
    const evidence = designs.find((item) => item.kind === kind && item.clear);
    if (!evidence) continue;
    const statement = criteria.concepts.exclude.find((concept) => concept.designKind === kind);
    const said = evidence.source === 'publication type' ? `its publication type is "${evidence.text}"` : `the ${evidence.source} says "${evidence.text}"`;
    const highlights = evidence.highlight ? [evidence.highlight] : [];
    if (statement) {
      return { criterion: `exclusion: ${statement.label}`, exclusionReason: 'exclusion criterion', reason: `Excluded: ${designPhrases[kind]} (${said}); the criteria exclude ${statement.label}.`, confidence: 0.9, highlights };
    }
    if (NOTICES.has(kind) || (criteria.designs.size > 0 && rulesOut(kind, criteria.designs))) {
      const wanted = criteria.designs.size > 0 ? `the criteria ask for ${designList(criteria.designs)}` : 'it reports no study';
      return {
        criterion: 'design',
        exclusionReason: NOT_PRIMARY.has(kind) ? 'not a primary study' : 'wrong study design',
        reason: `Excluded: ${designPhrases[kind]} (${said}); ${wanted}.`,
        confidence: evidence.source === 'abstract' ? 0.85 : 0.93,
        highlights,
      };
    }
  }
  return null;
}

const DESIGN_PLURALS: Record<StudyDesign, string> = {
  rct: 'randomised controlled trials',
  'non-randomised-trial': 'non-randomised trials',
  cohort: 'cohort studies',
  'case-control': 'case-control studies',
  'cross-sectional': 'cross-sectional studies',
  'case-series': 'case series',
  'case-report': 'case reports',
  qualitative: 'qualitative studies',
  'systematic-review': 'systematic reviews',
  animal: 'animal studies',
  'in-vitro': 'in-vitro studies',
};

/** "randomised controlled trials or cohort studies" */
export function designList(designs: ReadonlySet<StudyDesign>): string {
  const names = [...designs].map((design) => DESIGN_PLURALS[design]);
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
