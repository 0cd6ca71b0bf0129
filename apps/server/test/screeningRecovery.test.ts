// Screening, a long multi-batch task, against real worker processes: a worker killed mid-run
// (SIGKILL) costs at most one checkpoint of work and leaves exactly one decision per record;
// two workers share one run's batches and every batch runs once.
import { makeRisExport } from '@sift/literature/fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProject, getProject, saveCriteria, type TaskStatus } from '@sift/tasks';
import { startHarness, until, type Harness } from '@sift/tasks/testing';
import { completion, startFakeOpenAi, type FakeServer } from '@sift/screening/testing';
import { killAll, startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

/** Records the screening kind saves at once (its CHECKPOINT). */
const CHECKPOINT = 50;
const owner = 'screening-recovery';
let h: Harness;
let llm: FakeServer;
const workers: WorkerProcess[] = [];
let project: { projectId: string; criteriaId: string; records: number };

function startWorker() {
  // One job at a time per process, so at most one checkpoint is in flight when it is killed.
  const worker = startWorkerProcess(h.url, { SIFT_LLM_BASE_URL: llm.baseUrl, SIFT_WORKER_CONCURRENCY: '1', LOG_LEVEL: 'info' });
  workers.push(worker);
  return worker;
}

const logsOf = (taskId: string, message: string, processes: WorkerProcess[]) =>
  processes.flatMap((worker) => worker.logLines()).filter((line) => line.msg === message && line.taskId === taskId);

beforeAll(async () => {
  // A model that takes 15 ms to include every record: slow enough to kill a worker mid-run.
  const include = completion({ decision: 'include', reason: 'Adults, exercise, pain.', criterion: 'population', exclusionReason: null, confidence: 0.8, evidence: [] });
  llm = await startFakeOpenAi(() => ({ body: include, delayMs: 15 }));
  // This process creates and watches tasks; the child processes do the work.
  h = await startHarness({ workers: false, settings: { llm: { baseUrl: llm.baseUrl, models: ['gpt-4o-mini'] } } });
  const { id: projectId } = await createProject(h.db, owner, { name: 'Recovery', question: '' });
  const upload = await h.upload(owner, 'export.ris', new TextEncoder().encode(makeRisExport(600)));
  startWorker();
  const imported = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId, uploadId: upload.id } });
  await h.waitFor(owner, imported.id, h.finished, 60_000);
  const dedup = await h.db.task.findFirstOrThrow({ where: { ownerId: owner, kind: 'literature-dedup' } });
  await h.waitFor(owner, dedup.id, h.finished, 60_000);
  await killAll(workers);
  const criteria = await saveCriteria(h.db, projectId, {
    population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
    designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
  });
  const records = (await getProject(h.db, owner, projectId))!.counts.afterDedup;
  project = { projectId, criteriaId: criteria.id, records };
}, 120_000);
afterEach(() => killAll(workers));
afterAll(async () => {
  await llm?.close();
  await h?.stop();
});

function startScreening(batchSize: number) {
  return h.tasks.create(owner, { kind: 'screening', input: { projectId: project.projectId, criteriaId: project.criteriaId, screener: 'llm', batchSize } });
}

async function expectOneDecisionPerRecord(taskId: string) {
  const decisions = await h.db.screeningDecision.findMany({ where: { taskId }, select: { recordId: true } });
  expect(decisions).toHaveLength(project.records);
  expect(new Set(decisions.map((decision) => decision.recordId)).size).toBe(project.records);
}

describe('screening with real worker processes', () => {
  it('a worker killed mid-screening (SIGKILL): the run finishes, one decision per record, at most one checkpoint redone', async () => {
    const task = await startScreening(100);
    const first = startWorker();
    const beforeKill = await h.waitFor(owner, task.id, (status) => status.processed >= 150, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    const second = startWorker();
    const afterKill = await h.waitFor(owner, task.id, h.finished, 120_000);
    console.log(`screening recovered from SIGKILL and finished in ${((Date.now() - killedAt) / 1000).toFixed(1)} s (heartbeat 10 s + monitor 5 s)`);

    expect(afterKill.at(-1)).toMatchObject({ state: 'ready', processed: project.records, result: { screened: project.records } });
    const progress = [...beforeKill, ...afterKill].map((status: TaskStatus) => status.processed);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    await expectOneDecisionPerRecord(task.id);

    // Each checkpoint logs how many records it screens before it starts: what was screened
    // beyond the run's size is work the kill threw away.
    const screened = logsOf(task.id, 'batch screening checkpoint', [first, second]).reduce((sum, line) => sum + Number(line.records), 0);
    const redone = screened - project.records;
    console.log(`records screened twice because of the SIGKILL: ${redone} (checkpoint every ${CHECKPOINT})`);
    expect(redone).toBeGreaterThanOrEqual(0);
    expect(redone).toBeLessThanOrEqual(CHECKPOINT);
  }, 180_000);

  it("two worker processes share one run's batches; every batch runs once and the totals are exact", async () => {
    const pair = [startWorker(), startWorker()];
    await Promise.all(pair.map((worker) => worker.ready));
    const task = await startScreening(50);
    const last = (await h.waitFor(owner, task.id, h.finished, 120_000)).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', processed: project.records, result: { screened: project.records } });
    await expectOneDecisionPerRecord(task.id);
    // A batch logs "done" just after it closes the task, and its line comes through the process's pipe: wait for every line.
    const batches = Math.ceil(project.records / 50);
    await until(async () => logsOf(task.id, 'batch done', pair).length, (lines) => lines >= batches, { timeoutMs: 10_000 });
    const batchesBy = pair.map((worker) => logsOf(task.id, 'batch done', [worker]).map((line) => line.batch));
    console.log(`batches per worker: ${batchesBy.map((batches) => batches.length).join(' + ')}`);
    expect(batchesBy.every((batches) => batches.length > 0)).toBe(true);
    expect(batchesBy.flat().sort((a, b) => Number(a) - Number(b))).toEqual([...Array(batches).keys()]);
  }, 180_000);
});
