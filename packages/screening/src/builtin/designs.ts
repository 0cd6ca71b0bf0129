// What kind of publication a record is, from its publication type, title and abstract: the study
// designs of the criteria plus the kinds that are no study at all (editorials, errata, narrative
// reviews, guidelines) and protocols. Each finding keeps the words that gave it away.
import type { StudyDesign } from '../criteria.ts';
import type { Highlight } from '../screener.ts';
import { type AnalysedField, type AnalysedRecord, highlightOf, textOf } from './analysis.ts';
import { makePhrase, PhraseIndex } from './phrases.ts';
import { isNegationCue, type Token } from './tokens.ts';

export type NoticeKind = 'editorial' | 'comment' | 'letter' | 'erratum' | 'retraction';
export type DesignKind = StudyDesign | 'observational' | 'narrative-review' | 'guideline' | 'protocol' | NoticeKind;

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

const NO = 0;
const HINT = 1;
const CLEAR = 2;
type Strength = typeof NO | typeof HINT | typeof CLEAR;

/** [phrase, kind, strength in a title, strength in an abstract]. Words are matched folded (US spelling), not stemmed. */
const CUES: readonly [string, DesignKind, Strength, Strength][] = [
  ['randomized', 'rct', CLEAR, CLEAR],
  ['randomization', 'rct', CLEAR, CLEAR],
  ['randomize', 'rct', CLEAR, CLEAR],
  ['randomizing', 'rct', CLEAR, CLEAR],
  ['randomly', 'rct', CLEAR, CLEAR],
  ['random allocation', 'rct', CLEAR, CLEAR],
  ['random assignment', 'rct', CLEAR, CLEAR],
  ['allocated at random', 'rct', CLEAR, CLEAR],
  ['assigned at random', 'rct', CLEAR, CLEAR],
  ['RCT', 'rct', CLEAR, CLEAR],
  ['RCTs', 'rct', CLEAR, CLEAR],
  ['随机', 'rct', CLEAR, CLEAR],
  ['placebo', 'rct', HINT, HINT],
  ['double-blind', 'rct', HINT, HINT],
  ['double-blinded', 'rct', HINT, HINT],
  ['double-masked', 'rct', HINT, HINT],
  ['triple-blind', 'rct', HINT, HINT],
  ['single-blind', 'rct', HINT, HINT],
  ['sham-controlled', 'rct', HINT, HINT],
  ['quasi-experimental', 'non-randomised-trial', CLEAR, CLEAR],
  ['quasi-randomized', 'non-randomised-trial', CLEAR, CLEAR],
  ['single-arm', 'non-randomised-trial', CLEAR, CLEAR],
  ['controlled before-after', 'non-randomised-trial', CLEAR, CLEAR],
  ['before-and-after study', 'non-randomised-trial', CLEAR, CLEAR],
  ['pre-post study', 'non-randomised-trial', CLEAR, CLEAR],
  ['historical controls', 'non-randomised-trial', CLEAR, CLEAR],
  ['uncontrolled trial', 'non-randomised-trial', CLEAR, CLEAR],
  ['cohort study', 'cohort', CLEAR, CLEAR],
  ['cohort studies', 'cohort', CLEAR, CLEAR],
  ['prospective cohort', 'cohort', CLEAR, CLEAR],
  ['retrospective cohort', 'cohort', CLEAR, CLEAR],
  ['population-based cohort', 'cohort', CLEAR, CLEAR],
  ['nationwide cohort', 'cohort', CLEAR, CLEAR],
  ['longitudinal cohort', 'cohort', CLEAR, CLEAR],
  ['birth cohort', 'cohort', CLEAR, CLEAR],
  ['registry-based', 'cohort', CLEAR, CLEAR],
  ['register-based', 'cohort', CLEAR, CLEAR],
  ['registry study', 'cohort', CLEAR, CLEAR],
  ['propensity score', 'cohort', CLEAR, CLEAR],
  ['propensity-matched', 'cohort', CLEAR, CLEAR],
  ['propensity score-matched', 'cohort', CLEAR, CLEAR],
  ['real-world', 'observational', CLEAR, CLEAR],
  ['claims database', 'cohort', CLEAR, CLEAR],
  ['claims data', 'cohort', CLEAR, CLEAR],
  ['electronic health records', 'cohort', HINT, HINT],
  ['retrospective study', 'observational', CLEAR, CLEAR],
  ['retrospective analysis', 'observational', CLEAR, CLEAR],
  ['retrospectively analyzed', 'observational', CLEAR, CLEAR],
  ['retrospectively', 'observational', HINT, HINT],
  ['observational study', 'observational', CLEAR, CLEAR],
  ['observational', 'observational', CLEAR, HINT],
  ['队列研究', 'cohort', CLEAR, CLEAR],
  ['case-control', 'case-control', CLEAR, CLEAR],
  ['case control study', 'case-control', CLEAR, CLEAR],
  ['病例对照', 'case-control', CLEAR, CLEAR],
  ['cross-sectional', 'cross-sectional', CLEAR, CLEAR],
  ['prevalence study', 'cross-sectional', CLEAR, CLEAR],
  ['questionnaire survey', 'cross-sectional', CLEAR, CLEAR],
  ['online survey', 'cross-sectional', CLEAR, CLEAR],
  ['survey', 'cross-sectional', HINT, HINT],
  ['横断面', 'cross-sectional', CLEAR, CLEAR],
  ['case series', 'case-series', CLEAR, CLEAR],
  ['chart review', 'case-series', CLEAR, CLEAR],
  ['consecutive patients', 'case-series', HINT, HINT],
  ['case report', 'case-report', CLEAR, CLEAR],
  ['case reports', 'case-report', CLEAR, CLEAR],
  ['a case of', 'case-report', CLEAR, NO],
  ['report of a case', 'case-report', CLEAR, CLEAR],
  ['we report a case', 'case-report', CLEAR, CLEAR],
  ['we present a case', 'case-report', CLEAR, CLEAR],
  ['we describe a case', 'case-report', CLEAR, CLEAR],
  ['we report a patient', 'case-report', CLEAR, CLEAR],
  ['we describe a patient', 'case-report', CLEAR, CLEAR],
  ['we report the case', 'case-report', CLEAR, CLEAR],
  ['we present the case', 'case-report', CLEAR, CLEAR],
  ['year-old man', 'case-report', CLEAR, CLEAR],
  ['year-old woman', 'case-report', CLEAR, CLEAR],
  ['year-old male', 'case-report', CLEAR, CLEAR],
  ['year-old female', 'case-report', CLEAR, CLEAR],
  ['year-old boy', 'case-report', CLEAR, CLEAR],
  ['year-old girl', 'case-report', CLEAR, CLEAR],
  ['year-old patient', 'case-report', CLEAR, CLEAR],
  ['病例报告', 'case-report', CLEAR, CLEAR],
  ['个案报道', 'case-report', CLEAR, CLEAR],
  ['qualitative', 'qualitative', CLEAR, CLEAR],
  ['semi-structured interviews', 'qualitative', CLEAR, CLEAR],
  ['semistructured interviews', 'qualitative', CLEAR, CLEAR],
  ['in-depth interviews', 'qualitative', CLEAR, CLEAR],
  ['focus groups', 'qualitative', CLEAR, CLEAR],
  ['focus group', 'qualitative', CLEAR, CLEAR],
  ['thematic analysis', 'qualitative', CLEAR, CLEAR],
  ['grounded theory', 'qualitative', CLEAR, CLEAR],
  ['phenomenological', 'qualitative', CLEAR, CLEAR],
  ['systematic review', 'systematic-review', CLEAR, HINT],
  ['systematic reviews', 'systematic-review', CLEAR, HINT],
  ['systematic literature review', 'systematic-review', CLEAR, HINT],
  ['meta-analysis', 'systematic-review', CLEAR, HINT],
  ['meta analysis', 'systematic-review', CLEAR, HINT],
  ['metaanalysis', 'systematic-review', CLEAR, HINT],
  ['meta-analyses', 'systematic-review', CLEAR, HINT],
  ['meta-regression', 'systematic-review', CLEAR, HINT],
  ['umbrella review', 'systematic-review', CLEAR, CLEAR],
  ['scoping review', 'systematic-review', CLEAR, CLEAR],
  ['rapid review', 'systematic-review', CLEAR, CLEAR],
  ['pooled analysis', 'systematic-review', HINT, HINT],
  ['we searched', 'systematic-review', NO, CLEAR],
  ['were searched', 'systematic-review', NO, CLEAR],
  ['systematically searched', 'systematic-review', NO, CLEAR],
  ['systematic search', 'systematic-review', NO, CLEAR],
  ['literature search', 'systematic-review', NO, CLEAR],
  ['electronic databases', 'systematic-review', NO, CLEAR],
  ['searched MEDLINE', 'systematic-review', NO, CLEAR],
  ['searched PubMed', 'systematic-review', NO, CLEAR],
  ['PRISMA', 'systematic-review', CLEAR, CLEAR],
  ['系统评价', 'systematic-review', CLEAR, CLEAR],
  ['荟萃分析', 'systematic-review', CLEAR, CLEAR],
  ['meta分析', 'systematic-review', CLEAR, CLEAR],
  ['narrative review', 'narrative-review', CLEAR, CLEAR],
  ['literature review', 'narrative-review', CLEAR, HINT],
  ['review of the literature', 'narrative-review', CLEAR, HINT],
  ['state-of-the-art review', 'narrative-review', CLEAR, CLEAR],
  ['mini-review', 'narrative-review', CLEAR, CLEAR],
  ['minireview', 'narrative-review', CLEAR, CLEAR],
  ['review', 'narrative-review', CLEAR, NO],
  ['overview', 'narrative-review', CLEAR, NO],
  ['an update', 'narrative-review', CLEAR, NO],
  ['this review', 'narrative-review', NO, CLEAR],
  ['in this review', 'narrative-review', NO, CLEAR],
  ['this narrative review', 'narrative-review', NO, CLEAR],
  ['this article reviews', 'narrative-review', NO, CLEAR],
  ['综述', 'narrative-review', CLEAR, CLEAR],
  ['practice guideline', 'guideline', CLEAR, CLEAR],
  ['clinical guideline', 'guideline', CLEAR, CLEAR],
  ['clinical practice guidelines', 'guideline', CLEAR, CLEAR],
  ['consensus statement', 'guideline', CLEAR, CLEAR],
  ['position statement', 'guideline', CLEAR, CLEAR],
  ['expert consensus', 'guideline', CLEAR, CLEAR],
  ['指南', 'guideline', CLEAR, NO],
  ['共识', 'guideline', CLEAR, NO],
  ['protocol', 'protocol', CLEAR, NO],
  ['study protocol', 'protocol', CLEAR, CLEAR],
  ['trial protocol', 'protocol', CLEAR, CLEAR],
  ['this protocol', 'protocol', CLEAR, CLEAR],
  ['rationale and design', 'protocol', CLEAR, CLEAR],
  ['design and rationale', 'protocol', CLEAR, CLEAR],
  ['statistical analysis plan', 'protocol', CLEAR, CLEAR],
  ['will be randomized', 'protocol', CLEAR, CLEAR],
  ['will be randomly', 'protocol', CLEAR, CLEAR],
  ['will be recruited', 'protocol', CLEAR, CLEAR],
  ['mice', 'animal', CLEAR, HINT],
  ['mouse', 'animal', CLEAR, HINT],
  ['murine', 'animal', CLEAR, HINT],
  ['rat', 'animal', CLEAR, HINT],
  ['rats', 'animal', CLEAR, HINT],
  ['rodent', 'animal', CLEAR, HINT],
  ['rodents', 'animal', CLEAR, HINT],
  ['porcine', 'animal', CLEAR, HINT],
  ['pigs', 'animal', CLEAR, HINT],
  ['piglets', 'animal', CLEAR, HINT],
  ['swine', 'animal', CLEAR, HINT],
  ['canine', 'animal', CLEAR, HINT],
  ['dogs', 'animal', CLEAR, HINT],
  ['rabbits', 'animal', CLEAR, HINT],
  ['rabbit', 'animal', CLEAR, HINT],
  ['zebrafish', 'animal', CLEAR, HINT],
  ['primates', 'animal', CLEAR, HINT],
  ['macaques', 'animal', CLEAR, HINT],
  ['monkeys', 'animal', CLEAR, HINT],
  ['sheep', 'animal', CLEAR, HINT],
  ['ovine', 'animal', CLEAR, HINT],
  ['bovine', 'animal', CLEAR, HINT],
  ['equine', 'animal', CLEAR, HINT],
  ['animal model', 'animal', CLEAR, HINT],
  ['animal models', 'animal', CLEAR, HINT],
  ['Wistar', 'animal', CLEAR, HINT],
  ['Sprague-Dawley', 'animal', CLEAR, HINT],
  ['C57BL', 'animal', CLEAR, HINT],
  ['db/db', 'animal', CLEAR, HINT],
  ['streptozotocin', 'animal', CLEAR, HINT],
  ['小鼠', 'animal', CLEAR, HINT],
  ['大鼠', 'animal', CLEAR, HINT],
  ['in vitro', 'in-vitro', CLEAR, HINT],
  ['cell line', 'in-vitro', CLEAR, HINT],
  ['cell lines', 'in-vitro', CLEAR, HINT],
  ['cultured cells', 'in-vitro', CLEAR, HINT],
  ['cell culture', 'in-vitro', CLEAR, HINT],
  ['organoids', 'in-vitro', CLEAR, HINT],
  ['体外', 'in-vitro', CLEAR, HINT],
];

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

