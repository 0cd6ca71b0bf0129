// A generic TTL key/value cache in Postgres (no Redis). Values are JSON. Expired entries are
// never returned: a read that finds one deletes it (lazy expiry), and a scheduled pg-boss job
// removes the rest in small batches so no single DELETE locks the table for long. Each process
// counts its own hits and misses, for the hit rate the operations page shows.
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
  /** Reads of this process that found a live entry (hits) or none (misses), since `since`. */
  readCounts(): CacheReadCounts;
  /** What the cache holds: entries, expired ones not yet removed, sizes, and the largest key prefixes. */
  summary(): Promise<CacheSummary>;
  /** Deletes every entry whose key starts with `prefix`; returns how many were removed. */
  deletePrefix(prefix: string): Promise<number>;
}

export interface CacheSummary {
  entries: number;
  expired: number;
  /** Bytes of the stored keys and values. */
  dataBytes: number;
  /** Bytes of the table on disk, with its index and TOAST (dead rows included until vacuumed). */
  tableBytes: number;
  /** Keys grouped by their text up to the first ":" (e.g. "dataset-order:"), most entries first. */
  prefixes: { prefix: string; entries: number; expired: number; dataBytes: number }[];
}

export interface CacheReadCounts {
  hits: number;
  misses: number;
  since: Date;
}

export function createPgCache(db: Db): PgCache {
  const counts: CacheReadCounts = { hits: 0, misses: 0, since: new Date() };
  const cache: PgCache = {
    async get<T extends CacheValue>(key: string) {
      const entry = await db.cacheEntry.findUnique({ where: { key } });
      if (!entry) {
        counts.misses++;
        return undefined;
      }
      if (entry.expiresAt && entry.expiresAt.getTime() <= Date.now()) {
        counts.misses++;
        // Only delete if still expired: a concurrent set() may have refreshed it.
        await db.cacheEntry.deleteMany({ where: { key, expiresAt: { lte: new Date() } } });
        return undefined;
      }
      counts.hits++;
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

    readCounts: () => ({ ...counts }),

    async summary() {
      const [totals] = await db.$queryRaw<{ entries: number; expired: number; data_bytes: number; table_bytes: number }[]>`
        SELECT count(*)::int AS entries,
               (count(*) FILTER (WHERE expires_at <= now()))::int AS expired,
               coalesce(sum(octet_length(key) + pg_column_size(value)), 0)::float8 AS data_bytes,
               pg_total_relation_size('cache_entry')::float8 AS table_bytes
        FROM cache_entry`;
      const prefixes = await db.$queryRaw<{ prefix: string; entries: number; expired: number; data_bytes: number }[]>`
        SELECT CASE WHEN strpos(key, ':') > 0 THEN split_part(key, ':', 1) || ':' ELSE key END AS prefix,
               count(*)::int AS entries,
               (count(*) FILTER (WHERE expires_at <= now()))::int AS expired,
               sum(octet_length(key) + pg_column_size(value))::float8 AS data_bytes
        FROM cache_entry GROUP BY 1 ORDER BY entries DESC, prefix LIMIT 50`;
      return {
        entries: totals?.entries ?? 0,
        expired: totals?.expired ?? 0,
        dataBytes: totals?.data_bytes ?? 0,
        tableBytes: totals?.table_bytes ?? 0,
        prefixes: prefixes.map((row) => ({ prefix: row.prefix, entries: row.entries, expired: row.expired, dataBytes: row.data_bytes })),
      };
    },

    async deletePrefix(prefix) {
      return db.$executeRaw`DELETE FROM cache_entry WHERE starts_with(key, ${prefix})`;
    },
  };
  return cache;
}
