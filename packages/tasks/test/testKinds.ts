// Small task kinds that exercise the runner's contract (progress, cancellation, retries,
// poison jobs) without a file to parse. They run through the same pg-boss queues and runner.
import { z } from 'zod';
import { defineBatchedTaskKind, defineTaskKind, TaskFailure } from '../src/index.ts';

const quickQueue = { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 60, heartbeatSeconds: 10 };

/** Counts to `steps`, reporting progress each step; records in the cache when it saw the abort. */
export const countingTask = defineTaskKind({
  name: 'test-counting',
  input: z.object({ steps: z.number().int(), stepMs: z.number().int().default(1) }),
  queue: quickQueue,
  prepare: async (input) => ({ title: `count to ${input.steps}` }),
  async run({ input, progress, signal, cache, taskId }) {
    for (let step = 1; step <= input.steps; step++) {
      if (signal.aborted) {
        await cache.set(`aborted:${taskId}`, step);
        throw signal.reason;
      }
      await new Promise((resolve) => setTimeout(resolve, input.stepMs));
      progress(step, input.steps, 'counting');
    }
    return { counted: input.steps };
  },
});

/** Always throws a transient error: must end in `error` after its retries, and in the dead-letter queue. */
export const poisonTask = defineTaskKind({
  name: 'test-poison',
  input: z.object({}),
  queue: { ...quickQueue, retryLimit: 1 },
  prepare: async () => ({ title: 'poison' }),
  run: async () => {
    throw new Error('database of the universe unavailable');
  },
});

/** Rejects its input permanently: no retries. */
export const badInputTask = defineTaskKind({
  name: 'test-bad-input',
  input: z.object({}),
  queue: quickQueue,
  prepare: async () => ({ title: 'bad input' }),
  run: async () => {
    throw new TaskFailure('corrupt', 'The file is damaged. Re-save it and upload again.');
  },
});

/**
 * Fans `items` out into batches of `batchSize`; each item is saved as a cache entry (its output)
 * naming the attempt that made it. A batch whose `poisoned:<task>:<seq>` cache key is set throws.
 */
export const batchedTask = defineBatchedTaskKind({
  name: 'test-batched',
  input: z.object({ items: z.number().int(), batchSize: z.number().int(), stepMs: z.number().int().default(1) }),
  queue: quickQueue,
  prepare: async (input) => ({ title: `${input.items} items` }),
  batches: {
    queue: { ...quickQueue, retryLimit: 1 },
    unit: 'items',
    async plan({ input }) {
      const batches = [];
      for (let from = 0; from < input.items; from += input.batchSize) {
        const to = Math.min(input.items, from + input.batchSize);
        batches.push({ items: to - from, payload: { from, to } });
      }
      return { stage: 'counting items', batches };
    },
    async run({ input, batch, cache, taskId, signal, progress }) {
      if (await cache.get(`poisoned:${taskId}:${batch.seq}`)) throw new Error(`batch ${batch.seq} is poisoned`);
      const { from, to } = batch.payload as { from: number; to: number };
      for (let item = from + batch.done; item < to; item++) {
        signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, input.stepMs));
        const key = `item:${taskId}:${item}`;
        const runs = (await cache.get<number>(key)) ?? 0;
        await cache.set(key, runs + 1);
        progress(item - from + 1);
      }
    },
    async finish({ tx, taskId }) {
      const [row] = await tx.$queryRaw<{ items: number; runs: number }[]>`
        SELECT count(*)::int AS items, COALESCE(sum((value #>> '{}')::int), 0)::int AS runs FROM cache_entry WHERE key LIKE ${`item:${taskId}:%`}`;
      return { items: row?.items ?? 0, runs: row?.runs ?? 0 };
    },
  },
});

export const testKinds = [countingTask, poisonTask, badInputTask, batchedTask] as const;
