// The stopping rule played out on a simulated reading order: screen in ranked order, switch to a
// random sample of the rest, stop when the hypergeometric test passes. Beside it, a common heuristic
// (stop after a run of excludes) that has no recall guarantee, for comparison.
import { sampleWithoutReplacement, seededRandom } from '../src/ranking/random.ts';
import { randomSampleStillNeeded, stoppingTest } from '../src/stopping/stoppingTest.ts';

export interface StoppingOutcome {
  recall: number;
  /** Share of the records never read. */
  workSaved: number;
  /** Records read in ranked order before the random sample began. */
  ranked: number;
  sampled: number;
}

function outcome(truth: Uint8Array, includes: number, ranked: number, sampled: number, found: number): StoppingOutcome {
  return { recall: includes === 0 ? 1 : found / includes, workSaved: 1 - (ranked + sampled) / truth.length, ranked, sampled };
}

/**
 * When to leave ranked order: once the latest run of excludes is as long as the random sample the
 * test would still need. Both cost the same reading; the ranker has stopped finding includes for
 * that long, and the sample ends the review with a recall guarantee. No fitted threshold.
 */
function shouldStartSampling(totalRecords: number, screenedInRankOrder: number, includesFound: number, excludeRun: number, recallTarget: number): boolean {
  if (excludeRun === 0) return false;
  const needed = randomSampleStillNeeded({ totalRecords, screenedInRankOrder, includesFound, sampleSize: 0, includesInSample: 0, recallTarget });
  return excludeRun >= needed;
}

/** Reads `order` (from the active-learning simulation) with the statistical stopping rule. */
export function simulateStoppingRule(order: ArrayLike<number>, truth: Uint8Array, seed: number, recallTarget = 0.95, confidence = 0.95): StoppingOutcome {
  const total = order.length;
  const includes = truth.reduce((sum, label) => sum + label, 0);
  let ranked = 0;
  let found = 0;
  let excludeRun = 0;
  while (ranked < total && !shouldStartSampling(total, ranked, found, excludeRun, recallTarget)) {
    const label = truth[order[ranked] as number] as number;
    found += label;
    excludeRun = label === 1 ? 0 : excludeRun + 1;
    ranked++;
  }
  const rest = Array.from({ length: total - ranked }, (_, k) => order[ranked + k] as number);
  const sample = sampleWithoutReplacement(rest, rest.length, seededRandom(seed));
  let sampled = 0;
  let inSample = 0;
  while (!stoppingTest({ totalRecords: total, screenedInRankOrder: ranked, includesFound: found, sampleSize: sampled, includesInSample: inSample, recallTarget, confidence }).canStop) {
    inSample += truth[sample[sampled] as number] as number;
    sampled++;
  }
  return outcome(truth, includes, ranked, sampled, found + inSample);
}

/** A rule many teams use: stop after `run` excludes in a row in ranked order. */
export function simulateExcludeRunRule(order: ArrayLike<number>, truth: Uint8Array, run: number): StoppingOutcome {
  const includes = truth.reduce((sum, label) => sum + label, 0);
  let read = 0;
  let found = 0;
  let excludeRun = 0;
  while (read < order.length && excludeRun < run) {
    const label = truth[order[read] as number] as number;
    found += label;
    excludeRun = label === 1 ? 0 : excludeRun + 1;
    read++;
  }
  return outcome(truth, includes, read, 0, found);
}
