// Test support for packages that run tasks: the vitest global setup (template database with
// Sift's migrations and pg-boss's schema) and a harness: a real task layer on a fresh cloned
// database, wired exactly as the server wires it, with helpers to upload bytes and await a task.
import { PgBoss } from 'pg-boss';
import { createTestDatabase, setupTestServer } from '@sift/db/testing';
import { startTaskLayer, type TaskLayerOptions } from './taskLayer.ts';
import type { TaskStatus } from './taskView.ts';

/** For vitest `globalSetup`. */
export function setupTaskTestServer() {
  return setupTestServer(async (templateUrl) => {
    const boss = new PgBoss({ connectionString: templateUrl, supervise: false, schedule: false });
    await boss.start();
    await boss.stop({ graceful: false });
  });
}

export async function startHarness(options: Pick<TaskLayerOptions, 'kinds' | 'workers' | 'settings'> = {}) {
  const database = await createTestDatabase();
  const layer = await startTaskLayer(database.url, options);
  const { tasks, storage } = layer;

  async function upload(ownerId: string, fileName: string, bytes: Uint8Array) {
    return storage.save({ ownerId, fileName, mediaType: 'application/octet-stream' }, [bytes], { maxBytes: 100 * 1024 * 1024 });
  }

  /** Polls the status until `done` says so; returns every status seen (to check monotonic progress). */
  async function waitFor(ownerId: string, id: string, done: (status: TaskStatus) => boolean, timeoutMs = 20_000) {
    const seen: TaskStatus[] = [];
    await until(
      async () => {
        const status = await tasks.status(ownerId, id);
        if (!status) throw new Error(`task ${id} vanished`);
        seen.push(status);
        return status;
      },
      done,
      { timeoutMs, intervalMs: 50, describe: (status) => `task ${id} stuck in ${status.state} / ${status.stage}` },
    );
    return seen;
  }

  const finished = (status: TaskStatus) => ['ready', 'error', 'cancelled'].includes(status.state);

  return {
    ...layer,
    url: database.url,
    upload,
    waitFor,
    finished,
    async stop() {
      await layer.stop(1000);
      await database.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Reads until `done` accepts the value, and returns it; past the timeout, fails with the last value. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 100, describe = (value: T) => `still not there: ${JSON.stringify(value)}` } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(describe(value));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
