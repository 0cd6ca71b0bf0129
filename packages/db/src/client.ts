// The one way Sift code gets a Prisma client: through the pg driver adapter (no engine binary).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export function createPrismaClient(url: string, options: { max?: number; onPoolError?: (error: Error) => void } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it and the next query reconnects.
  pool.on('error', options.onPoolError ?? (() => {}));
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export type Db = PrismaClient;
