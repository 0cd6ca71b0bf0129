import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterQueue, insertTaskWithJob } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';
import { testKinds } from './testKinds.ts';

let h: Harness;
const owner = 'owner-a';
const logged: { message: string; fields?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  h = await startHarness({ kinds: testKinds, workers: { log: (message, fields) => logged.push({ message, fields }) } });
});
afterAll(() => h.stop());

async function jobCount(queue: string): Promise<number> {
  return (await h.boss.findJobs(queue)).length;
}

describe('task lifecycle', () => {
  it('runs queued → running → ready, with monotonic progress and the result stored', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-counting', input: { steps: 40, stepMs: 20 } });
    expect(created).toMatchObject({ state: 'queued', title: 'count to 40', processed: 0 });
    const seen = await h.waitFor(owner, created.id, h.finished);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'ready', percent: 100, processed: 40, total: 40, result: { counted: 40 }, error: null });
    expect(seen.some((status) => status.state === 'running' && status.processed > 0 && status.processed < 40)).toBe(true);
    const processed = seen.map((status) => status.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(last.elapsedMs).toBeGreaterThan(0);
    expect(last.finishedAt).not.toBeNull();
  });

  it('a failing transaction leaves neither a task nor a job', async () => {
    const tasksBefore = await h.db.task.count();
    const jobsBefore = await jobCount('test-counting');
    await expect(
      h.db.$transaction(async (tx) => {
        await insertTaskWithJob(tx, h.boss, { ownerId: owner, kind: 'test-counting', title: 'rolled back', input: { steps: 1 } });
        throw new Error('something later in the same transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(await h.db.task.count()).toBe(tasksBefore);
    expect(await jobCount('test-counting')).toBe(jobsBefore);
  });

  it('a job that cannot be enqueued leaves no task behind', async () => {
    const tasksBefore = await h.db.task.count();
    await expect(
      h.db.$transaction((tx) => insertTaskWithJob(tx, h.boss, { ownerId: owner, kind: 'no-such-queue', title: 'x', input: {} })),
    ).rejects.toThrow();
    expect(await h.db.task.count()).toBe(tasksBefore);
  });

  it('rejects unknown kinds and invalid input with a clear message', async () => {
    await expect(h.tasks.create(owner, { kind: 'nope', input: {} })).rejects.toThrow('Unknown task kind "nope"');
    await expect(h.tasks.create(owner, { kind: 'test-counting', input: { steps: 'many' } })).rejects.toThrow(/Invalid input for test-counting/);
  });

  it('cancel stops a running handler and leaves it cancelled', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-counting', input: { steps: 100_000, stepMs: 5 } });
    await h.waitFor(owner, created.id, (status) => status.processed > 5);
    const cancelledAt = Date.now();
    const cancelled = await h.tasks.cancel(owner, created.id);
    expect(cancelled?.state).toBe('cancelled');
    // The handler itself noticed and stopped (it records the step it saw the abort at).
    let abortedAt: number | undefined;
    while (abortedAt === undefined && Date.now() - cancelledAt < 5000) {
      abortedAt = await h.cache.get<number>(`aborted:${created.id}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(abortedAt).toBeGreaterThan(5);
    const settled = await h.tasks.status(owner, created.id);
    expect(settled).toMatchObject({ state: 'cancelled' });
    expect(settled!.processed).toBeLessThan(100_000);
  });

  it('cancelling a queued task means it never runs', async () => {
    const noWorkers = await startHarness({ kinds: testKinds, workers: false });
    try {
      const created = await noWorkers.tasks.create(owner, { kind: 'test-counting', input: { steps: 3 } });
      await noWorkers.tasks.cancel(owner, created.id);
      const { jobId } = await noWorkers.db.task.findUniqueOrThrow({ where: { id: created.id } });
      const [job] = await noWorkers.boss.findJobs('test-counting', { id: jobId! });
      expect(job?.state).toBe('cancelled');
    } finally {
      await noWorkers.stop();
    }
  });

  it('a bad-input failure ends in error at once, with its message, without retrying', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-bad-input', input: {} });
    const last = (await h.waitFor(owner, created.id, h.finished)).at(-1)!;
    expect(last).toMatchObject({ state: 'error', error: { code: 'corrupt', message: 'The file is damaged. Re-save it and upload again.' } });
    expect((await h.db.task.findUniqueOrThrow({ where: { id: created.id } })).attempts).toBe(1);
  });

  it('a poison job is retried, then ends in error with a reference to the logged reason and lands in the dead-letter queue', async () => {
    const created = await h.tasks.create(owner, { kind: 'test-poison', input: {} });
    const last = (await h.waitFor(owner, created.id, h.finished, 30_000)).at(-1)!;
    expect(last.state).toBe('error');
    expect(last.error?.code).toBe('internal');
    // The error's own text (here standing for SQL or a path) never reaches the researcher, only the log.
    expect(last.error?.message).not.toContain('database of the universe');
    const reference = /reference ([0-9a-f]{10})/.exec(last.error?.message ?? '')?.[1];
    expect(logged.find((line) => line.fields?.errorReference === reference)?.fields).toMatchObject({ taskId: created.id, error: 'database of the universe unavailable' });
    expect((await h.db.task.findUniqueOrThrow({ where: { id: created.id } })).attempts).toBe(2);
    let dead: unknown[] = [];
    for (let i = 0; i < 50 && !dead.length; i++) {
      dead = await h.boss.findJobs(deadLetterQueue('test-poison'));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(dead).toHaveLength(1);
  });

  it('other tasks keep running while one fails', async () => {
    const poison = await h.tasks.create(owner, { kind: 'test-poison', input: {} });
    const good = await h.tasks.create(owner, { kind: 'test-counting', input: { steps: 5 } });
    expect((await h.waitFor(owner, good.id, h.finished)).at(-1)?.state).toBe('ready');
    expect((await h.waitFor(owner, poison.id, h.finished, 30_000)).at(-1)?.state).toBe('error');
  });
});

describe('owner isolation', () => {
  it("never shows, lists or cancels another owner's task", async () => {
    const mine = await h.tasks.create('owner-b', { kind: 'test-counting', input: { steps: 1 } });
    expect(await h.tasks.status('owner-c', mine.id)).toBeNull();
    expect(await h.tasks.cancel('owner-c', mine.id)).toBeNull();
    expect((await h.tasks.list('owner-c')).map((task) => task.id)).not.toContain(mine.id);
    expect((await h.tasks.list('owner-b')).map((task) => task.id)).toContain(mine.id);
  });
});

describe('status reads under many concurrent polls', () => {
  it("answers each poll with its own task, never another owner's, however the reads are shared", async () => {
    const owners = Array.from({ length: 60 }, (_, i) => `poller-${i}`);
    const tasks = await Promise.all(owners.map((ownerId) => h.tasks.create(ownerId, { kind: 'test-counting', input: { steps: 1 } })));
    const missing = '00000000-0000-4000-8000-000000000000';
    // Each owner polls its own task, someone else's task and a missing id, all at once, twice over.
    const polls = owners.flatMap((ownerId, i) => [
      { ownerId, id: tasks[i]!.id, expected: tasks[i]!.id },
      { ownerId, id: tasks[(i + 1) % owners.length]!.id, expected: null },
      { ownerId, id: missing, expected: null },
    ]);
    const answers = await Promise.all([...polls, ...polls].map((poll) => h.tasks.status(poll.ownerId, poll.id)));
    expect(answers.map((answer) => answer?.id ?? null)).toEqual([...polls, ...polls].map((poll) => poll.expected));
  });
});

