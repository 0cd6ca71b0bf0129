// What kind of publication a record is, from its publication type, title and abstract: the study
// designs of the criteria plus the kinds that are no study at all (editorials, errata, narrative
// reviews, guidelines) and protocols. Each finding keeps the words that gave it away, and says
// which designs the record may then still be, so only a finding that rules out every design asked
// for can exclude.
import { type StudyDesign, studyDesigns } from '../criteria.ts';
import type { Highlight } from '../screener.ts';
import { type AnalysedField, type AnalysedRecord, highlightOf, textOf } from './analysis.ts';
import {
  CLEAR, CUES, type DesignKind, HUMAN_STEMS, MAY_OPEN_A_NOTICE, NO, NOT_A_TRIAL_AFTER, NOT_A_TRIAL_BEFORE, NOT_IN_VITRO_AFTER, PUBLICATION_TYPES, type Strength, TITLE_OPENINGS,
} from './designCues.ts';
import { makePhrase, PhraseIndex } from './phrases.ts';
import { isNegationCue, type Token } from './tokens.ts';

export type { DesignKind, NoticeKind } from './designCues.ts';

export interface DesignEvidence {
  kind: DesignKind;
  /** The record states it outright; a hint ("placebo", "mice" once in an abstract) is not enough to exclude on. */
  clear: boolean;
  source: 'publication type' | 'title' | 'abstract';
  /** The words as written (or the publication type). */
  text: string;
  highlight: Highlight | null;
}

/** How a reason names each kind: "Excluded: a case report; ...". */
export const designPhrases: Record<DesignKind, string> = {
  rct: 'a randomised controlled trial',
  'non-randomised-trial': 'a non-randomised trial',
  cohort: 'a cohort study',
  'case-control': 'a case-control study',
  'cross-sectional': 'a cross-sectional study',
  'case-series': 'a case series',
  'case-report': 'a case report',
  qualitative: 'a qualitative study',
  'systematic-review': 'a systematic review or meta-analysis',
  animal: 'an animal study',
  'in-vitro': 'a laboratory (in-vitro) study',
  observational: 'an observational study',
  'narrative-review': 'a narrative review',
  guideline: 'a guideline or consensus statement',
  protocol: 'a study protocol',
  editorial: 'an editorial',
  comment: 'a comment',
  letter: 'a letter',
  erratum: 'an erratum',
  retraction: 'a retraction notice',
};

/** The criteria designs an observational study may be. */
export const OBSERVATIONAL_DESIGNS: readonly StudyDesign[] = ['cohort', 'case-control', 'cross-sectional'];

/**
 * The designs a record may still be when it names a kind. Authors use the observational labels
 * loosely for one another (a "case series" with a comparison is a cohort, a "cross-sectional"
 * analysis may be a cohort's baseline; Dekkers et al. 2012, Ann Intern Med 156:37), so within
 * that family a label rules nothing out. A letter is a format, not a design: it may report any
 * study. A "review" may be systematic unless it says it is not.
 */
const OBSERVATIONAL_FAMILY: readonly StudyDesign[] = [...OBSERVATIONAL_DESIGNS, 'case-series'];
const MAY_BE: Record<DesignKind, readonly StudyDesign[]> = {
  rct: ['rct'],
  'non-randomised-trial': ['non-randomised-trial'],
  cohort: OBSERVATIONAL_FAMILY,
  'case-control': OBSERVATIONAL_FAMILY,
  'cross-sectional': OBSERVATIONAL_FAMILY,
  'case-series': OBSERVATIONAL_FAMILY,
  observational: OBSERVATIONAL_FAMILY,
  'case-report': ['case-report', 'case-series'],
  qualitative: ['qualitative'],
  'systematic-review': ['systematic-review'],
  'narrative-review': ['systematic-review'],
  animal: ['animal'],
  'in-vitro': ['in-vitro'],
  letter: studyDesigns,
  protocol: studyDesigns,
  guideline: [],
  editorial: [],
  comment: [],
  erratum: [],
  retraction: [],
};

/** True when a record of this kind cannot be any of the designs asked for. */
export function rulesOut(kind: DesignKind, wanted: ReadonlySet<StudyDesign>): boolean {
  return !MAY_BE[kind].some((design) => wanted.has(design));
}

/** The criteria designs a finding states ("observational" may be any of three; an editorial none). */
export function designsOf(kind: DesignKind): readonly StudyDesign[] {
  if (kind === 'observational') return OBSERVATIONAL_DESIGNS;
  return (studyDesigns as readonly string[]).includes(kind) ? [kind as StudyDesign] : [];
}

