// De-duplication quality on real labelled exports: per set, sensitivity, precision of removals,
// specificity, pairwise precision and recall, the false merges with examples, time, and the pairs
// left for the researcher (possible duplicates, related reports) with the share the labels call
// duplicates: a measurement, never a target. Prints numbers; asserts nothing. Never tune rules to these labels: Sift is judged on exports not here.
// Usage: npm run bench:dedup -w @sift/literature [-- <set folder | folder of sets>] [--misses N] [--merges N] [--possible N]
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { analyseDuplicates, type DedupInput } from '../src/index.ts';
import { labelledSets } from './labelledSet.ts';
import { missedPairs, qualityScores } from './dedupScores.ts';

const DEFAULT_FOLDER = fileURLToPath(new URL('../../../../shared/datasets/dedup/', import.meta.url));

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const folder = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : DEFAULT_FOLDER;
const showMerges = option('--merges', 3);
const showMisses = option('--misses', 0);
const showPossible = option('--possible', 0);

const percent = (value: number) => `${(value * 100).toFixed(1)} %`.padStart(8);
const describe = (entry: DedupInput | undefined) => {
  const r = entry?.record;
  return r ? `${entry.id} | ${r.authors[0] ?? '-'} | ${r.year ?? '-'} | ${r.title ?? '-'} | ${r.journal ?? '-'} ${r.volume ?? '-'}(${r.issue ?? '-'}):${r.pages ?? '-'}${r.doi ? ` | ${r.doi}` : ''}` : '?';
};

console.log(`De-duplication quality, ${folder}`);
console.log('set                  records  true dup  removed  sensitivity  precision  specificity  pair prec  pair rec  false merges   ms');
const pooled = { trueDuplicates: 0, rightlyRemoved: 0, wronglyRemoved: 0, works: 0, possible: 0, possibleDuplicates: 0, reviewedRemoved: 0 };
for (const set of labelledSets(folder)) {
  const started = performance.now();
  const { groups, possible, related } = analyseDuplicates(set.records);
  const ms = performance.now() - started;
  const scores = qualityScores(groups, set.truth);
  pooled.trueDuplicates += scores.trueDuplicates;
  pooled.rightlyRemoved += scores.rightlyRemoved;
  pooled.wronglyRemoved += scores.wronglyRemoved;
  pooled.works += scores.records - scores.trueDuplicates;
  console.log(
    `${set.name.padEnd(20)} ${String(scores.records).padStart(7)} ${String(scores.trueDuplicates).padStart(9)} ${String(scores.removed).padStart(8)}  ${percent(scores.sensitivity)}   ${percent(scores.precision)}   ${percent(scores.specificity)}   ${percent(scores.pairPrecision)} ${percent(scores.pairRecall)} ${String(scores.falseMerges.length).padStart(12)} ${ms.toFixed(0).padStart(5)}`,
  );
  const labelledDuplicates = (pairs: readonly { ids: [string, string] }[]) => pairs.filter(({ ids: [a, b] }) => set.truth.get(a) === set.truth.get(b)).length;
  const share = (pairs: readonly { ids: [string, string] }[]) => (pairs.length === 0 ? '-' : percent(labelledDuplicates(pairs) / pairs.length).trim());
  console.log(`    possible duplicates: ${possible.length} pairs, ${share(possible)} labelled duplicates; related links: ${related.length}, ${share(related)} labelled duplicates`);
  pooled.possible += possible.length;
  pooled.possibleDuplicates += labelledDuplicates(possible);
  // What reviewing the list could gain: the researcher merges exactly the pairs the labels call duplicates.
  const judged = possible.filter(({ ids: [a, b] }) => set.truth.get(a) === set.truth.get(b)).map((pair) => pair.ids);
  const reviewed = qualityScores(analyseDuplicates(set.records, { mergePairs: judged }).groups, set.truth);
  pooled.reviewedRemoved += reviewed.rightlyRemoved;
  console.log(`    after a researcher merges those: sensitivity ${percent(reviewed.sensitivity).trim()}, precision ${percent(reviewed.precision).trim()}`);
  const byId = new Map(set.records.map((entry) => [entry.id, entry]));
  for (const pair of possible.slice(0, showPossible)) {
    console.log(`    possible (${pair.keptApartBy}; labels: ${set.truth.get(pair.ids[0]) === set.truth.get(pair.ids[1]) ? 'duplicate' : 'different'}):\n      ${describe(byId.get(pair.ids[0]))}\n      ${describe(byId.get(pair.ids[1]))}`);
  }
  for (const group of scores.falseMerges.slice(0, showMerges)) {
    console.log(`    false merge (${group.reason}): ${group.links.map((link) => link.detail).join('; ')}`);
    for (const id of group.ids.slice(0, 6)) console.log(`      ${describe(byId.get(id))}`);
  }
  for (const [a, b] of missedPairs(groups, set.truth).slice(0, showMisses)) {
    console.log(`    missed:\n      ${describe(byId.get(a))}\n      ${describe(byId.get(b))}`);
  }
}
const removed = pooled.rightlyRemoved + pooled.wronglyRemoved;
console.log(
  `pooled: sensitivity ${percent(pooled.rightlyRemoved / pooled.trueDuplicates).trim()}, precision ${percent(removed === 0 ? 1 : pooled.rightlyRemoved / removed).trim()}, specificity ${percent((pooled.works - pooled.wronglyRemoved) / pooled.works).trim()}`,
);
console.log(`pooled possible duplicates: ${pooled.possible} pairs, ${pooled.possibleDuplicates} labelled duplicates; sensitivity once a researcher merges those: ${percent(pooled.reviewedRemoved / pooled.trueDuplicates).trim()}`);
console.log('anchors (same four medical sets): bib-dedupe 98.4 % sensitivity / 100 % precision pooled; DedupEndNote 97-98 %; SRA-DM 84-90 %; EndNote 51-74 %; ASySD 95-99 % on other data');
