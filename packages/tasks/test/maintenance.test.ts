import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../src/index.ts';
import { CACHE_CLEANUP_QUEUE } from '../src/maintenance.ts';
import { startHarness, type Harness } from '../src/testing.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ kinds: [], workers: false });
  await scheduleMaintenance(h.boss, h.cache);
});
afterAll(() => h.stop());

describe('cache cleanup through pg-boss', () => {
  it('is scheduled as a cron job', async () => {
    const schedules = await h.boss.getSchedules(CACHE_CLEANUP_QUEUE);
    expect(schedules.map((schedule) => schedule.cron)).toEqual(['*/10 * * * *']);
  });

  it('a cleanup job removes expired entries and keeps live ones', async () => {
    await h.cache.set('live', 1, 3600);
    await h.db.cacheEntry.createMany({ data: [1, 2, 3].map((i) => ({ key: `dead:${i}`, value: i, expiresAt: new Date(Date.now() - 1000) })) });
    await h.boss.send(CACHE_CLEANUP_QUEUE, {});
    for (let i = 0; i < 100 && (await h.db.cacheEntry.count()) > 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await h.db.cacheEntry.findMany()).map((entry) => entry.key)).toEqual(['live']);
  });
});
