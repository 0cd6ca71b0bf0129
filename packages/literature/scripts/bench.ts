// Times parsing a generated 10,000-record RIS export and de-duplicating a generated 20,000-record
// set with known duplicates (both fixed by seed), and prints the merge's precision and recall.
// Usage: npm run bench -w @sift/literature [-- runs] (default 5 runs each; min and median shown).
import { findDuplicates, parseLiterature } from '../src/index.ts';
import { makeDedupSet, makeRisExport, pairScores } from '../src/fixtures/index.ts';

const runs = Number(process.argv[2] ?? 5);

function time<T>(label: string, work: () => T): T {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`${label.padEnd(36)} min ${(times[0] as number).toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms`);
  return result as T;
}

console.log(`node ${process.version}, ${runs} runs each`);
const ris = makeRisExport(10_000);
const parsed = time(`parse 10,000 RIS records (${(ris.length / 1e6).toFixed(1)} MB)`, () => parseLiterature(ris, 'export.ris'));
console.log(`  read ${parsed.report.recordsRead}, skipped ${parsed.report.skipped.length}`);

const set = makeDedupSet(20_000);
const groups = time(`de-duplicate ${set.records.length.toLocaleString('en')} records`, () => findDuplicates(set.records));
const scores = pairScores(groups, set.truth);
console.log(`  ${groups.length} groups; precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)} (${scores.correctPairs}/${scores.foundPairs} found pairs right, ${scores.correctPairs}/${scores.truePairs} true pairs found)`);
