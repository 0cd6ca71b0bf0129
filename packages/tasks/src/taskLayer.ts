// Wires the task layer on one database: Prisma, pg-boss with a queue per kind, upload storage,
// the cache, the task service, the operations page's reads and actions, and (optionally)
// workers plus their maintenance jobs. The server,
// the worker process and the tests all start it through here, so they run the same wiring.
import { createPrismaClient, type Db } from '@sift/db';
import { ensureQueues, startBoss, type Boss } from './boss.ts';
import { createPgCache, type PgCache } from './cache.ts';
import { taskKinds } from './kinds/index.ts';
import { scheduleMaintenance } from './maintenance.ts';
import { createOperations, type Operations } from './operations.ts';
import { startWorkers, type WorkerOptions, type Workers } from './runner/runner.ts';
import { createPostgresUploadStorage, type UploadStorage } from './storage.ts';
import { DEFAULT_PARSE_MEMORY_MB, type AnyTaskKind, type TaskSettings } from './taskKind.ts';
import { createTaskService, type TaskService } from './taskService.ts';

export interface TaskLayer {
  db: Db;
  boss: Boss;
  storage: UploadStorage;
  cache: PgCache;
  settings: TaskSettings;
  tasks: TaskService;
  operations: Operations;
  workers: Workers | null;
  /** Lets running tasks finish for up to `graceMs` (then releases them for a retry elsewhere) and closes connections. */
  stop: (graceMs?: number) => Promise<void>;
}

export interface TaskLayerOptions {
  kinds?: readonly AnyTaskKind[];
  /** Run workers (and the scheduled maintenance) in this process; false for an API-only process. */
  workers?: WorkerOptions | false;
  settings?: Partial<TaskSettings>;
  /** How this process is listed among pg-boss's instances (the operations page), e.g. "server". */
  processName?: string;
  onDatabaseError?: (source: string, error: Error & { code?: string }) => void;
  onQueueWarning?: (warning: { message: string; data: object }) => void;
  /** How long an upload no task uses is kept before the maintenance job deletes it. (Default: 24) */
  uploadRetentionHours?: number;
  /** How long deleted work stays in the trash before the maintenance job purges it. (Default: 30) */
  trashDays?: number;
}

export async function startTaskLayer(url: string, options: TaskLayerOptions = {}): Promise<TaskLayer> {
  const kinds = options.kinds ?? taskKinds;
  const report = (source: string) => (error: Error) => options.onDatabaseError?.(source, error);
  const db = createPrismaClient(url, { onPoolError: report('prisma pool') });
  const boss = await startBoss(url, { instanceName: options.processName, onError: report('pg-boss'), onWarning: options.onQueueWarning });
  await ensureQueues(boss, kinds);
  const storage = createPostgresUploadStorage(db);
  const cache = createPgCache(db);
  const settings: TaskSettings = { llm: null, parseMemoryMb: DEFAULT_PARSE_MEMORY_MB, ...options.settings };
  const tasks = createTaskService({ db, boss, storage, cache, settings, kinds });
  const operations = createOperations({ db, boss, cache, tasks, kindNames: kinds.map((kind) => kind.name) });
  let workers: Workers | null = null;
  if (options.workers !== false) {
    workers = await startWorkers({ db, boss, storage, cache, settings, kinds }, options.workers ?? {});
    await scheduleMaintenance(boss, { cache, db }, { uploadRetentionHours: options.uploadRetentionHours, trashDays: options.trashDays });
  }
  return {
    db,
    boss,
    storage,
    cache,
    settings,
    tasks,
    operations,
    workers,
    async stop(graceMs = 10_000) {
      await workers?.stop(graceMs);
      await boss.stop({ graceful: true, timeout: 5000 });
      await db.$disconnect();
    },
  };
}
