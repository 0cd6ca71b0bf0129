// The LLM as a second opinion on a built-in screening run, through the queue, against a fake
// OpenAI-compatible server: a disagreement with the screener becomes a conflict and one with the
// researcher's earlier decision is flagged (theirs stays in force); agreement changes nothing;
// deciding settles a conflict and undo brings it back; PRISMA still adds up; a retry asks only what
// was not answered, and answers come from the cache; with no LLM configured the task is refused.
import { makeRisExport } from '@sift/literature/fixtures';
import { checkPrismaCounts, LIKELY_RELEVANT, type Criteria } from '@sift/screening';
import { completion, startFakeOpenAi, titleIn, type FakeServer } from '@sift/screening/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScreenedRecords, prismaCounts, reviewRecord, saveCriteria, secondOpinionStatus, undoReview, createProject } from '../src/index.ts';
import { LLM_NOT_CONFIGURED } from '../src/screeningWork.ts';
import { startHarness, type Harness } from '../src/testing.ts';

const owner = 'second-opinion-reviewer';
let h: Harness;
let llm: FakeServer;
let projectId: string;
/** What the fake model answers per title; a title not listed gets "uncertain", which takes no side. */
const answers = new Map<string, 'include' | 'exclude'>();
/** Titles the fake server answers with 503, as an endpoint that is down for some requests. */
const unavailable = new Set<string>();

const criteria: Criteria = {
  population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
  designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

beforeAll(async () => {
  llm = await startFakeOpenAi(({ body }) => {
    const title = titleIn(body);
    if (unavailable.has(title)) return { status: 503, body: '{"error":{"message":"overloaded"}}' };
    const decision = answers.get(title) ?? 'uncertain';
    return { body: completion({ decision, reason: `The model says ${decision}.`, criterion: 'population', exclusionReason: decision === 'exclude' ? 'wrong population' : null, confidence: 0.8, evidence: [] }) };
  });
  h = await startHarness({ settings: { llm: { baseUrl: llm.baseUrl, models: ['model-a'] } } });
  projectId = (await createProject(h.db, owner, { name: 'Second opinion review', question: '' })).id;
  const upload = await h.upload(owner, 'export.ris', new TextEncoder().encode(makeRisExport(40)));
  const imported = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId, uploadId: upload.id } });
  await h.waitFor(owner, imported.id, h.finished, 60_000);
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await llm?.close();
});

/** A finished built-in run under `criteriaId`, and the ranking that follows it. */
async function builtinRun(criteriaId: string): Promise<string> {
  const task = await h.tasks.create(owner, { kind: 'screening', input: { projectId, criteriaId } });
  expect((await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)!.state).toBe('ready');
  const rank = await h.db.task.findFirst({ where: { ownerId: owner, kind: 'screening-rank' }, orderBy: { createdAt: 'desc' } });
  await h.waitFor(owner, rank!.id, h.finished, 60_000);
  return task.id;
}

async function secondOpinion(runId: string, state: 'ready' | 'error' = 'ready') {
  const task = await h.tasks.create(owner, { kind: 'screening-second-opinion', input: { projectId, runId } });
  const last = (await h.waitFor(owner, task.id, h.finished, 120_000)).at(-1)!;
  expect(last.state).toBe(state);
  return last;
}

async function table(runId: string, decision?: 'conflict') {
  return (await listScreenedRecords(h.db, owner, { projectId, taskId: runId, offset: 0, limit: 200, ...(decision && { decision }) }))!;
}

