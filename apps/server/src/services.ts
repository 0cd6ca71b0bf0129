// Starts what a Sift process needs, in order: database (embedded unless DATABASE_URL),
// migrations, Prisma, pg-boss with its queues, and optionally the workers. `stop` undoes it
// in reverse, letting running tasks finish within the configured grace period.
import { connectDatabase } from '@sift/db';
import { startTaskLayer, type TaskLayer } from '@sift/tasks';
import { llmSettings, type Config } from './config.ts';
import type { Logger } from './logger.ts';

export interface Services extends TaskLayer {
  databaseUrl: string;
  stop: () => Promise<void>;
}

export async function startServices(config: Config, log: Logger, options: { workers: boolean }): Promise<Services> {
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.SIFT_DATA_DIR,
    embeddedPort: config.SIFT_EMBEDDED_PG_PORT,
    onLog: (line) => log.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  const layer = await startTaskLayer(database.url, {
    settings: { llm: llmSettings(config) },
    workers: options.workers && {
      concurrency: config.SIFT_WORKER_CONCURRENCY,
      log: (message, fields) => log.info(fields ?? {}, message),
    },
    onDatabaseError: (source, error) => log.error({ source, error: error.message, code: error.code }, 'database connection error'),
  });
  return {
    ...layer,
    databaseUrl: database.url,
    async stop() {
      await layer.stop(config.SIFT_SHUTDOWN_GRACE_SECONDS * 1000);
      await database.stop();
    },
  };
}
