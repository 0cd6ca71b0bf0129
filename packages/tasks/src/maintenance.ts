// Housekeeping jobs scheduled through pg-boss (cron, deduplicated across processes): removing
// expired cache entries in batches and ended rate-limit windows (rateWindows.ts), and orphan
// uploads past their retention (uploadRetention.ts).
import type { Db } from '@sift/db';
import { createQueueOnce, type Boss } from './boss.ts';
import type { PgCache } from './cache.ts';
import { deleteEndedRateWindows } from './rateWindows.ts';
import { deleteOrphanUploads } from './uploadRetention.ts';

export const CACHE_CLEANUP_QUEUE = 'cache-cleanup';
export const UPLOAD_CLEANUP_QUEUE = 'upload-cleanup';

/** How long an upload no task uses is kept. (Default: 24 hours) */
export const DEFAULT_UPLOAD_RETENTION_HOURS = 24;

export interface MaintenanceOptions {
  cron?: string;
  uploadCron?: string;
  uploadRetentionHours?: number;
}

export async function scheduleMaintenance(boss: Boss, services: { cache: PgCache; db: Db }, options: MaintenanceOptions = {}): Promise<void> {
  await createQueueOnce(boss, CACHE_CLEANUP_QUEUE, { retryLimit: 1 });
  await boss.schedule(CACHE_CLEANUP_QUEUE, options.cron ?? '*/10 * * * *');
  await boss.work(CACHE_CLEANUP_QUEUE, async () => ({
    removed: await services.cache.deleteExpired(),
    rateWindows: await deleteEndedRateWindows(services.db),
  }));

  const retentionMs = (options.uploadRetentionHours ?? DEFAULT_UPLOAD_RETENTION_HOURS) * 60 * 60 * 1000;
  await createQueueOnce(boss, UPLOAD_CLEANUP_QUEUE, { retryLimit: 1 });
  await boss.schedule(UPLOAD_CLEANUP_QUEUE, options.uploadCron ?? '17 * * * *');
  await boss.work(UPLOAD_CLEANUP_QUEUE, async () => ({ removed: await deleteOrphanUploads(services.db, retentionMs) }));
}
