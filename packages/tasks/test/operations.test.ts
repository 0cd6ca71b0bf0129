// The operations page's reads and actions on a real task layer: a poison task shows as failed and
// dead-lettered with its stack, retry and redrive run it again with the task row and its job in
// step, stale dead letters are left alone, a stuck task is cancelled, and every action is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deadLetterQueue, defineTaskKind, type Operator } from '../src/index.ts';
import { startHarness, until, type Harness } from '../src/testing.ts';
import { countingTask, poisonTask } from './testKinds.ts';

/** Waits for its cancellation (or the test's end): a task that never finishes by itself. */
const stuckTask = defineTaskKind({
  name: 'test-stuck',
  input: z.object({}),
  queue: { retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 600, heartbeatSeconds: 10 },
  prepare: async () => ({ title: 'stuck' }),
  run: ({ signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
});

let h: Harness;
const owner = 'researcher-7';
const operator: Operator = { name: 'ops-on-call', address: '10.0.0.9' };

beforeAll(async () => {
  h = await startHarness({ kinds: [countingTask, poisonTask, stuckTask], workers: { pollingIntervalSeconds: 1 } });
});
afterAll(() => h.stop());

const waitingDeadLetters = () => h.boss.findJobs<{ taskId: string }>(deadLetterQueue('test-poison'), { queued: true });

/** A poison task that has used up its retries and sits in the dead-letter queue. */
async function deadLetteredPoison(): Promise<string> {
  const { id } = await h.tasks.create(owner, { kind: 'test-poison', input: {} });
  await h.waitFor(owner, id, h.finished, 30_000);
  await until(waitingDeadLetters, (jobs) => jobs.some((job) => job.data.taskId === id));
  return id;
}

describe('operations', () => {
  it('lists a poison task as failed and dead-lettered, with its owner, attempts and the stack it threw', async () => {
    const id = await deadLetteredPoison();
    const failed = await h.operations.failedTasks({ kind: 'test-poison' });
    expect(failed.total).toBeGreaterThanOrEqual(1);
    expect(failed.tasks.find((task) => task.id === id)).toMatchObject({ kind: 'test-poison', ownerId: owner, attempts: 2, errorCode: 'internal', deadLettered: true });

    const detail = await h.operations.task(id);
    expect(detail).toMatchObject({ state: 'error', deadLettered: true, job: { queue: 'test-poison', state: 'failed' }, deadLetter: { queue: 'test-poison-dead-letter', state: 'created' } });
    expect(detail?.thrown?.message).toBe('database of the universe unavailable');
    expect(detail?.thrown?.stack).toContain('testKinds.ts');
    expect(await h.operations.task(crypto.randomUUID())).toBeNull();
  });

  it('shows each queue with pg-boss counts, dead letters and task-table figures, and this process among the live ones', async () => {
    const done = await h.tasks.create(owner, { kind: 'test-counting', input: { steps: 2 } });
    await h.waitFor(owner, done.id, h.finished);
    const queues = await until(() => h.operations.queues(), (all) => (all.find((queue) => queue.name === 'test-poison')?.deadLettered ?? 0) > 0);
    expect(queues.map((queue) => queue.name)).not.toContain('test-poison-dead-letter'); // shown with its source queue
    const counting = queues.find((queue) => queue.name === 'test-counting');
    expect(counting).toMatchObject({ deadLetterQueue: 'test-counting-dead-letter', tasks: { completedLastHour: 1, waiting: 0, running: 0 } });
    expect(counting?.tasks?.pickupSeconds?.median).toBeGreaterThanOrEqual(0);
    expect(queues.find((queue) => queue.name === 'test-poison')?.tasks?.failed).toBeGreaterThanOrEqual(1);
    expect(queues.find((queue) => queue.name === 'cache-cleanup')).toMatchObject({ tasks: null });
    expect(queues.find((queue) => queue.name === 'test-stuck')?.tasks).toMatchObject({ waiting: 0, failed: 0, pickupSeconds: null }); // a kind with no tasks yet
    expect(queues.filter((queue) => queue.name.startsWith('__pgboss__'))).toEqual([]);

    // A process's workers reach the registry with its next heartbeat (every 10 s).
    const mine = (all: Awaited<ReturnType<typeof h.operations.processes>>) => all.find((entry) => entry.pid === process.pid && entry.live);
    const processes = await until(() => h.operations.processes(), (all) => (mine(all)?.queues.length ?? 0) > 0);
    expect(mine(processes)?.queues).toEqual(expect.arrayContaining(['test-counting', 'test-poison']));
  });

  it('retries a failed task for its owner, drops its dead letter, and audits it', async () => {
    const id = await deadLetteredPoison();
    const retried = await h.operations.retryTask(operator, id);
    expect(retried?.state).toBe('queued');
    expect((await waitingDeadLetters()).map((job) => job.data.taskId)).not.toContain(id);
    // It ran again: two more attempts, then failed again.
    await until(() => h.db.task.findUniqueOrThrow({ where: { id } }), (row) => row.attempts === 4 && row.state === 'error');
    expect(await h.operations.retryTask(operator, crypto.randomUUID())).toBeNull();
    await expect(h.operations.retryTask(operator, (await h.tasks.create(owner, { kind: 'test-stuck', input: {} })).id)).rejects.toThrow(
      /Only a failed or cancelled task/,
    );
    const [action] = await h.operations.actions(1);
    expect(action).toMatchObject({ operator: 'ops-on-call', address: '10.0.0.9', action: 'retry-task', target: id, outcome: { kind: 'test-poison', from: 'error', droppedDeadLetters: 1 } });
  });

  it('redrives a dead-letter queue: its jobs go back, their tasks run again; a dead letter whose task was retried since stays', async () => {
    const first = await deadLetteredPoison();
    const second = await deadLetteredPoison();
    const retriedByResearcher = await deadLetteredPoison();
    await h.tasks.retry(owner, retriedByResearcher);
    await until(() => h.db.task.findUniqueOrThrow({ where: { id: retriedByResearcher } }), (row) => row.state === 'error' && row.attempts === 4);
    await until(waitingDeadLetters, (jobs) => jobs.filter((job) => job.data.taskId === retriedByResearcher).length === 2);
    const before = await waitingDeadLetters();
    const jobsBefore = new Map((await h.db.task.findMany({ where: { id: { in: [first, second] } } })).map((row) => [row.id, row.jobId]));

    const outcome = await h.operations.redrive(operator, 'test-poison');
    // Every waiting dead letter of an unretried task moves, and the newer of the retried task's two.
    const stale = before.filter((job) => job.data.taskId === retriedByResearcher).length - 1;
    expect(outcome).toEqual({ moved: before.length - stale, skipped: stale });
    expect((await waitingDeadLetters()).map((job) => job.data.taskId)).toEqual([retriedByResearcher]);

    for (const id of [first, second]) {
      // The row follows its redriven job, so a cancel can still drop it.
      const { jobId } = await h.db.task.findUniqueOrThrow({ where: { id } });
      expect(jobId).not.toBe(jobsBefore.get(id));
      expect((await h.boss.findJobs('test-poison', { id: jobId! }))[0]?.data).toEqual({ taskId: id });
      await until(() => h.db.task.findUniqueOrThrow({ where: { id } }), (latest) => latest.attempts === 4 && latest.state === 'error');
    }
    // Failed again, they are dead letters again, and a second redrive moves them once more.
    await until(waitingDeadLetters, (jobs) => [first, second].every((id) => jobs.some((job) => job.data.taskId === id)));
    expect((await h.operations.redrive(operator, 'test-poison')).moved).toBeGreaterThanOrEqual(2);

    const actions = await h.operations.actions(2);
    expect(actions.map((action) => [action.action, action.target])).toEqual([
      ['redrive-dead-letters', 'test-poison'],
      ['redrive-dead-letters', 'test-poison'],
    ]);
    expect(actions[1]?.outcome).toEqual(outcome);
    await expect(h.operations.redrive(operator, 'test-poison-dead-letter')).rejects.toThrow(/has no dead-letter queue/);
  }, 90_000);

  it('cancels a stuck running task, refuses to cancel a finished one, and audits the cancel', async () => {
    const { id } = await h.tasks.create(owner, { kind: 'test-stuck', input: {} });
    await until(() => h.db.task.findUniqueOrThrow({ where: { id } }), (row) => row.state === 'running');
    expect((await h.operations.cancelTask(operator, id))?.state).toBe('cancelled');
    await expect(h.operations.cancelTask(operator, id)).rejects.toThrow(/Only a queued or running task can be cancelled; this one is cancelled/);
    expect(await h.operations.actions(1)).toMatchObject([{ action: 'cancel-task', target: id, outcome: { kind: 'test-stuck', from: 'running' } }]);
  });

  it('shows the cache with this process\'s hit rate, and clears one key prefix with an audit entry', async () => {
    await h.cache.set('dataset-order:one', [1]);
    await h.cache.set('dataset-order:two', [2]);
    await h.cache.set('profile:keep', { kept: true });
    await h.cache.get('dataset-order:one');
    await h.cache.get('dataset-order:none');
    const view = await h.operations.cache();
    expect(view.prefixes).toEqual(expect.arrayContaining([expect.objectContaining({ prefix: 'dataset-order:', entries: 2 })]));
    expect(view.reads.hits).toBeGreaterThanOrEqual(1);
    expect(view.reads.misses).toBeGreaterThanOrEqual(1);

    expect(await h.operations.clearCachePrefix(operator, 'dataset-order:')).toEqual({ removed: 2 });
    expect(await h.cache.get('profile:keep')).toEqual({ kept: true });
    await expect(h.operations.clearCachePrefix(operator, '')).rejects.toThrow(/Name the key prefix/);
    expect(await h.operations.actions(1)).toMatchObject([{ action: 'clear-cache', target: 'dataset-order:', outcome: { removed: 2 } }]);
  });
});
