// Fair turns between owners (issue 16, item 12): one owner's backlog does not make another
// owner's small task wait behind all of it, for task jobs and for a batched kind's batch jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screeningBatchSize } from '../src/kinds/screening/index.ts';
import { MAX_BATCHES_PER_RUN } from '../src/screeningWork.ts';
import { startHarness, type Harness } from '../src/testing.ts';
import { testKinds } from './testKinds.ts';

let h: Harness;

beforeAll(async () => {
  // One slot per queue, so the order in which jobs are fetched is the order in which they start.
  h = await startHarness({ kinds: testKinds, workers: { concurrency: 1 } });
});
afterAll(() => h.stop());

const startedAt = async (id: string) => (await h.db.task.findUniqueOrThrow({ where: { id } })).startedAt!.getTime();

describe('fair queues', () => {
  it("a small task of another owner runs next, not after the first owner's whole backlog", async () => {
    const backlog = [];
    for (let file = 0; file < 5; file++) backlog.push(await h.tasks.create('busy-lab', { kind: 'test-counting', input: { steps: 4, stepMs: 50 } }));
    const small = await h.tasks.create('one-file', { kind: 'test-counting', input: { steps: 1 } });
    for (const task of backlog) await h.waitFor('busy-lab', task.id, h.finished);
    await h.waitFor('one-file', small.id, h.finished);
    // At most the backlog's first file (already running when the small one arrived) and its next
    // turn may go before; never the rest of the backlog.
    const smallStart = await startedAt(small.id);
    const backlogStarts = await Promise.all(backlog.map((task) => startedAt(task.id)));
    expect(backlogStarts.filter((start) => start < smallStart).length).toBeLessThanOrEqual(2);
  });

  it("a small batched run of another owner gets its batch in before the first owner's remaining batches", async () => {
    const big = await h.tasks.create('busy-lab', { kind: 'test-batched', input: { items: 60, batchSize: 10, stepMs: 50 } });
    await h.waitFor('busy-lab', big.id, (status) => status.total > 0);
    const small = await h.tasks.create('one-file', { kind: 'test-batched', input: { items: 5, batchSize: 10 } });
    await h.waitFor('one-file', small.id, h.finished);
    const bigBatchesDone = await h.db.taskBatch.count({ where: { taskId: big.id, state: 'done' } });
    expect(bigBatchesDone).toBeLessThan(6);
    await h.waitFor('busy-lab', big.id, h.finished, 30_000);
  });
});

describe('screening batch size', () => {
  it('grows a small batchSize on a big project so one run never fans out into more than 100 jobs', () => {
    expect(MAX_BATCHES_PER_RUN).toBe(100);
    const size = screeningBatchSize(40_000, { batchSize: 10, screener: 'builtin' });
    expect(Math.ceil(40_000 / size)).toBeLessThanOrEqual(MAX_BATCHES_PER_RUN);
    expect(screeningBatchSize(40, { batchSize: 10, screener: 'llm' })).toBe(10); // small runs keep what was asked
    expect(screeningBatchSize(500, { screener: 'llm' })).toBe(100);
  });
});
