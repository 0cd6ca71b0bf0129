// @sift/screening: literature records screened against a review's criteria (the built-in rules
// and an LLM over an OpenAI-compatible API), what the criteria compile to, the relevance ranking
// that learns from the researcher's decisions, the stopping test, the PRISMA 2020 diagram and RIS.
export { type Criteria, criteriaSchema, type StudyDesign, studyDesignLabels, studyDesigns } from './criteria.ts';
export { contentHash, type Decision, type Highlight, type ScreeningDecision, type ScreeningRecord, type Screener, type ScreenOptions } from './screener.ts';
export { checkHardCriteria, type HardCriterionFailure, lacksAbstract } from './hardCriteria.ts';
export { BUILTIN_SCREENER_NAME, createBuiltinScreener } from './builtin/screener.ts';
export { LIKELY_RELEVANT } from './builtin/decide.ts';
export { createLlmScreener, type LlmScreenerConfig } from './llm/screener.ts';
export { checkPrismaCounts, type PrismaCounts, renderPrismaSvg } from './prismaFlow.ts';
export { type RisExportRecord, risType, writeRis } from './ris.ts';
export {
  type CriteriaPreview,
  type CriteriaPreviewConcept,
  type CriteriaPreviewField,
  type CriteriaPreviewTerm,
  describeCriteria,
} from './builtin/describe.ts';
export { buildFeatures, type SparseVector, type TextFeatures, vectorizeText } from './ranking/features.ts';
export { decodeFeatures, encodeFeatures, featuresKey } from './ranking/featureBytes.ts';
export { criteriaText, type RankInput, type Ranking, rankRecords } from './ranking/rank.ts';
export { hypergeometricCdf } from './stopping/hypergeometric.ts';
export { randomSampleStillNeeded, type StoppingInput, type StoppingResult, stoppingTest } from './stopping/stoppingTest.ts';
export { type Agreement, cohensKappa } from './agreement/kappa.ts';
