import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@sift/db';
import { createTestDatabase, type TestDatabase } from '@sift/db/testing';
import { createPgCache, type PgCache } from '../src/cache.ts';

let database: TestDatabase;
let db: Db;
let cache: PgCache;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
  cache = createPgCache(db);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

const expire = (key: string) => db.cacheEntry.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1000) } });

describe('PgCache', () => {
  it('stores JSON values and returns them until deleted', async () => {
    await cache.set('profile:1', { columns: ['a', 'b'], rows: 3, nested: { ok: true } });
    expect(await cache.get('profile:1')).toEqual({ columns: ['a', 'b'], rows: 3, nested: { ok: true } });
    await cache.set('profile:1', [1, 2]);
    expect(await cache.get('profile:1')).toEqual([1, 2]);
    await cache.delete('profile:1');
    expect(await cache.get('profile:1')).toBeUndefined();
  });

  it('hides an expired entry and deletes it on read (lazy expiry)', async () => {
    await cache.set('short', 'value', 60);
    expect(await cache.get('short')).toBe('value');
    await expire('short');
    expect(await cache.get('short')).toBeUndefined();
    expect(await db.cacheEntry.count({ where: { key: 'short' } })).toBe(0);
  });

  it('honours a real TTL', async () => {
    await cache.set('ttl', 42, 1);
    expect(await cache.get('ttl')).toBe(42);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('ttl')).toBeUndefined();
  });

  it('getOrSet computes once, then serves the stored value', async () => {
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(await cache.getOrSet('expensive', 60, compute)).toEqual({ n: 1 });
    expect(await cache.getOrSet('expensive', 60, compute)).toEqual({ n: 1 });
    expect(computed).toBe(1);
    await expire('expensive');
    expect(await cache.getOrSet('expensive', 60, compute)).toEqual({ n: 2 });
  });

  it('deleteExpired removes only expired entries, in batches', async () => {
    await db.cacheEntry.deleteMany();
    const past = new Date(Date.now() - 60_000);
    await db.cacheEntry.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ key: `old:${i}`, value: i, expiresAt: past })) });
    await cache.set('fresh', 1, 3600);
    await cache.set('forever', 2);
    expect(await cache.deleteExpired(10)).toBe(25);
    expect((await db.cacheEntry.findMany({ orderBy: { key: 'asc' } })).map((entry) => entry.key)).toEqual(['forever', 'fresh']);
  });

  it('counts this process\'s hits and misses: an expired entry is a miss, getOrSet counts its own read', async () => {
    const counter = createPgCache(db); // a fresh process's view: counts start at zero
    await counter.set('count:live', 1);
    await counter.set('count:stale', 2, 60);
    await expire('count:stale');
    await counter.get('count:live');
    await counter.get('count:stale');
    await counter.get('count:absent');
    await counter.getOrSet('count:computed', undefined, async () => 3);
    await counter.getOrSet('count:computed', undefined, async () => 4);
    expect(counter.readCounts()).toMatchObject({ hits: 2, misses: 3 });
    expect(counter.readCounts().since).toBeInstanceOf(Date);
  });

  it('summarises entries, expired leftovers and sizes by key prefix, and clears one prefix only', async () => {
    await db.cacheEntry.deleteMany();
    await cache.set('dataset-order:a', { order: [3, 1, 2] });
    await cache.set('dataset-order:b', { order: [1] }, 60);
    await expire('dataset-order:b');
    await cache.set('profile:x', 'p');
    await cache.set('plain', true);
    const summary = await cache.summary();
    expect(summary).toMatchObject({ entries: 4, expired: 1 });
    expect(summary.dataBytes).toBeGreaterThan(0);
    expect(summary.tableBytes).toBeGreaterThan(summary.dataBytes);
    expect(summary.prefixes.map(({ prefix, entries, expired }) => ({ prefix, entries, expired }))).toEqual([
      { prefix: 'dataset-order:', entries: 2, expired: 1 },
      { prefix: 'plain', entries: 1, expired: 0 },
      { prefix: 'profile:', entries: 1, expired: 0 },
    ]);

    // A prefix is matched as text, not a pattern: "_" and "%" mean themselves.
    await cache.set('a_b:1', 1);
    await cache.set('axb:1', 1);
    expect(await cache.deletePrefix('a_b')).toBe(1);
    expect(await cache.deletePrefix('dataset-order:')).toBe(2);
    expect((await db.cacheEntry.findMany({ orderBy: { key: 'asc' } })).map((entry) => entry.key)).toEqual(['axb:1', 'plain', 'profile:x']);
  });
});
