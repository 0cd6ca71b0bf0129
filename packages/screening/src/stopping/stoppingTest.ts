// When screening may stop with a known recall: the hypergeometric test of Callaghan & Müller-Hansen
// 2020 ("Statistical stopping criteria for automated screening in systematic reviews", Syst Rev
// 9:182). After screening in ranked order, the researcher screens a random sample of the records
// left; H0 "recall is below the target" is rejected when so few includes in the sample are unlikely.
import { hypergeometricCdf } from './hypergeometric.ts';

export interface StoppingInput {
  totalRecords: number;
  /** Records screened in ranked order before the random sample began. */
  screenedInRankOrder: number;
  /** Includes found in those records (not counting the sample). */
  includesFound: number;
  /** Records of the random sample screened so far, drawn from the records left after the ranked ones. */
  sampleSize: number;
  includesInSample: number;
  /** Default 0.95. */
  recallTarget?: number;
  /** Default 0.95: stop when p < 1 − confidence. */
  confidence?: number;
}

export interface StoppingResult {
  /** The largest probability, under H0, of a sample with this few includes. */
  pValue: number;
  canStop: boolean;
  /** Includes expected among the records neither ranked nor sampled (sample rate × their number); null before any sample. */
  estimatedIncludesRemaining: number | null;
  /** The recall that holds at the given confidence: includes found ÷ (those + the most the unsampled records can hide). */
  recallLowerBound: number;
}

function validated(input: StoppingInput): Required<StoppingInput> {
  const filled = { recallTarget: 0.95, confidence: 0.95, ...input };
  const counts = [filled.totalRecords, filled.screenedInRankOrder, filled.includesFound, filled.sampleSize, filled.includesInSample];
  if (counts.some((count) => !Number.isSafeInteger(count) || count < 0)) throw new RangeError('record and include counts must be whole numbers of at least 0');
  if (filled.screenedInRankOrder + filled.sampleSize > filled.totalRecords) throw new RangeError('the ranked and sampled records cannot outnumber the records');
  if (filled.includesFound > filled.screenedInRankOrder || filled.includesInSample > filled.sampleSize) throw new RangeError('includes cannot outnumber the records they were found in');
  if (!(filled.recallTarget > 0 && filled.recallTarget < 1) || !(filled.confidence > 0 && filled.confidence < 1)) throw new RangeError('recallTarget and confidence must lie strictly between 0 and 1');
  return filled;
}

/**
 * The smallest number of includes among the records left after ranked screening (the urn) for which
 * recall would miss the target: found / (rankedIncludes + urnIncludes) < target.
 */
function smallestMissingUrnIncludes(rankedIncludes: number, found: number, target: number): number {
  return Math.floor(found / target - rankedIncludes) + 1;
}

export function stoppingTest(input: StoppingInput): StoppingResult {
  const { totalRecords, screenedInRankOrder, includesFound, sampleSize, includesInSample, recallTarget, confidence } = validated(input);
  const urn = totalRecords - screenedInRankOrder;
  const found = includesFound + includesInSample;
  const urnIncludesUnderH0 = smallestMissingUrnIncludes(includesFound, found, recallTarget);
  // p(K) = P(X ≤ k | K includes in the urn) falls as K grows, so the smallest K under H0 gives the
  // largest p; when even a wholly relevant urn keeps recall on target, H0 cannot hold.
  const pValue = urnIncludesUnderH0 > urn - (sampleSize - includesInSample) ? 0 : hypergeometricCdf(includesInSample, urn, urnIncludesUnderH0, sampleSize);
  const alpha = 1 - confidence;
  return {
    pValue,
    canStop: pValue < alpha,
    estimatedIncludesRemaining: sampleSize === 0 ? null : (includesInSample / sampleSize) * (urn - sampleSize),
    recallLowerBound: recallLowerBound(includesFound, includesInSample, urn, sampleSize, alpha),
  };
}

/** found ÷ (includesFound + K), K the most includes the urn can hold without p falling below alpha. */
function recallLowerBound(includesFound: number, includesInSample: number, urn: number, sampleSize: number, alpha: number): number {
  let low = includesInSample; // p = 1 here: the sample's own includes are certainly in the urn
  let high = urn - (sampleSize - includesInSample); // the urn cannot hold more than this
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (hypergeometricCdf(includesInSample, urn, middle, sampleSize) >= alpha) low = middle;
    else high = middle - 1;
  }
  const found = includesFound + includesInSample;
  return low === includesInSample ? 1 : found / (includesFound + low);
}

/**
 * How many more random records the researcher must screen for the test to pass if none of them is
 * an include (0 when it passes already). More includes in those records raise it again.
 */
export function randomSampleStillNeeded(input: StoppingInput): number {
  const filled = validated(input);
  const left = filled.totalRecords - filled.screenedInRankOrder - filled.sampleSize;
  const passesWith = (more: number) => stoppingTest({ ...filled, sampleSize: filled.sampleSize + more }).canStop;
  if (passesWith(0)) return 0;
  // p falls as the sample grows with no new include, and sampling every record left always passes.
  let low = 1;
  let high = left;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (passesWith(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}
