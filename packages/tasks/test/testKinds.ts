// Small task kinds that exercise the runner's contract (progress, cancellation, retries,
// poison jobs) without a file to parse. They run through the same pg-boss queues and runner.
import { z } from 'zod';
import { defineTaskKind, TaskFailure } from '../src/index.ts';

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

export const testKinds = [countingTask, poisonTask, badInputTask] as const;
