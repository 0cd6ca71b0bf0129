// Starts what a Sift process needs, in order: database (embedded unless DATABASE_URL),
// migrations, Prisma, pg-boss with its queues, and optionally the workers. `stop` undoes it
// in reverse, letting running tasks finish within the configured grace period.
import { connectDatabase, createPrismaClient, type Db } from '@sift/db';
import {
  createPgCache,
  createPostgresUploadStorage,
  createTaskService,
  ensureQueues,
  scheduleMaintenance,
  startBoss,
  startWorkers,
  taskKinds,
  type Boss,
  type PgCache,
  type TaskService,
  type UploadStorage,
  type Workers,
} from '@sift/tasks';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

export interface Services {
  databaseUrl: string;
  db: Db;
  boss: Boss;
  storage: UploadStorage;
  cache: PgCache;
  tasks: TaskService;
  workers: Workers | null;
  stop: () => Promise<void>;
}

export async function startServices(config: Config, log: Logger, options: { workers: boolean }): Promise<Services> {
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.SIFT_DATA_DIR,
    embeddedPort: config.SIFT_EMBEDDED_PG_PORT,
    onLog: (line) => log.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  const logDatabaseError = (source: string) => (error: Error & { code?: string }) =>
    log.error({ source, error: error.message, code: error.code }, 'database connection error');
  const db = createPrismaClient(database.url, { onPoolError: logDatabaseError('prisma pool') });
  const boss = await startBoss(database.url, { onError: logDatabaseError('pg-boss') });
  await ensureQueues(boss, taskKinds);
  const storage = createPostgresUploadStorage(db);
  const cache = createPgCache(db);
  const tasks = createTaskService({ db, boss, storage, cache, kinds: taskKinds });
  let workers: Workers | null = null;
  if (options.workers) {
    workers = await startWorkers(
      { db, boss, storage, cache, kinds: taskKinds },
      { concurrency: config.SIFT_WORKER_CONCURRENCY, log: (message, fields) => log.info(fields ?? {}, message) },
    );
    await scheduleMaintenance(boss, cache);
  }
  return {
    databaseUrl: database.url,
    db,
    boss,
    storage,
    cache,
    tasks,
    workers,
    async stop() {
      await workers?.stop(config.SIFT_SHUTDOWN_GRACE_SECONDS * 1000);
      await boss.stop({ graceful: true, timeout: 5000 });
      await db.$disconnect();
      await database.stop();
    },
  };
}
