// What /readyz answers, which anyone may ask: whether this process can do its own job (database
// reachable, migrations applied, its own workers started when it runs them) and, reported apart,
// whether any live process runs workers at all, so an API with no worker alive does not look
// ready for work. Failures are named without the error's text (host names, SQL); that goes to
// the log under the reference shown.
import { listPendingMigrations, type Db } from '@sift/db';
import { newErrorReference, type Operations } from '@sift/tasks';
import type { Logger } from './logger.ts';

export interface Check {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  /** This process can serve what it is for. */
  ready: boolean;
  checks: { database: Check; migrations: Check; workers: Check };
  /** Whether queued tasks will run: some live process (this one or another) runs workers. */
  work: Check & { workerProcesses: number };
}

/** A readiness probe must answer promptly even when the database does not. */
const DATABASE_CHECK_MS = 2000;

export function createReadiness(options: {
  db: Db;
  operations: Pick<Operations, 'processes'>;
  log: Logger;
  /** This process's own workers: off, started, or stopping. */
  ownWorkers: () => Check;
}): () => Promise<Readiness> {
  const { db, log } = options;
  const failed = (what: string, error: unknown): string => {
    const reference = newErrorReference();
    log.warn({ err: error, errorReference: reference }, `readiness: ${what}`);
    return `reference ${reference} in the server log`;
  };

  const withinTime = <T>(work: Promise<T>) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_CHECK_MS} ms`)), DATABASE_CHECK_MS);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  return async () => {
    const database: Check = await withinTime(db.$queryRaw`SELECT 1`).then(
      () => ({ ok: true, detail: 'reachable' }),
      (error: unknown) => ({ ok: false, detail: `unreachable (${failed('database unreachable', error)})` }),
    );
    const migrations: Check = database.ok
      ? await listPendingMigrations(db).then(
          (pending) => (pending.length ? { ok: false, detail: `not applied: ${pending.join(', ')}` } : { ok: true, detail: 'all applied' }),
          (error: unknown) => ({ ok: false, detail: `could not be read (${failed('migrations unreadable', error)})` }),
        )
      : { ok: false, detail: 'unknown while the database is unreachable' };
    const workers = options.ownWorkers();
    const workerProcesses = database.ok
      ? await withinTime(options.operations.processes()).then(
          (processes) => processes.filter((process) => process.live && process.queues.length > 0).length,
          () => 0,
        )
      : 0;
    const work = {
      ok: workerProcesses > 0,
      workerProcesses,
      detail: workerProcesses
        ? `${workerProcesses} live ${workerProcesses === 1 ? 'process runs' : 'processes run'} workers`
        : 'no live process runs workers: tasks wait in the queue until one starts (npm run worker, or the compose worker service)',
    };
    return { ready: database.ok && migrations.ok && workers.ok, checks: { database, migrations, workers }, work };
  };
}
