// The screening procedures on a real task layer: versioned criteria, a screening run over the
// de-duplicated records (one decision each), the researcher's overrides with their audit trail,
// and PRISMA counts that agree with the table.
import { readFixtureFile } from '@sift/literature/fixtures';
import type { Criteria } from '@sift/screening';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const alice = () => callerForOwner(h, 'alice');

const criteria: Criteria = {
  population: 'older adults in hospital or intensive care',
  intervention: 'early mobilisation',
  comparator: 'usual care',
  outcomes: 'delirium',
  designs: ['rct'],
  include: [],
  exclude: ['paediatric'],
  yearFrom: null,
  yearTo: null,
  languages: [],
};

let projectId: string;

beforeAll(async () => {
  h = await startHarness();
  const project = await alice().createProject({ name: 'Delirium', question: 'Does early mobilisation prevent delirium?' });
  projectId = project.id;
  for (const file of ['pubmed.nbib', 'embase.ris']) {
    const upload = await h.upload('alice', file, await readFixtureFile(`dedup/${file}`));
    const task = await alice().importLiterature({ projectId, uploadId: upload.id });
    await h.waitFor('alice', task.id, h.finished);
  }
  const dedup = await alice().startDedup({ projectId });
  await h.waitFor('alice', dedup.id, h.finished);
}, 120_000);
afterAll(() => h.stop());

async function screen(options: { batchSize?: number } = {}) {
  const started = await alice().startScreening({ projectId, ...options });
  const seen = await h.waitFor('alice', started.id, h.finished);
  return { id: started.id, seen, last: seen.at(-1)! };
}

