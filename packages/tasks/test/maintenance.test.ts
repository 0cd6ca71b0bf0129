import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../src/index.ts';
import { CACHE_CLEANUP_QUEUE, UPLOAD_CLEANUP_QUEUE } from '../src/maintenance.ts';
import { startHarness, type Harness } from '../src/testing.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ kinds: [], workers: false });
  await scheduleMaintenance(h.boss, { cache: h.cache, db: h.db }, { uploadRetentionHours: 1 });
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

describe('upload retention through pg-boss', () => {
  it('is scheduled hourly', async () => {
    expect((await h.boss.getSchedules(UPLOAD_CLEANUP_QUEUE)).map((schedule) => schedule.cron)).toEqual(['17 * * * *']);
  });

  it('deletes old uploads no task uses and the chunks of old uploads a crash left incomplete; keeps recent ones and those a task names', async () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000);
    const upload = async (name: string, createdAt: Date, complete: boolean) => {
      const row = await h.db.upload.create({ data: { ownerId: 'o', fileName: name, mediaType: 'text/csv', size: 3, complete, createdAt } });
      await h.db.uploadChunk.create({ data: { uploadId: row.id, seq: 0, bytes: Buffer.from('a,b') } });
      return row.id;
    };
    await upload('unused-old.csv', hoursAgo(2), true);
    await upload('crashed-old.csv', hoursAgo(2), false);
    const recent = await upload('unused-recent.csv', hoursAgo(0.5), true);
    const used = await upload('used-old.csv', hoursAgo(2), true);
    await h.db.task.create({ data: { ownerId: 'o', kind: 'spreadsheet', title: 'used', input: { uploadId: used } } });

    await h.boss.send(UPLOAD_CLEANUP_QUEUE, {});
    for (let i = 0; i < 100 && (await h.db.upload.count()) > 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await h.db.upload.findMany({ orderBy: { fileName: 'asc' } })).map((row) => row.id)).toEqual([recent, used]);
    expect(await h.db.uploadChunk.count()).toBe(2);
  });
});
