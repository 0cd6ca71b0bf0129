// The one way Sift code gets a Prisma client: through the pg driver adapter (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
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

export function createPrismaClient(url: string, options: ClientOptions = {}): PrismaClient {
  // A connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it and the next query reconnects, so errors are only reported.
  const onError = options.onPoolError ?? (() => {});
  const adapter = new PrismaPg(
    { connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.acquireTimeoutMs ?? 5000 },
    { onPoolError: onError, onConnectionError: onError },
  );
  return new PrismaClient({ adapter });
}

export type Db = PrismaClient;
