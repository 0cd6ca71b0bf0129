// Housekeeping jobs scheduled through pg-boss (cron, deduplicated across processes): removing
// expired cache entries in batches and ended rate-limit windows (rateWindows.ts), the trash past
// its retention (data/trash.ts), and orphan uploads past theirs (uploadRetention.ts), which
// include the uploads of purged work.
import type { Db } from '@sift/db';
import { createQueueOnce, type Boss } from './boss.ts';
import type { PgCache } from './cache.ts';
import { DEFAULT_TRASH_DAYS, purgeTrash } from './data/trash.ts';
import { deleteEndedRateWindows } from './rateWindows.ts';
import { deleteOrphanUploads } from './uploadRetention.ts';

export const CACHE_CLEANUP_QUEUE = 'cache-cleanup';
export const UPLOAD_CLEANUP_QUEUE = 'upload-cleanup';
export const TRASH_PURGE_QUEUE = 'trash-purge';

/** How long an upload no task uses is kept. (Default: 24 hours) */
export const DEFAULT_UPLOAD_RETENTION_HOURS = 24;

export interface MaintenanceOptions {
  cron?: string;
  uploadCron?: string;
  uploadRetentionHours?: number;
  /** How long deleted work stays restorable. (Default: 30 days) */
  trashDays?: number;
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

  const trashMs = (options.trashDays ?? DEFAULT_TRASH_DAYS) * 24 * 60 * 60 * 1000;
  await createQueueOnce(boss, TRASH_PURGE_QUEUE, { retryLimit: 1 });
  await boss.schedule(TRASH_PURGE_QUEUE, '41 * * * *');
  await boss.work(TRASH_PURGE_QUEUE, async () => purgeTrash(services.db, trashMs));
}
