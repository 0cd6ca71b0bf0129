// Precision and recall of the merge, over pairs of records, on two labelled sets: exports of the
// same papers from PubMed, Embase and Scopus written by hand (with near misses), and a generated
// set of 5,000 records. Both are printed; either falling below 0.98 fails.
import { describe, expect, it } from 'vitest';
import { type DedupInput, findDuplicates } from '../src/index.ts';
import { makeDedupSet, pairScores } from '../src/fixtures/index.ts';
import { fixture, parseFixture } from './helpers.ts';

const MINIMUM = 0.98;

function report(label: string, scores: ReturnType<typeof pairScores>) {
  console.log(`${label}: precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)} (${scores.correctPairs} right of ${scores.foundPairs} found, of ${scores.truePairs} true pairs)`);
}

describe('de-duplication precision and recall', () => {
  it('on hand-written PubMed, Embase and Scopus exports of the same papers', () => {
    const truth = JSON.parse(fixture('dedup/truth.json')) as Record<string, string[]>;
    const records: DedupInput[] = [];
    const labels = new Map<string, number>();
    const paperIds = new Map<string, number>();
    for (const [file, papers] of Object.entries(truth)) {
      const parsed = parseFixture(`dedup/${file}`);
      expect(parsed.records.length).toBe(papers.length);
      parsed.records.forEach((record, index) => {
        const id = `${file}#${index}`;
        const paper = papers[index] as string;
        if (!paperIds.has(paper)) paperIds.set(paper, paperIds.size);
        labels.set(id, paperIds.get(paper) as number);
        records.push({ id, record });
      });
    }
    const scores = pairScores(findDuplicates(records), labels);
    report('hand-written exports', scores);
    expect(scores.truePairs).toBe(14);
    expect(scores.precision).toBeGreaterThanOrEqual(MINIMUM);
    expect(scores.recall).toBeGreaterThanOrEqual(MINIMUM);
  });

  it('on 5,000 generated records with known duplicates and near misses', () => {
    const set = makeDedupSet(5000, 3);
    const scores = pairScores(findDuplicates(set.records), set.truth);
    report('generated set', scores);
    expect(scores.truePairs).toBeGreaterThan(2500);
    expect(scores.precision).toBeGreaterThanOrEqual(MINIMUM);
    expect(scores.recall).toBeGreaterThanOrEqual(MINIMUM);
  });
});
