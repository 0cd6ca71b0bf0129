// The measures ASySD and bib-dedupe report, from found groups and hand-checked labels. Per found
// group of n records holding k different works, n - 1 are removed: n - k rightly, k - 1 wrongly
// (a unique work lost). A true duplicate is any record beyond the first of its work.
import type { DuplicateGroup } from '../src/index.ts';
import { pairScores } from '../src/fixtures/index.ts';

export interface QualityScores {
  records: number;
  trueDuplicates: number;
  removed: number;
  /** Removed records whose work is still in the set (true positives). */
  rightlyRemoved: number;
  /** Unique works lost to a wrong merge (false positives). */
  wronglyRemoved: number;
  sensitivity: number;
  precision: number;
  specificity: number;
  pairPrecision: number;
  pairRecall: number;
  /** Found groups holding more than one work. */
  falseMerges: DuplicateGroup[];
}

export function qualityScores(groups: readonly DuplicateGroup[], truth: ReadonlyMap<string, number>): QualityScores {
  const works = new Set(truth.values()).size;
  const trueDuplicates = truth.size - works;
  let rightlyRemoved = 0;
  let wronglyRemoved = 0;
  const falseMerges: DuplicateGroup[] = [];
  for (const group of groups) {
    const kinds = new Set(group.ids.map((id) => truth.get(id))).size;
    rightlyRemoved += group.ids.length - kinds;
    wronglyRemoved += kinds - 1;
    if (kinds > 1) falseMerges.push(group);
  }
  const uniqueKept = works - wronglyRemoved;
  const pairs = pairScores(groups, truth);
  return {
    records: truth.size,
    trueDuplicates,
    removed: rightlyRemoved + wronglyRemoved,
    rightlyRemoved,
    wronglyRemoved,
    sensitivity: trueDuplicates === 0 ? 1 : rightlyRemoved / trueDuplicates,
    precision: rightlyRemoved + wronglyRemoved === 0 ? 1 : rightlyRemoved / (rightlyRemoved + wronglyRemoved),
    specificity: works === 0 ? 1 : uniqueKept / works,
    pairPrecision: pairs.precision,
    pairRecall: pairs.recall,
    falseMerges,
  };
}

/** True pairs of records no found group joins (for reading what the misses have in common). */
export function missedPairs(groups: readonly DuplicateGroup[], truth: ReadonlyMap<string, number>): [string, string][] {
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => group.ids.forEach((id) => groupOf.set(id, index)));
  const byWork = new Map<number, string[]>();
  for (const [id, work] of truth) byWork.set(work, [...(byWork.get(work) ?? []), id]);
  const missed: [string, string][] = [];
  for (const ids of byWork.values()) {
    for (let j = 1; j < ids.length; j++) {
      const b = ids[j] as string;
      const a = ids.find((other, i) => i < j && groupOf.get(other) !== undefined && groupOf.get(other) === groupOf.get(b));
      if (a === undefined) missed.push([ids[0] as string, b]);
    }
  }
  return missed;
}
