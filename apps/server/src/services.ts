// Starts what a Sift process needs, in order: database (embedded unless DATABASE_URL),
// migrations, Prisma, pg-boss with its queues, and optionally the workers. `stop` undoes it
// in reverse, letting running tasks finish within the configured grace period. `readiness`
// says whether this process can do its job right now (what /readyz answers).
import { connectDatabase, listPendingMigrations } from '@sift/db';
import { startTaskLayer, type TaskLayer } from '@sift/tasks';
import { llmSettings, type Config } from './config.ts';
import type { Logger } from './logger.ts';

export interface Check {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; workers: Check };
}

export interface Services extends TaskLayer {
  databaseUrl: string;
  readiness: () => Promise<Readiness>;
  stop: () => Promise<void>;
}

/** A readiness probe must answer promptly even when the database does not. */
const DATABASE_CHECK_MS = 2000;

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
    onDatabaseError: (source, error) => log.error({ source, error: error.message, code: error.code }, 'database connection error'),
    onQueueWarning: (warning) => log.warn({ pgBoss: warning.data }, warning.message),
  });
  let stopping = false;

  async function checkDatabase(): Promise<Check> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_CHECK_MS} ms`)), DATABASE_CHECK_MS);
    });
    try {
      await Promise.race([layer.db.$queryRaw`SELECT 1`, timeout]);
      return { ok: true, detail: 'reachable' };
    } catch (error) {
      return { ok: false, detail: `unreachable: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    ...layer,
    databaseUrl: database.url,
    async readiness() {
      const database = await checkDatabase();
      const migrations: Check = database.ok
        ? await listPendingMigrations(layer.db).then(
            (pending) => (pending.length ? { ok: false, detail: `not applied: ${pending.join(', ')}` } : { ok: true, detail: 'all applied' }),
            (error: Error) => ({ ok: false, detail: `could not be read: ${error.message}` }),
          )
        : { ok: false, detail: 'unknown while the database is unreachable' };
      const workers: Check = stopping
        ? { ok: false, detail: 'stopping' }
        : !options.workers
          ? { ok: true, detail: 'off in this process (SIFT_WORKERS=off; a worker process runs the tasks)' }
          : layer.workers
            ? { ok: true, detail: 'started' }
            : { ok: false, detail: 'not started' };
      return { ready: database.ok && migrations.ok && workers.ok, checks: { database, migrations, workers } };
    },
    async stop() {
      stopping = true;
      await layer.stop(config.SIFT_SHUTDOWN_GRACE_SECONDS * 1000);
      await database.stop();
    },
  };
}
