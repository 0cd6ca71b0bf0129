// The one way Sift code gets a Prisma client: through the pg driver adapter (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export function createPrismaClient(url: string, options: { max?: number; onPoolError?: (error: Error) => void } = {}): PrismaClient {
  // A connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it and the next query reconnects, so errors are only reported.
  const onError = options.onPoolError ?? (() => {});
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 }, { onPoolError: onError, onConnectionError: onError });
  return new PrismaClient({ adapter });
}

export type Db = PrismaClient;
