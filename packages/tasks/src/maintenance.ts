// Housekeeping jobs scheduled through pg-boss (cron, deduplicated across processes):
// removing expired cache entries in batches.
import { createQueueOnce, type Boss } from './boss.ts';
import type { PgCache } from './cache.ts';

export const CACHE_CLEANUP_QUEUE = 'cache-cleanup';

export async function scheduleMaintenance(boss: Boss, cache: PgCache, options: { cron?: string } = {}): Promise<void> {
  await createQueueOnce(boss, CACHE_CLEANUP_QUEUE, { retryLimit: 1 });
  await boss.schedule(CACHE_CLEANUP_QUEUE, options.cron ?? '*/10 * * * *');
  await boss.work(CACHE_CLEANUP_QUEUE, async () => ({ removed: await cache.deleteExpired() }));
}
