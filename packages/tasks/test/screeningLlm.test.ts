// The screening task with the LLM screener, through the queue, against a fake OpenAI-compatible
// server: two models that disagree leave "conflict" for the researcher, a malformed answer is
// asked again, and a second run under the same criteria is answered from the Postgres cache.
import { makeRisExport } from '@sift/literature/fixtures';
import { completion, startFakeOpenAi, titleIn, type FakeServer } from '@sift/screening/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnscreenedRecords, saveCriteria, createProject } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

const owner = 'llm-reviewer';
let h: Harness;
let llm: FakeServer;
let projectId: string;
let criteriaId: string;
const malformedOnce = new Set<string>();
/** Titles the fake server answers with 503, as an endpoint that is down for some requests. */
const unavailable = new Set<string>();

const answer = (decision: 'include' | 'exclude') =>
  completion({ decision, reason: `The model says ${decision}.`, criterion: 'population', exclusionReason: decision === 'exclude' ? 'wrong population' : null, confidence: 0.9, evidence: [] });

beforeAll(async () => {
  // Model A includes everything. Model B excludes titles with "cohort" in them, and answers the
  // first request about the first record with text that is not JSON.
  let first: string | null = null;
  llm = await startFakeOpenAi(({ body }) => {
    const title = titleIn(body);
    if (unavailable.has(title)) return { status: 503, body: '{"error":{"message":"overloaded"}}' };
    if (body.model === 'model-b') {
      first ??= title;
      if (title === first && !malformedOnce.has(title)) {
        malformedOnce.add(title);
        return { body: completion('Sure! Here is my answer: include') };
      }
      return { body: answer(/cohort/i.test(title) ? 'exclude' : 'include') };
    }
    return { body: answer('include') };
  });
  h = await startHarness({ settings: { llm: { baseUrl: llm.baseUrl, models: ['model-a', 'model-b'] } } });
  projectId = (await createProject(h.db, owner, { name: 'LLM review', question: '' })).id;
  const upload = await h.upload(owner, 'export.ris', new TextEncoder().encode(makeRisExport(40)));
  const imported = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId, uploadId: upload.id } });
  await h.waitFor(owner, imported.id, h.finished, 60_000);
  criteriaId = (await saveCriteria(h.db, projectId, {
    population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
    designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
  })).id;
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await llm?.close();
});

async function screen() {
  const task = await h.tasks.create(owner, { kind: 'screening', input: { projectId, criteriaId, screener: 'llm', batchSize: 10 } });
  const last = (await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)!;
  expect(last.state).toBe('ready');
  return h.db.screeningDecision.findMany({ where: { taskId: task.id }, include: { record: { select: { title: true } } } });
}

describe('screening with the LLM screener', () => {
  it('saves structured answers; a disagreement of the two models is a conflict; a malformed answer is asked again', async () => {
    const decisions = await screen();
    expect(decisions).toHaveLength(40);
    for (const decision of decisions) {
      const cohort = /cohort/i.test(decision.record.title ?? '');
      expect(decision.decision).toBe(cohort ? 'conflict' : 'include');
      expect(decision.screener).toBe('llm:model-a+model-b');
    }
    expect(decisions.some((decision) => decision.decision === 'conflict')).toBe(true);
    expect(malformedOnce.size).toBe(1);
    // Two models per record, plus the one answer asked again.
    expect(llm.requests).toHaveLength(2 * 40 + 1);
  });

  it('a second run under the same criteria makes no requests: every answer comes from the Postgres cache', async () => {
    const before = llm.requests.length;
    const decisions = await screen();
    expect(decisions).toHaveLength(40);
    expect(llm.requests.length - before).toBe(0);
  });

  it('a batch that fails after its retries: the run says which records were not screened, and trying again screens just those', async () => {
    // New criteria, so no answer is in the cache yet; the second batch's records get no answer.
    const changed = await saveCriteria(h.db, projectId, {
      population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain and function',
      designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
    });
    const records = await h.db.literatureRecord.findMany({ where: { projectId }, orderBy: { position: 'asc' } });
    const secondBatch = records.slice(10, 20);
    for (const record of secondBatch) unavailable.add(record.title ?? '');
    const task = await h.tasks.create(owner, { kind: 'screening', input: { projectId, criteriaId: changed.id, screener: 'llm', batchSize: 10 } });
    const failed = (await h.waitFor(owner, task.id, h.finished, 120_000)).at(-1)!;
    expect(failed.state).toBe('error');
    expect(failed.error?.message).toMatch(/^10 of 40 records were not processed .*try again to process just those records/);
    expect(await h.db.screeningDecision.count({ where: { taskId: task.id } })).toBe(30);
    const unscreened = (await listUnscreenedRecords(h.db, owner, { projectId, taskId: task.id, limit: 50 }))!;
    expect(unscreened.total).toBe(10);
    expect(unscreened.records.map((record) => record.id)).toEqual(secondBatch.map((record) => record.id));

    unavailable.clear();
    const before = llm.requests.length;
    await h.tasks.retry(owner, task.id);
    const last = (await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', processed: 40, result: { screened: 40 } });
    expect(llm.requests.length - before).toBe(2 * 10); // only the ten records not screened, both models
    expect((await listUnscreenedRecords(h.db, owner, { projectId, taskId: task.id, limit: 50 }))!.total).toBe(0);
  }, 150_000);
});