describe('screening router', () => {
  it('refuses to screen before criteria are saved, and refuses the LLM screener when none is configured', async () => {
    expect(await codeOf(alice().startScreening({ projectId }))).toBe('BAD_REQUEST');
    await alice().saveCriteria({ projectId, criteria });
    expect(await codeOf(alice().startScreening({ projectId, screener: 'llm' }))).toBe('BAD_REQUEST');
  });

  it('versions criteria: a change adds a version, saving the same criteria again does not', async () => {
    const first = await alice().saveCriteria({ projectId, criteria });
    expect(await alice().saveCriteria({ projectId, criteria })).toMatchObject({ id: first.id, version: first.version });
    const changed = await alice().saveCriteria({ projectId, criteria: { ...criteria, yearFrom: 2000 } });
    expect(changed.version).toBe(first.version + 1);
    const overview = await alice().getScreening({ projectId });
    expect(overview.criteria).toMatchObject({ id: changed.id, criteria: { yearFrom: 2000 } });
    expect(overview.versions.map((version) => version.version)).toEqual([changed.version, first.version]);
    expect(overview.llm).toBeNull();
  });

  it('names the field of invalid criteria', async () => {
    const error = await alice().saveCriteria({ projectId, criteria: { ...criteria, yearFrom: 2020, yearTo: 2010 } }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/yearFrom|yearTo/);
  });

  it('screens every de-duplicated record exactly once, across batches, with progress that never goes backwards', async () => {
    const { id, seen, last } = await screen({ batchSize: 10 });
    const afterDedup = (await alice().getProject({ projectId })).counts.afterDedup;
    expect(last).toMatchObject({ state: 'ready', processed: afterDedup, total: afterDedup });
    const processed = seen.map((status) => status.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    const result = last.result as { screened: number; include: number; exclude: number; uncertain: number; conflict: number };
    expect(result.screened).toBe(afterDedup);
    expect(result.include + result.exclude + result.uncertain + result.conflict).toBe(afterDedup);
    expect(await h.db.screeningDecision.count({ where: { taskId: id } })).toBe(afterDedup);
    expect(await h.db.taskBatch.count({ where: { taskId: id } })).toBe(Math.ceil(afterDedup / 10));

    const page = await alice().listScreenedRecords({ projectId, taskId: id, limit: 200 });
    expect(page.total).toBe(afterDedup);
    expect(new Set(page.records.map((record) => record.id)).size).toBe(afterDedup);
    expect(page.counts).toMatchObject({ screened: afterDedup, include: result.include, exclude: result.exclude, reviewed: 0 });
    const searched = await alice().listScreenedRecords({ projectId, taskId: id, search: 'mobil', limit: 200 });
    expect(searched.total).toBeGreaterThan(0);
    expect(searched.total).toBeLessThan(afterDedup);
    for (const record of searched.records) expect(`${record.title} ${record.abstract}`.toLowerCase()).toContain('mobil');
    for (const record of page.records) {
      expect(record.reason.length).toBeGreaterThan(10);
      expect(record.confidence).toBeGreaterThanOrEqual(0);
      for (const mark of record.highlights) {
        const text = mark.field === 'title' ? record.title : record.abstract;
        expect(text?.slice(mark.start, mark.end).length).toBe(mark.end - mark.start);
      }
    }
  });

  it("keeps the researcher's decision separately, with who, when, before and after, and counts it in PRISMA", async () => {
    const { id } = await screen();
    const before = await alice().listScreenedRecords({ projectId, taskId: id, limit: 200 });
    const target = before.records.find((record) => record.effective !== 'exclude')!;
    const review = await alice().reviewRecord({ projectId, taskId: id, recordId: target.id, decision: 'exclude', note: 'adolescents only' });
    expect(review).toEqual({ before: target.effective, decision: 'exclude' });
    await alice().reviewRecord({ projectId, taskId: id, recordId: target.id, decision: 'include' });

    const history = await alice().getReviewHistory({ projectId, recordId: target.id });
    // Alice works without an account here: her own history names her so, never by a session id.
    expect(history.map((entry) => [entry.before, entry.decision, entry.reviewerName])).toEqual([
      ['exclude', 'include', 'you (no account)'],
      [target.effective, 'exclude', 'you (no account)'],
    ]);
    expect(history[1]?.note).toBe('adolescents only');

    const after = await alice().listScreenedRecords({ projectId, taskId: id, decision: 'reviewed' });
    expect(after.records).toEqual([expect.objectContaining({ id: target.id, machine: target.machine, human: 'include', effective: 'include' })]);

    const prisma = await alice().getPrismaFlow({ projectId, taskId: id });
    const all = await alice().listScreenedRecords({ projectId, taskId: id, limit: 200 });
    expect(prisma.problems).toEqual([]);
    expect(prisma.counts).toMatchObject({ screened: all.total, included: all.counts.include, duplicatesRemoved: 7 });
    expect(prisma.counts.identified.map((source) => source.count).sort((a, b) => a - b)).toEqual([9, 12]);
    expect(prisma.counts.excludedByAutomation + prisma.counts.excludedByPerson).toBe(all.counts.exclude);
    expect(prisma.svg).toContain(`n = ${all.total}`);
  });

  it('keeps the decisions of runs under an earlier criteria version visible', async () => {
    const runs = (await alice().getScreening({ projectId })).runs;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    await alice().saveCriteria({ projectId, criteria: { ...criteria, designs: [] } });
    const newer = await screen();
    const overview = await alice().getScreening({ projectId });
    expect(overview.runs[0]?.task.id).toBe(newer.id);
    expect(overview.runs[0]!.criteriaVersion).toBeGreaterThan(overview.runs.at(-1)!.criteriaVersion);
    for (const run of overview.runs) {
      expect((await alice().listScreenedRecords({ projectId, taskId: run.task.id })).total).toBeGreaterThan(0);
    }
  });

  it('says why there is no second opinion when no LLM screener is configured, and refuses to start one', async () => {
    const { id } = await screen();
    const view = await alice().getSecondOpinion({ projectId, taskId: id });
    expect(view).toMatchObject({ llm: null, runScreener: 'builtin', asked: 0, conflicts: 0, disputed: 0, task: null });
    expect(view.toAsk.total).toBe(view.toAsk.uncertain + view.toAsk.lowRanked);
    const refused = alice().startSecondOpinion({ projectId, taskId: id });
    expect(await codeOf(refused)).toBe('BAD_REQUEST');
    await expect(alice().startSecondOpinion({ projectId, taskId: id })).rejects.toThrow(/No LLM screener is configured on this server\. The operator sets SIFT_LLM_BASE_URL/);
  });
});
