// The one way Sift code gets a Prisma client: through the pg driver adapter (no engine binary),
// on a pg pool this module creates and remembers, so bulk writes (bulkCopy.ts) can take a raw
// connection from the same pool, under the same limits, instead of opening their own.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export interface ClientOptions {
  /** Connections in the pool (10). */
  max?: number;
  /**
   * How long a query waits for a free connection before it fails as "busy" (5 s). Without it a
   * request would wait forever behind a pool that other requests hold.
   */
  acquireTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrismaClient(url: string, options: ClientOptions = {}): PrismaClient {
  // A connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it and the next query reconnects, so errors are only reported.
  const onError = options.onPoolError ?? (() => {});
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.acquireTimeoutMs ?? 5000 });
  const adapter = new PrismaPg(pool, { onPoolError: onError, onConnectionError: onError, disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  pools.set(client, pool);
  return client;
}

/** The pg pool under a client made by createPrismaClient. */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('This Prisma client was not made by createPrismaClient, so it has no pool to copy through.');
  return pool;
}

export type Db = PrismaClient;
