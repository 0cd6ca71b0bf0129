// A generic TTL key/value cache in Postgres (no Redis). Values are JSON. Expired entries are
// never returned: a read that finds one deletes it (lazy expiry), and a scheduled pg-boss job
// removes the rest in small batches so no single DELETE locks the table for long.
import type { Db, Prisma } from '@sift/db';

export type CacheValue = Prisma.InputJsonValue;

export interface PgCache {
  get<T extends CacheValue>(key: string): Promise<T | undefined>;
  /** ttlSeconds omitted: the entry never expires. */
  set(key: string, value: CacheValue, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  getOrSet<T extends CacheValue>(key: string, ttlSeconds: number | undefined, compute: () => Promise<T>): Promise<T>;
  /** Deletes expired entries, `batchSize` at a time; returns how many were removed. */
  deleteExpired(batchSize?: number): Promise<number>;
}

export function createPgCache(db: Db): PgCache {
  const cache: PgCache = {
    async get<T extends CacheValue>(key: string) {
      const entry = await db.cacheEntry.findUnique({ where: { key } });
      if (!entry) return undefined;
      if (entry.expiresAt && entry.expiresAt.getTime() <= Date.now()) {
        // Only delete if still expired: a concurrent set() may have refreshed it.
        await db.cacheEntry.deleteMany({ where: { key, expiresAt: { lte: new Date() } } });
        return undefined;
      }
      return entry.value as T;
    },

    async set(key, value, ttlSeconds) {
      const expiresAt = ttlSeconds === undefined ? null : new Date(Date.now() + ttlSeconds * 1000);
      await db.cacheEntry.upsert({
        where: { key },
        create: { key, value, expiresAt },
        update: { value, expiresAt, updatedAt: new Date() },
      });
    },

    async delete(key) {
      await db.cacheEntry.deleteMany({ where: { key } });
    },

    async getOrSet(key, ttlSeconds, compute) {
      const hit = await cache.get<Awaited<ReturnType<typeof compute>>>(key);
      if (hit !== undefined) return hit;
      const value = await compute();
      await cache.set(key, value, ttlSeconds);
      return value;
    },

    async deleteExpired(batchSize = 1000) {
      let removed = 0;
      for (;;) {
        const count = await db.$executeRaw`
          DELETE FROM cache_entry WHERE key IN (
            SELECT key FROM cache_entry WHERE expires_at <= now() LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
        removed += count;
        if (count < batchSize) return removed;
      }
    },
  };
  return cache;
}