describe('the LLM as a second opinion on a built-in run', () => {
  let runId: string;
  const picked: Record<'disagrees' | 'agrees' | 'youIncluded' | 'youExcluded' | 'lowInclude', { id: string; title: string }> = {} as never;

  it('asks about the uncertain and the low-ranked records; a disagreement with the screener is a conflict, agreement is not', async () => {
    runId = await builtinRun((await saveCriteria(h.db, projectId, criteria)).id);
    const decisions = await h.db.screeningDecision.findMany({ where: { taskId: runId }, include: { record: { select: { title: true } } } });
    const leansOut = decisions.filter((decision) => decision.decision === 'uncertain' && decision.confidence < LIKELY_RELEVANT);
    expect(leansOut.length).toBeGreaterThanOrEqual(4);
    const [disagrees, agrees, youIncluded, youExcluded] = leansOut.map((decision) => ({ id: decision.recordId, title: decision.record.title! }));
    Object.assign(picked, { disagrees, agrees, youIncluded, youExcluded });
    // A record the screener included that the ranking puts last (the ranking and the screener
    // disagree): below the cut, so it is asked about too.
    const included = decisions.find((decision) => decision.decision === 'include')!;
    picked.lowInclude = { id: included.recordId, title: included.record.title! };
    const last = (await h.db.screeningRank.findFirst({ where: { projectId }, orderBy: { position: 'desc' } }))!;
    const moved = (await h.db.screeningRank.findUnique({ where: { projectId_recordId: { projectId, recordId: included.recordId } } }))!;
    await h.db.screeningRank.update({ where: { projectId_recordId: { projectId, recordId: last.recordId } }, data: { position: moved.position } });
    await h.db.screeningRank.update({ where: { projectId_recordId: { projectId, recordId: included.recordId } }, data: { position: last.position } });
    answers.set(picked.lowInclude.title, 'exclude');
    answers.set(picked.disagrees.title, 'include');
    answers.set(picked.agrees.title, 'exclude');
    // The researcher decides two records before the LLM is asked; it disagrees with one of them.
    answers.set(picked.youIncluded.title, 'exclude');
    answers.set(picked.youExcluded.title, 'exclude');
    await reviewRecord(h.db, owner, { projectId, taskId: runId, recordId: picked.youIncluded.id, decision: 'include' });
    await reviewRecord(h.db, owner, { projectId, taskId: runId, recordId: picked.youExcluded.id, decision: 'exclude' });

    const before = (await secondOpinionStatus(h.db, owner, { projectId, taskId: runId }))!;
    const uncertain = decisions.filter((decision) => decision.decision === 'uncertain').length;
    expect(before.toAsk.uncertain).toBe(uncertain);
    expect(before.ranked).toBeGreaterThan(0);
    // The other half of those asked about: screener decisions the ranking puts below its median.
    const ranks = await h.db.screeningRank.findMany({ where: { projectId } });
    const cut = Math.ceil(ranks.length / 2);
    const lowRanked = decisions.filter((decision) => decision.decision !== 'uncertain' && ranks.some((rank) => rank.recordId === decision.recordId && rank.position >= cut));
    expect(before.toAsk.lowRanked).toBe(lowRanked.length);
    expect(lowRanked.length).toBeGreaterThan(0);

    const requests = llm.requests.length;
    const done = await secondOpinion(runId);
    expect(llm.requests.length - requests).toBe(before.toAsk.total);
    expect(done.result).toEqual({ asked: before.toAsk.total, conflicts: 2, disputed: 1 });

    const conflicts = await table(runId, 'conflict');
    expect(conflicts.records.map((record) => record.id).sort()).toEqual([picked.disagrees.id, picked.youIncluded.id, picked.lowInclude.id].sort());
    expect(conflicts.counts).toMatchObject({ conflict: 2, disputed: 1 });
    const shown = new Map(conflicts.records.map((record) => [record.id, record]));
    expect(shown.get(picked.disagrees.id)).toMatchObject({
      machine: 'uncertain', human: null, effective: 'conflict', disputed: false,
      opinion: { decision: 'include', reason: 'The model says include.', screener: 'llm:model-a' },
    });
    expect(shown.get(picked.lowInclude.id)).toMatchObject({ machine: 'include', effective: 'conflict', opinion: { decision: 'exclude' } });
    // The researcher's decision stays in force, flagged, with both opinions beside it.
    expect(shown.get(picked.youIncluded.id)).toMatchObject({ machine: 'uncertain', human: 'include', effective: 'include', disputed: true, opinion: { decision: 'exclude' } });

    const all = new Map((await table(runId)).records.map((record) => [record.id, record]));
    expect(all.get(picked.agrees.id)).toMatchObject({ effective: 'uncertain', disputed: false, opinion: { decision: 'exclude' } });
    expect(all.get(picked.youExcluded.id)).toMatchObject({ effective: 'exclude', human: 'exclude', disputed: false, opinion: { decision: 'exclude' } });
    // Nothing the researcher decided was written over.
    expect(await h.db.screeningReview.count({ where: { projectId } })).toBe(2);

    const counts = (await prismaCounts(h.db, owner, projectId, runId))!;
    expect(checkPrismaCounts(counts)).toEqual([]);
    expect(counts.excludedByPerson).toBe(1);
    expect(counts.included).toBe([...all.values()].filter((record) => record.effective === 'include').length);
    expect(counts.awaitingDecision).toBe([...all.values()].filter((record) => ['uncertain', 'conflict'].includes(record.effective)).length);
  }, 240_000);

  it('deciding settles a conflict (the decision wins); undoing it brings the conflict back', async () => {
    await reviewRecord(h.db, owner, { projectId, taskId: runId, recordId: picked.disagrees.id, decision: 'exclude' });
    await reviewRecord(h.db, owner, { projectId, taskId: runId, recordId: picked.youIncluded.id, decision: 'include' });
    let conflicts = await table(runId, 'conflict');
    expect(conflicts.records.map((record) => record.id)).toEqual([picked.lowInclude.id]);
    expect(conflicts.counts).toMatchObject({ conflict: 1, disputed: 0 });
    expect(checkPrismaCounts((await prismaCounts(h.db, owner, projectId, runId))!)).toEqual([]);

    await undoReview(h.db, owner, { projectId, taskId: runId, recordId: picked.disagrees.id });
    await undoReview(h.db, owner, { projectId, taskId: runId, recordId: picked.youIncluded.id });
    conflicts = await table(runId, 'conflict');
    expect(conflicts.counts).toMatchObject({ conflict: 2, disputed: 1 });
    const shown = new Map(conflicts.records.map((record) => [record.id, record]));
    expect(shown.get(picked.disagrees.id)?.effective).toBe('conflict');
    expect(shown.get(picked.youIncluded.id)).toMatchObject({ effective: 'include', disputed: true });
  });

  it('an applied stopping rule leaves the records a second opinion disputes to the researcher', async () => {
    // The rule as applyStoppingRule stores it once its test has passed.
    await h.db.screeningStop.create({
      data: { taskId: runId, projectId, recallTarget: 0.95, confidence: 0.95, seed: 1, rankedScreened: 2, rankedIncludes: 1, appliedAt: new Date(), appliedClaim: 'recall ≥ 95 % at 95 % confidence' },
    });
    const all = new Map((await table(runId)).records.map((record) => [record.id, record]));
    expect(all.get(picked.disagrees.id)?.effective).toBe('conflict');
    expect(all.get(picked.lowInclude.id)?.effective).toBe('conflict');
    expect(all.get(picked.agrees.id)?.effective).toBe('exclude');
    const counts = (await prismaCounts(h.db, owner, projectId, runId))!;
    expect(checkPrismaCounts(counts)).toEqual([]);
    expect(counts.excludedByStoppingRule).toBeGreaterThan(0);
    expect(counts.awaitingDecision).toBe(2);
    await h.db.screeningStop.delete({ where: { taskId: runId } });
  });

  it('asking again on the same run asks nothing: every record asked about has its answer', async () => {
    const requests = llm.requests.length;
    const status = (await secondOpinionStatus(h.db, owner, { projectId, taskId: runId }))!;
    expect(status.toAsk.total).toBe(0);
    await secondOpinion(runId);
    expect(llm.requests.length).toBe(requests);
  });

  it('a failed batch is tried again alone, and answers already given are not asked again', async () => {
    // A new run under new criteria, so no answer is cached yet; some records get no answer.
    const changed = await saveCriteria(h.db, projectId, { ...criteria, outcomes: 'pain and function' });
    const second = await builtinRun(changed.id);
    const { toAsk } = (await secondOpinionStatus(h.db, owner, { projectId, taskId: second }))!;
    const asked = await h.db.screeningDecision.findMany({ where: { taskId: second, decision: 'uncertain' }, include: { record: { select: { title: true } } }, take: 3 });
    for (const decision of asked) unavailable.add(decision.record.title!);
    const failed = await secondOpinion(second, 'error');
    expect(failed.error?.message).toMatch(/records were not processed .*try again to process just those records/);
    const answered = await h.db.screeningOpinion.count({ where: { runId: second } });
    expect(answered).toBeLessThan(toAsk.total);
    const down = [...unavailable].sort();

    unavailable.clear();
    const retried = llm.requests.length;
    await h.tasks.retry(owner, failed.id);
    const last = (await h.waitFor(owner, failed.id, h.finished, 60_000)).at(-1)!;
    expect(last.state).toBe('ready');
    expect(await h.db.screeningOpinion.count({ where: { runId: second } })).toBe(toAsk.total);
    // Every answer given before the failure came from the cache: only the records that had none were asked.
    expect([...new Set(llm.requests.slice(retried).map((request) => titleIn(request.body)))].sort()).toEqual(down);
  }, 240_000);

  it('a new built-in run under the same criteria gets its second opinion from the cache', async () => {
    const latest = (await h.db.reviewCriteria.findFirst({ where: { projectId }, orderBy: { version: 'desc' } }))!;
    const third = await builtinRun(latest.id);
    const requests = llm.requests.length;
    await secondOpinion(third);
    expect(llm.requests.length).toBe(requests);
  }, 120_000);
});

describe('without an LLM screener', () => {
  it('refuses the task with a message that says how to configure one', async () => {
    const bare = await startHarness();
    try {
      const project = await createProject(bare.db, owner, { name: 'No LLM', question: '' });
      const input = { projectId: project.id, runId: crypto.randomUUID() };
      await expect(bare.tasks.create(owner, { kind: 'screening-second-opinion', input })).rejects.toThrow(LLM_NOT_CONFIGURED);
      expect(LLM_NOT_CONFIGURED).toMatch(/SIFT_LLM_BASE_URL/);
    } finally {
      await bare.stop();
    }
  }, 60_000);
});
