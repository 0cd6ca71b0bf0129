// Postgres cache figures: PgCache get (hit) and set of a 1 KB JSON value beside the floor of any
// Postgres call (SELECT 1 through the same Prisma client); and the cache's use on the hot path,
// a sorted preview page whose row order is cached (hit) beside the same page when the order is
// computed first (miss: sort 3,339 rows in Postgres, store the order, read the page).
import type { Db } from '@sift/db';
import type { PgCache } from '@sift/tasks';
import { timeCalls } from './measure.ts';
import type { BenchContext } from './context.ts';

export interface CacheBenchOptions {
  db: Db;
  cache: PgCache;
  runs: number;
  calls: number;
  /** Sorted pages per run, each on a new (column, direction): one miss, then one hit. */
  sortedPairs: number;
  /** Reads one sorted page of the bench dataset through the HTTP API. */
  sortedPage: (column: number, direction: 'asc' | 'desc', offset: number) => Promise<unknown>;
  columns: number;
}

export async function benchCache(add: BenchContext['add'], options: CacheBenchOptions): Promise<void> {
  const section = 'Postgres cache';
  const { db, cache, runs, calls } = options;
  const value = { rows: Array.from({ length: 40 }, (_, i) => ({ index: i, label: `value ${i}` })) }; // about 1 KB as JSON
  const selectOne = await timeCalls(runs, calls, () => db.$queryRaw`SELECT 1`);
  const set = await timeCalls(runs, calls, (i) => cache.set(`bench:${i % 50}`, value, 3600));
  const get = await timeCalls(runs, calls, (i) => cache.get(`bench:${i % 50}`));
  const floor = { name: 'SELECT 1, same client', ...selectOne };
  add({ section, name: 'PgCache.get, hit (1 KB JSON)', unit: 'ms', sift: get, baseline: floor });
  add({ section, name: 'PgCache.set, upsert (1 KB JSON)', unit: 'ms', sift: set, baseline: floor });

  // Each (column, direction) is new on its first page (the order is computed and cached) and cached on its second.
  const orders = Array.from({ length: options.columns - 1 }, (_, i) => 1 + i).flatMap((column) => [[column, 'asc'], [column, 'desc']] as const);
  const pairs = Math.min(options.sortedPairs, Math.floor(orders.length / runs));
  const order = (i: number) => orders[i]!;
  const miss = await timeCalls(runs, pairs, (i) => options.sortedPage(order(i)[0], order(i)[1], 0));
  const hit = await timeCalls(runs, pairs, (i) => options.sortedPage(order(i)[0], order(i)[1], 1000));
  add({
    section,
    name: 'sorted preview page (50 x 151), row order cached in Postgres (hit)',
    unit: 'ms',
    sift: hit,
    baseline: { name: 'same page, order computed and stored (miss)', ...miss },
    headline: 'sorted page: cached order vs recompute',
  });
}
