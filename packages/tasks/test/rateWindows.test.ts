// Rate limits kept in Postgres: per session and per address, both or neither counted, refunds,
// a window that ends, concurrent takes that never pass the limit together, and two limiters on
// one database (two API processes) sharing it. Ending a window is done by moving its end into the
// past in the table, not by waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedLimit, deleteEndedRateWindows } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kinds: [], workers: false });
});
afterAll(() => h.stop());

const at = (ownerId: string, address = '203.0.113.5') => ({ ownerId, address });

describe('shared rate limits in Postgres', () => {
  it('limits the session and, at addressFactor times that, the address; a refused take counts against neither', async () => {
    const limit = createSharedLimit(h.db, { name: 'writes', max: 2, windowMs: 60_000, addressFactor: 2 });
    expect([await limit.take(at('s1')), await limit.take(at('s1'))]).toEqual([0, 0]);
    const wait = await limit.take(at('s1'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect([await limit.take(at('s2')), await limit.take(at('s2'))]).toEqual([0, 0]);
    expect(await limit.take(at('s3'))).toBeGreaterThan(0); // a new cookie, the same address
    expect(await limit.take(at('s3', '203.0.113.6'))).toBe(0);
    // s3's refused take at the full address was not counted against s3.
    expect(await limit.take(at('s3', '203.0.113.6'))).toBe(0);
    expect(await limit.take(at('s3', '203.0.113.6'))).toBeGreaterThan(0);
  });

  it('counts weighted amounts, refuses one too big for the window whole, and takes back refunds', async () => {
    const bytes = createSharedLimit(h.db, { name: 'upload-bytes', max: 1000, windowMs: 3_600_000, addressFactor: 4 });
    expect(await bytes.take(at('u1'), 5000)).toBeGreaterThan(0);
    expect(await bytes.take(at('u1'), 800)).toBe(0);
    expect(await bytes.take(at('u1'), 300)).toBeGreaterThan(3000); // about an hour to wait
    await bytes.refund(at('u1'), 500);
    expect(await bytes.take(at('u1'), 300)).toBe(0);
  });

  it('starts a new window once the old one has ended, and the cleanup deletes ended windows', async () => {
    const limit = createSharedLimit(h.db, { name: 'task-starts', max: 1, windowMs: 60_000, addressFactor: 1 });
    expect(await limit.take(at('e1', '198.51.100.1'))).toBe(0);
    expect(await limit.take(at('e1', '198.51.100.1'))).toBeGreaterThan(0);
    await h.db.$executeRaw`UPDATE rate_window SET expires_at = now() - interval '1 second' WHERE key LIKE 'task-starts:%'`;
    expect(await limit.take(at('e1', '198.51.100.1'))).toBe(0);
    await h.db.$executeRaw`UPDATE rate_window SET expires_at = now() - interval '1 second' WHERE key LIKE 'task-starts:%'`;
    expect(await deleteEndedRateWindows(h.db)).toBe(2);
    expect(await h.db.rateWindow.count({ where: { key: { startsWith: 'task-starts:' } } })).toBe(0);
  });

  it('two limiters on one database (two API processes) share the limit, and concurrent takes never pass it together', async () => {
    const options = { name: 'shared', max: 5, windowMs: 60_000, addressFactor: 4 };
    const processA = createSharedLimit(h.db, options);
    const processB = createSharedLimit(h.db, options);
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? processA : processB).take(at('c1', '192.0.2.7'))));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    expect(await processA.take(at('c1', '192.0.2.7'))).toBeGreaterThan(0);
    expect(await processB.take(at('c1', '192.0.2.7'))).toBeGreaterThan(0);
  });
});