export type DesignVerdict =
  | { status: 'any' | 'unknown' }
  /** `near`: a clear design that is not asked for but that authors use loosely for one that is. */
  | { status: 'match' | 'mismatch' | 'near' | 'protocol'; evidence: DesignEvidence };

/** How the record's design compares with the designs asked for; evidence of an asked design wins. */
export function designVerdict(designs: readonly DesignEvidence[], wanted: ReadonlySet<StudyDesign>): DesignVerdict {
  const protocol = designs.find((item) => item.kind === 'protocol' && item.clear);
  if (protocol) return { status: 'protocol', evidence: protocol };
  if (wanted.size === 0) return { status: 'any' };
  const fits = (item: DesignEvidence) => designsOf(item.kind).some((design) => wanted.has(design));
  const clearFit = designs.find((item) => item.clear && fits(item));
  if (clearFit) return { status: 'match', evidence: clearFit };
  const clearOther = designs.filter((item) => item.clear && designsOf(item.kind).length > 0);
  const ruledOut = clearOther.find((item) => rulesOut(item.kind, wanted));
  if (ruledOut) return { status: 'mismatch', evidence: ruledOut };
  const hintFit = designs.find((item) => fits(item));
  if (hintFit) return { status: 'match', evidence: hintFit };
  return clearOther[0] ? { status: 'near', evidence: clearOther[0] } : { status: 'unknown' };
}


interface Cue {
  kind: DesignKind;
  strength: Strength;
}

/** One index for titles, one for abstracts, each with only the cues that count there. */
const titleCues = new PhraseIndex<Cue>('word');
const abstractCues = new PhraseIndex<Cue>('word');
for (const [phrase, kind, title, abstract] of CUES) {
  const cue = { ...makePhrase(phrase, 'word'), exactCase: false };
  if (title !== NO) titleCues.add(cue, { kind, strength: title });
  if (abstract !== NO) abstractCues.add(cue, { kind, strength: abstract });
}

/** Exports repeat a handful of publication types: each is read once. */
const publicationKindsCache = new Map<string, { kind: DesignKind; clear: boolean }[]>();
const PUBLICATION_KINDS_CACHE_LIMIT = 1000;

function publicationKinds(publicationType: string): { kind: DesignKind; clear: boolean }[] {
  let kinds = publicationKindsCache.get(publicationType);
  if (!kinds) {
    kinds = [];
    for (const [pattern, kind, clear] of PUBLICATION_TYPES) {
      // "Review; Systematic Review" is a systematic review, not also a narrative one.
      if (kind === 'narrative-review' && kinds.some((item) => item.kind === 'systematic-review')) continue;
      if (pattern.test(publicationType)) kinds.push({ kind, clear });
    }
    if (publicationKindsCache.size >= PUBLICATION_KINDS_CACHE_LIMIT) publicationKindsCache.clear();
    publicationKindsCache.set(publicationType, kinds);
  }
  return kinds;
}

export function detectDesigns(analysed: AnalysedRecord): DesignEvidence[] {
  const found: DesignEvidence[] = [];
  const { publicationType } = analysed.record;
  if (publicationType) {
    for (const { kind, clear } of publicationKinds(publicationType)) found.push({ kind, clear, source: 'publication type', text: publicationType, highlight: null });
  }
  if (analysed.title && MAY_OPEN_A_NOTICE.test(analysed.title.text)) {
    for (const [pattern, kind] of TITLE_OPENINGS) {
      const match = pattern.exec(analysed.title.text);
      if (match) {
        const start = match[0].length - match[0].trimStart().replace(/^\W*/, '').length;
        found.push({ kind, clear: true, source: 'title', text: match[0].slice(start), highlight: { field: 'title', start, end: match[0].length } });
      }
    }
  }
  if (analysed.title) {
    scanCues(analysed.title, found);
    dropReviewWordsOfPrimaryStudies(found);
  }
  if (analysed.abstract) {
    const before = found.length;
    scanCues(analysed.abstract, found);
    confirmLaboratoryStudies(analysed.abstract, found, before);
  }
  return settleConflicts(found);
}

/** Cues that trial wording in the title or abstract outweighs: a trial is no case report, comment or narrative review. */
const OUTWEIGHED_BY_A_TRIAL = new Set<DesignKind>(['case-report', 'comment', 'narrative-review']);

/**
 * Where the record's own words disagree, the stronger statement wins. Trial wording ("randomised",
 * "double-blind", "placebo-controlled", "crossover trial") leaves a case-report, comment or review
 * cue of the title or abstract a hint only (the abstract of a crossover trial may cite "case
 * reports"). A title or publication type saying systematic review or meta-analysis drops every
 * narrative-review cue. A publication type is the record's own metadata and is not outweighed.
 */