/** "randomly selected" is sampling, "Mendelian randomization" is genetics, "in vitro fertilisation" is treatment. */
const NOT_A_TRIAL_AFTER = new Set(['selected', 'sampled', 'chosen', 'drawn', 'generated', 'effects', 'effect', 'sample', 'samples', 'sampling']);
const NOT_A_TRIAL_BEFORE = new Set(['mendelian']);
const NOT_IN_VITRO_AFTER = new Set(['fertilization', 'fertilized', 'maturation']);

/** Words of people: an abstract that names them is not about animals or cells alone. */
const HUMAN_STEMS = new Set(['patient', 'participant', 'adult', 'man', 'woman', 'child', 'volunteer', 'people', 'person', 'human', 'infant', '患', '者']);

/** Notices, told by the first words of the title. */
const TITLE_OPENINGS: readonly [RegExp, NoticeKind][] = [
  [/^\W*(?:erratum|corrigendum|correction to\b|correction:|author correction|publisher correction)/i, 'erratum'],
  [/^\W*(?:retraction(?: notice| note)?\s*:|retraction of\b|notice of retraction|expression of concern)/i, 'retraction'],
  [/^\W*(?:comments? on\b|commentary\b|re:|response to\b|reply\b|in reply\b|authors?'? reply)/i, 'comment'],
  [/^\W*(?:letter to the editor|letter\b|correspondence\b)/i, 'letter'],
  [/^\W*editorial\b/i, 'editorial'],
];

/** The letters every notice opening starts with (after punctuation): most titles skip the patterns. */
const MAY_OPEN_A_NOTICE = /^\W*[acehilpr]/i;

/** Publication types (MEDLINE, Embase, RIS work types); most specific first. */
const PUBLICATION_TYPES: readonly [RegExp, DesignKind, boolean][] = [
  [/randomi[sz]ed controlled trial|randomi[sz]ed clinical trial/i, 'rct', true],
  [/systematic review|meta-analysis/i, 'systematic-review', true],
  [/case reports?\b/i, 'case-report', true],
  [/published erratum|erratum|correction/i, 'erratum', true],
  [/retraction of publication|retraction notice/i, 'retraction', true],
  [/editorial/i, 'editorial', true],
  [/comment/i, 'comment', true],
  [/letter/i, 'letter', true],
  [/guideline|consensus development conference/i, 'guideline', true],
  [/observational study/i, 'observational', true],
  [/\breview\b/i, 'narrative-review', true],
  [/clinical trial protocol/i, 'protocol', true],
  [/controlled clinical trial|clinical trial/i, 'rct', false],
];

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
  return found;
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
