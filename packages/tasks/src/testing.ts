// Test support for packages that run tasks: the vitest global setup (template database with
// Sift's migrations and pg-boss's schema) and a harness: a real task layer on a fresh cloned
// database, wired exactly as the server wires it, with helpers to upload bytes and await a task.
import { PgBoss } from 'pg-boss';
import { createPrismaClient } from '@sift/db';
import { createTestDatabase, setupTestServer } from '@sift/db/testing';
import {
  createPgCache,
  createPostgresUploadStorage,
  createTaskService,
  ensureQueues,
  startBoss,
  startWorkers,
  taskKinds,
  type AnyTaskKind,
  type TaskStatus,
  type WorkerOptions,
} from './index.ts';

/** For vitest `globalSetup`. */
export function setupTaskTestServer() {
  return setupTestServer(async (templateUrl) => {
    const boss = new PgBoss({ connectionString: templateUrl, supervise: false, schedule: false });
    await boss.start();
    await boss.stop({ graceful: false });
  });
}

export async function startHarness(options: { kinds?: readonly AnyTaskKind[]; workers?: boolean; worker?: WorkerOptions } = {}) {
  const database = await createTestDatabase();
  const db = createPrismaClient(database.url);
  const boss = await startBoss(database.url);
  const kinds = options.kinds ?? taskKinds;
  await ensureQueues(boss, kinds);
  const storage = createPostgresUploadStorage(db);
  const cache = createPgCache(db);
  const tasks = createTaskService({ db, boss, storage, cache, kinds });
  const workers = options.workers === false ? null : await startWorkers({ db, boss, storage, cache, kinds }, options.worker);

  async function upload(ownerId: string, fileName: string, bytes: Uint8Array) {
    return storage.save({ ownerId, fileName, mediaType: 'application/octet-stream' }, [bytes], { maxBytes: 100 * 1024 * 1024 });
  }

  /** Polls the status until `done` says so; returns every status seen (to check monotonic progress). */
  async function waitFor(ownerId: string, id: string, done: (status: TaskStatus) => boolean, timeoutMs = 20_000) {
    const seen: TaskStatus[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await tasks.status(ownerId, id);
      if (!status) throw new Error(`task ${id} vanished`);
      seen.push(status);
      if (done(status)) return seen;
      if (Date.now() > deadline) throw new Error(`task ${id} stuck in ${status.state} / ${status.stage}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const finished = (status: TaskStatus) => ['ready', 'error', 'cancelled'].includes(status.state);

  return {
    url: database.url,
    db,
    boss,
    storage,
    cache,
    tasks,
    workers,
    upload,
    waitFor,
    finished,
    async stop() {
      await workers?.stop(1000);
      await boss.stop({ graceful: false });
      await db.$disconnect();
      await database.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
