// The built-in screener on the labelled set: recall of includes (an include counts as kept when
// the screener does not exclude it: 'include' and 'uncertain' both reach the researcher), the
// share of records it excludes, and the excludes it excludes or marks "Likely irrelevant".
import { describe, expect, it } from 'vitest';
import { createBuiltinScreener, type ScreeningDecision } from '../src/index.ts';
import { type LabelledRecord, reviewQuestions } from './fixtures/labelled.ts';

const MIN_RECALL = 0.95;

interface Tally {
  records: number;
  includes: number;
  includesKept: number;
  excludes: number;
  excludesCaught: number;
  /** Labelled excludes it excluded or marked "Likely irrelevant". */
  excludesFlagged: number;
  excluded: number;
  wronglyExcluded: string[];
}

function tally(records: readonly LabelledRecord[], decisions: readonly ScreeningDecision[]): Tally {
  const result: Tally = { records: records.length, includes: 0, includesKept: 0, excludes: 0, excludesCaught: 0, excludesFlagged: 0, excluded: 0, wronglyExcluded: [] };
  records.forEach((record, index) => {
    const excluded = decisions[index]?.decision === 'exclude';
    if (excluded) result.excluded++;
    if (record.label === 'include') {
      result.includes++;
      if (excluded) result.wronglyExcluded.push(`${record.id}: ${decisions[index]?.reason}`);
      else result.includesKept++;
    } else {
      result.excludes++;
      if (excluded) result.excludesCaught++;
      if (excluded || decisions[index]?.reason.startsWith('Likely irrelevant')) result.excludesFlagged++;
    }
  });
  return result;
}

function line(name: string, t: Tally): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `${name.padEnd(92)} n=${String(t.records).padStart(3)}  recall of includes ${(t.includesKept / t.includes).toFixed(3)} (${t.includesKept}/${t.includes})  excluded ${pct(t.excluded / t.records)}  labelled excludes caught ${t.excludesCaught}/${t.excludes}, caught or likely irrelevant ${t.excludesFlagged}/${t.excludes}`;
}

describe('built-in screener on the labelled set', () => {
  it('has at least 150 labelled records over at least three review questions', () => {
    expect(reviewQuestions.length).toBeGreaterThanOrEqual(3);
    expect(reviewQuestions.reduce((total, question) => total + question.records.length, 0)).toBeGreaterThanOrEqual(150);
    const ids = reviewQuestions.flatMap((question) => question.records.map((record) => record.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it(`keeps at least ${MIN_RECALL} of the includes and excludes or marks most of the excludes likely irrelevant`, async () => {
    const screener = createBuiltinScreener();
    const overall: Tally = { records: 0, includes: 0, includesKept: 0, excludes: 0, excludesCaught: 0, excludesFlagged: 0, excluded: 0, wronglyExcluded: [] };
    const lines: string[] = [];
    for (const question of reviewQuestions) {
      const decisions = await screener.screen(question.records, question.criteria);
      expect(decisions.map((decision) => decision.recordId)).toEqual(question.records.map((record) => record.id));
      const result = tally(question.records, decisions);
      lines.push(line(question.name, result));
      for (const key of ['records', 'includes', 'includesKept', 'excludes', 'excludesCaught', 'excludesFlagged', 'excluded'] as const) overall[key] += result[key];
      overall.wronglyExcluded.push(...result.wronglyExcluded);
    }
    lines.push(line('overall', overall));
    console.log(`\n${lines.join('\n')}${overall.wronglyExcluded.length > 0 ? `\nincludes excluded:\n  ${overall.wronglyExcluded.join('\n  ')}` : ''}\n`);

    expect(overall.includesKept / overall.includes).toBeGreaterThanOrEqual(MIN_RECALL);
    // Keeping every include by telling nothing apart would be no screening at all. Topic alone no
    // longer excludes (issue 15), so an exclude counts as caught when excluded or marked likely irrelevant.
    expect(overall.excludesFlagged / overall.excludes).toBeGreaterThanOrEqual(0.75);
  });
});
