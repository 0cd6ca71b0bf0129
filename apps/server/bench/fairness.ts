// Fair queues, measured: how long a small task of one owner waits (createTask → handler start)
// when another owner has a backlog queued ahead of it, through Sift's task layer on a fresh
// database. The baseline is the same small task queued behind the same backlog in plain arrival
// order (FIFO, what every owner got before fair turns): it comes from the backlog's own owner.
import { z } from 'zod';
import { migrate } from '@sift/db';
import { createTestDatabase } from '@sift/db/testing';
import { defineTaskKind, startTaskLayer, startWorkers, taskKinds } from '@sift/tasks';
import { sleep, waitUntil } from './measure.ts';
import type { Series } from './measure.ts';

const KIND = 'bench-fairness';
/** The backlog: this many tasks of this many milliseconds each, queued by one owner. */
const BACKLOG = 20;
const BACKLOG_TASK_MS = 100;

export interface FairnessSeries {
  /** The small task from another owner. */
  otherOwner: Series;
  /** The same task from the backlog's owner: its turn in arrival order. */
  fifo: Series;
}

export async function benchFairness(options: { concurrency: number; runs: number }): Promise<FairnessSeries> {
  const results: FairnessSeries = { otherOwner: { runs: [] }, fifo: { runs: [] } };
  for (let run = 0; run < options.runs; run++) {
    results.otherOwner.runs.push(await smallTaskWait('one-file', options.concurrency));
    results.fifo.runs.push(await smallTaskWait('busy-lab', options.concurrency));
  }
  return { otherOwner: { runs: results.otherOwner.runs, calls: [...results.otherOwner.runs] }, fifo: { runs: results.fifo.runs } };
}

/** One measurement on its own database: the backlog is queued and running, then `smallOwner` queues one tiny task. */
async function smallTaskWait(smallOwner: string, concurrency: number): Promise<number> {
  const database = await createTestDatabase({ empty: true });
  await migrate(database.url);
  let smallStarted = 0;
  const kind = defineTaskKind({
    name: KIND,
    input: z.object({ ms: z.number().int(), small: z.boolean() }),
    queue: taskKinds[0].queue,
    prepare: async () => ({ title: 'fairness bench task' }),
    run: async ({ input }) => {
      if (input.small) smallStarted = performance.now();
      await sleep(input.ms);
      return {};
    },
  });
  const layer = await startTaskLayer(database.url, { kinds: [kind], workers: false });
  const workers = await startWorkers({ ...layer, kinds: [kind] }, { concurrency });
  try {
    for (let task = 0; task < BACKLOG; task++) await layer.tasks.create('busy-lab', { kind: KIND, input: { ms: BACKLOG_TASK_MS, small: false } });
    await waitUntil('the backlog to start', async () => (await layer.db.task.count({ where: { state: { in: ['running', 'ready'] } } })) > 0, 30_000, 5);
    const queuedAt = performance.now();
    await layer.tasks.create(smallOwner, { kind: KIND, input: { ms: 0, small: true } });
    await waitUntil('the small task to start', async () => smallStarted > 0, 120_000, 5);
    return smallStarted - queuedAt;
  } finally {
    await workers.stop(0);
    await layer.stop(0);
    await database.drop();
  }
}
