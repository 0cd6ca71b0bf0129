// Starts what a Sift process needs, in order: database (embedded unless DATABASE_URL),
// migrations, Prisma, pg-boss with its queues, and optionally the workers. `stop` undoes it
// in reverse, letting running tasks finish within the configured grace period. `readiness`
// says whether this process can do its job right now (what /readyz answers).
import { connectDatabase } from '@sift/db';
import { startTaskLayer, type TaskLayer } from '@sift/tasks';
import { llmSettings, type Config } from './config.ts';
import type { Logger } from './logger.ts';
import { createReadiness, type Check, type Readiness } from './readiness.ts';

export type { Check, Readiness } from './readiness.ts';

export interface Services extends TaskLayer {
  databaseUrl: string;
  readiness: () => Promise<Readiness>;
  stop: () => Promise<void>;
}

export async function startServices(config: Config, log: Logger, options: { workers: boolean; processName?: string }): Promise<Services> {
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.SIFT_DATA_DIR,
    embeddedPort: config.SIFT_EMBEDDED_PG_PORT,
    onLog: (line) => log.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  const layer = await startTaskLayer(database.url, {
    settings: { llm: llmSettings(config), parseMemoryMb: config.SIFT_PARSE_MEMORY_MB },
    workers: options.workers && {
      concurrency: config.SIFT_WORKER_CONCURRENCY,
      log: (message, fields) => log.info(fields ?? {}, message),
    },
    processName: options.processName ?? 'server',
    uploadRetentionHours: config.SIFT_UPLOAD_RETENTION_HOURS,
    trashDays: config.SIFT_TRASH_DAYS,
    onDatabaseError: (source, error) => log.error({ source, error: error.message, code: error.code }, 'database connection error'),
    onQueueWarning: (warning) => log.warn({ pgBoss: warning.data }, warning.message),
  });
  let stopping = false;

  const ownWorkers = (): Check =>
    stopping
      ? { ok: false, detail: 'stopping' }
      : !options.workers
        ? { ok: true, detail: 'off in this process (SIFT_WORKERS=off; a worker process runs the tasks)' }
        : layer.workers
          ? { ok: true, detail: 'started' }
          : { ok: false, detail: 'not started' };

  return {
    ...layer,
    databaseUrl: database.url,
    readiness: createReadiness({ db: layer.db, operations: layer.operations, log, ownWorkers }),
    async stop() {
      stopping = true;
      await layer.stop(config.SIFT_SHUTDOWN_GRACE_SECONDS * 1000);
      await database.stop();
    },
  };
}
