// A task that fans out into batch jobs: every item runs once, progress adds up across batches and
// never goes backwards, a batch that keeps failing leaves the task in error with the rest saved,
// and a retry runs only the unfinished batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterQueue, batchQueue, taskLogContext, type TaskLogFields } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';
import { testKinds } from './testKinds.ts';

let h: Harness;
const owner = 'owner-batched';

beforeAll(async () => {
  h = await startHarness({ kinds: testKinds, workers: { concurrency: 3, pollingIntervalSeconds: 1, cancelPollMs: 100 } });
});
afterAll(() => h?.stop());

async function itemRuns(taskId: string) {
  const entries = await h.db.cacheEntry.findMany({ where: { key: { startsWith: `item:${taskId}:` } } });
  return entries.map((entry) => entry.value as number);
}

describe('batched tasks', () => {
  it('runs every item once across its batches, with progress that adds up and never goes backwards', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-batched', input: { items: 95, batchSize: 10 } });
    const seen = await h.waitFor(owner, created.id, h.finished);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'ready', processed: 95, total: 95, result: { items: 95, runs: 95 } });
    const processed = seen.map((status) => status.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(await h.db.taskBatch.count({ where: { taskId: created.id, state: 'done' } })).toBe(10);
  });

  it('is ready at once when there is nothing to do', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-batched', input: { items: 0, batchSize: 10 } });
    expect((await h.waitFor(owner, created.id, h.finished)).at(-1)).toMatchObject({ state: 'ready', result: { items: 0 } });
  });

  it('a batch that keeps failing ends the task in error naming what is missing; retry runs just that batch', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-batched', input: { items: 30, batchSize: 10 } });
    await h.cache.set(`poisoned:${created.id}:1`, true);
    const failed = (await h.waitFor(owner, created.id, h.finished, 30_000)).at(-1)!;
    expect(failed.state).toBe('error');
    expect(failed.error?.code).toBe('batches_failed');
    // The thrown error's text stays in the log; the researcher gets a reference to it.
    expect(failed.error?.message).toMatch(/^10 of 30 items were not processed \(batch 2 failed 2 times: unexpected error, reference [0-9a-f]{10}\)/);
    expect(failed.error?.message).not.toMatch(/poisoned/);
    expect(await itemRuns(created.id)).toHaveLength(20);
    let dead: unknown[] = [];
    for (let i = 0; i < 50 && !dead.length; i++) {
      dead = await h.boss.findJobs(deadLetterQueue(batchQueue('test-batched')), { data: { taskId: created.id } });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(dead).toHaveLength(1);

    await h.cache.delete(`poisoned:${created.id}:1`);
    await h.tasks.retry(owner, created.id);
    const last = (await h.waitFor(owner, created.id, h.finished)).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', processed: 30, result: { items: 30, runs: 30 } });
  });

  it('cancelling stops the remaining batches within a second', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-batched', input: { items: 400, batchSize: 20, stepMs: 20 } });
    await h.waitFor(owner, created.id, (status) => status.processed >= 20);
    await h.tasks.cancel(owner, created.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const atCancel = (await itemRuns(created.id)).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await itemRuns(created.id)).length).toBe(atCancel);
    expect(atCancel).toBeLessThan(400);
    expect((await h.tasks.status(owner, created.id))?.state).toBe('cancelled');
  });

  it('a cancelled task continues from its saved batches when tried again', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-batched', input: { items: 200, batchSize: 20, stepMs: 10 } });
    await h.waitFor(owner, created.id, (status) => status.processed >= 40);
    await h.tasks.cancel(owner, created.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await h.tasks.retry(owner, created.id);
    const last = (await h.waitFor(owner, created.id, h.finished, 30_000)).at(-1)!;
    expect(last).toMatchObject({ state: 'ready', processed: 200, result: { items: 200 } });
    // Items a cancelled batch had saved are not run again; at most the one item in flight per batch is.
    expect((last.result as { runs: number }).runs).toBeLessThanOrEqual(200 + 3);
  });

  it('every line logged during a job carries its task and job ids, the plan and each batch their own job', async () => {
    const lines: { message: string; context: TaskLogFields | undefined }[] = [];
    const logged = await startHarness({ kinds: testKinds, workers: { log: (message) => lines.push({ message, context: taskLogContext.getStore() }) } });
    try {
      const created = await logged.tasks.create(owner, { kind: 'test-batched', input: { items: 20, batchSize: 10 } });
      await logged.waitFor(owner, created.id, logged.finished);
      const ofTask = lines.filter((line) => line.context?.taskId === created.id);
      expect(ofTask.map((line) => line.message)).toEqual(expect.arrayContaining(['task planned', 'batch done', 'batch closed the run']));
      expect(lines.filter((line) => !line.context)).toEqual([]);
      const planJob = ofTask.find((line) => line.message === 'task planned')!.context!.jobId;
      const batchJobs = new Set(ofTask.filter((line) => line.message === 'batch done').map((line) => line.context!.jobId));
      expect(batchJobs.size).toBe(2);
      expect(batchJobs.has(planJob)).toBe(false);
    } finally {
      await logged.stop();
    }
  });
});
