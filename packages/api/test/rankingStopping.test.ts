// What to read next and when to stop, through the router on a real task layer: a finished run is
// ranked by relevance, decisions retrain the ranking, the table reads in ranked order with the
// words behind each place; the stopping test samples the records left at random, refuses to stop
// early, and once it passes excludes the records nobody read, with the claim in PRISMA; undo.
import { makeRisExport } from '@sift/literature/fixtures';
import type { Criteria } from '@sift/screening';
import { RERANK_EVERY } from '@sift/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
const carol = () => callerFor(h, 'carol');
let projectId: string;
let taskId: string;

const criteria: Criteria = {
  population: 'adults in hospital', intervention: 'early mobilisation or exercise', comparator: 'usual care', outcomes: 'delirium, mortality',
  designs: ['rct'], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

/** The newest ranking task of the project, waited for until it has finished. */
async function rankingSettled() {
  const [task] = (await carol().listTasks({ kind: 'screening-rank', limit: 1 })) as { id: string }[];
  if (task) await h.waitFor('carol', task.id, h.finished);
  return carol().getRanking({ projectId });
}

beforeAll(async () => {
  h = await startHarness();
  projectId = (await carol().createProject({ name: 'Ranked', question: '' })).id;
  const upload = await h.upload('carol', 'works.ris', new TextEncoder().encode(makeRisExport(40)));
  await h.waitFor('carol', (await carol().importLiterature({ projectId, uploadId: upload.id })).id, h.finished);
  await h.waitFor('carol', (await carol().startDedup({ projectId })).id, h.finished);
  await carol().saveCriteria({ projectId, criteria });
  const started = await carol().startScreening({ projectId });
  await h.waitFor('carol', started.id, h.finished);
  taskId = started.id;
}, 120_000);
afterAll(() => h.stop());

const page = (options: { sort?: 'relevance'; decision?: 'sample' } = {}) => carol().listScreenedRecords({ projectId, taskId, limit: 200, ...options });

describe('relevance ranking', () => {
  it('ranks a finished run by the criteria, and learns again after a few decisions', async () => {
    const first = await rankingSettled();
    expect(first).toMatchObject({ labels: 0, running: null });
    expect(first.rankedAt).not.toBeNull();
    const ranked = (await page({ sort: 'relevance' })).records;
    expect(ranked.map((record) => record.relevanceRank)).toEqual(ranked.map((_, index) => index));
    for (const record of ranked.filter((candidate) => candidate.why.length > 0).slice(0, 10)) {
      const text = `${record.title} ${record.abstract} ${record.keywords.join(' ')}`.toLowerCase();
      for (const term of record.why) for (const word of term.split(' ')) expect(text).toContain(word.slice(0, 4));
    }

    // The bottom of the ranking is included and the top excluded: the next ranking must move them.
    const bottom = ranked.slice(-3);
    const top = ranked.slice(0, RERANK_EVERY - 3);
    for (const record of bottom) await carol().reviewRecord({ projectId, taskId, recordId: record.id, decision: 'include' });
    for (const record of top) await carol().reviewRecord({ projectId, taskId, recordId: record.id, decision: 'exclude' });
    const second = await rankingSettled();
    expect(second.labels).toBe(RERANK_EVERY);
    expect(second.labelsNow).toBe(RERANK_EVERY);
    const reranked = (await page({ sort: 'relevance' })).records;
    expect(reranked.map((record) => record.id)).not.toEqual(ranked.map((record) => record.id));
  });

  it('re-ranks on request, and not twice at once', async () => {
    const started = await carol().rerank({ projectId });
    expect(started.running).not.toBeNull();
    const again = await carol().rerank({ projectId });
    expect(again.running?.id).toBe(started.running?.id);
    expect((await rankingSettled()).running).toBeNull();
  });
});

describe('the stopping rule', () => {
  it('samples the records left at random, refuses to stop early, then excludes the rest by the rule with its claim; undo brings them back', async () => {
    expect(await carol().getStopping({ projectId, taskId })).toMatchObject({ state: 'not started', test: null });
    expect(await codeOf(carol().applyStoppingRule({ projectId, taskId }))).toBe('BAD_REQUEST');
    const started = await carol().startStoppingTest({ projectId, taskId, recallTarget: 0.8, confidence: 0.9 });
    expect(started).toMatchObject({ state: 'sampling', sampleSize: 0, rankedIncludes: 3, rankedScreened: RERANK_EVERY });
    expect(started.test?.canStop).toBe(false);

    const sample = (await page({ decision: 'sample' })).records;
    expect(sample.length).toBe(started.undecided);
    expect(sample.map((record) => record.id)).not.toEqual([...sample.map((record) => record.id)].sort());
    expect(await codeOf(carol().applyStoppingRule({ projectId, taskId }))).toBe('BAD_REQUEST');

    // The researcher screens the sample in its order and finds no include.
    let status = started;
    for (const record of sample) {
      if (status.test?.canStop) break;
      await carol().reviewRecord({ projectId, taskId, recordId: record.id, decision: 'exclude' });
      status = await carol().getStopping({ projectId, taskId });
    }
    expect(status.test?.canStop).toBe(true);
    expect(status.test!.pValue).toBeLessThan(0.1);
    expect(status.undecided).toBeGreaterThan(0);

    const applied = await carol().applyStoppingRule({ projectId, taskId });
    expect(applied.state).toBe('applied');
    expect(applied.appliedClaim).toMatch(/^recall ≥ 80 % at 90 % confidence \(p = 0\.\d{3}/);
    const after = await page();
    const byRule = after.records.filter((record) => record.human === null && record.machine !== 'exclude');
    expect(byRule.length).toBeGreaterThan(0);
    for (const record of byRule) {
      expect(record).toMatchObject({ effective: 'exclude', exclusionReason: 'stopping rule' });
      expect(record.reason).toContain('Not read: excluded by the stopping rule');
    }
    const prisma = await carol().getPrismaFlow({ projectId, taskId });
    expect(prisma.problems).toEqual([]);
    expect(prisma.counts).toMatchObject({ excludedByStoppingRule: byRule.length, stoppingClaim: applied.appliedClaim, awaitingDecision: 0 });
    expect(prisma.svg).toContain('by a stopping rule, not read');

    await carol().undoStoppingRule({ projectId, taskId });
    const undone = await carol().getPrismaFlow({ projectId, taskId });
    expect(undone.counts).toMatchObject({ excludedByStoppingRule: 0, stoppingClaim: null });
    expect(await codeOf(carol().undoStoppingRule({ projectId, taskId }))).toBe('BAD_REQUEST');
  });
});