function settleConflicts(found: DesignEvidence[]): DesignEvidence[] {
  const trialWording = found.some((item) => item.kind === 'rct' && item.source !== 'publication type');
  const systematic = found.some((item) => item.kind === 'systematic-review' && item.clear && item.source !== 'abstract');
  const settled = systematic ? found.filter((item) => item.kind !== 'narrative-review') : found;
  if (trialWording) for (const item of settled) if (item.source !== 'publication type' && OUTWEIGHED_BY_A_TRIAL.has(item.kind)) item.clear = false;
  return settled;
}

function scanCues(field: AnalysedField, found: DesignEvidence[]): void {
  const inTitle = field.field === 'title';
  const { tokens } = field;
  (inTitle ? titleCues : abstractCues).scan(tokens, field.text, (hit) => {
    const { strength } = hit.payload;
    let kind = hit.payload.kind;
    const next = tokens[hit.last + 1]?.word;
    const previous = tokens[hit.first - 1]?.word;
    if (kind === 'rct') {
      if ((next !== undefined && NOT_A_TRIAL_AFTER.has(next)) || (previous !== undefined && NOT_A_TRIAL_BEFORE.has(previous))) return;
      // "non-randomised", "not randomised", "without randomisation": a trial, but not a randomised one.
      if (hit.negated) {
        kind = 'non-randomised-trial';
        const cue = negationCueBefore(tokens, hit.first);
        if (cue >= 0) found.push(evidenceOf(kind, CLEAR, field, cue, hit.last));
        return;
      }
    } else if (hit.negated) {
      return;
    }
    if (kind === 'in-vitro' && next !== undefined && NOT_IN_VITRO_AFTER.has(next)) return;
    if (kind === 'narrative-review' && inTitle && previous !== undefined && /^(?:systematic|scoping|umbrella|rapid|chart|record|records|retrospective|peer|cochrane|medical)$/.test(previous)) return;
    found.push(evidenceOf(kind, strength, field, hit.first, hit.last));
  });
}

function evidenceOf(kind: DesignKind, strength: Strength, field: AnalysedField, first: number, last: number): DesignEvidence {
  return { kind, clear: strength === CLEAR, source: field.field === 'title' ? 'title' : 'abstract', text: textOf(field, first, last), highlight: highlightOf(field, first, last) };
}

/** The index of the negation word governing the token at `index` ("non" in "non-randomised"), or -1. */
function negationCueBefore(tokens: readonly Token[], index: number): number {
  for (let i = index - 1; i >= 0 && i >= index - 6; i--) if (isNegationCue((tokens[i] as Token).word)) return i;
  return -1;
}

/** Animal or cell words in an abstract are clear only when repeated and no people are studied. */
function confirmLaboratoryStudies(abstract: AnalysedField, found: DesignEvidence[], from: number): void {
  const counts = { animal: 0, 'in-vitro': 0 };
  for (let i = from; i < found.length; i++) {
    const kind = (found[i] as DesignEvidence).kind;
    if (kind === 'animal' || kind === 'in-vitro') counts[kind]++;
  }
  if (counts.animal + counts['in-vitro'] < 2 || abstract.tokens.some((token: Token) => !token.negated && HUMAN_STEMS.has(token.stem))) return;
  for (let i = from; i < found.length; i++) {
    const evidence = found[i] as DesignEvidence;
    if (evidence.kind === 'animal' || evidence.kind === 'in-vitro') evidence.clear = true;
  }
}

const PRIMARY_STUDIES = new Set<DesignKind>(['rct', 'non-randomised-trial', 'cohort', 'case-control', 'cross-sectional', 'observational', 'qualitative', 'case-series']);
const BARE_REVIEW_WORDS = /^(?:review|overview|an update)$/i;

/** "Medication review by pharmacists: a randomised trial": the title's "review" is the intervention. */
function dropReviewWordsOfPrimaryStudies(found: DesignEvidence[]): void {
  const primary = found.some((evidence) => evidence.source === 'title' && evidence.clear && PRIMARY_STUDIES.has(evidence.kind));
  if (!primary) return;
  for (let i = found.length - 1; i >= 0; i--) {
    const evidence = found[i] as DesignEvidence;
    if (evidence.source === 'title' && evidence.kind === 'narrative-review' && BARE_REVIEW_WORDS.test(evidence.text)) found.splice(i, 1);
  }
}
