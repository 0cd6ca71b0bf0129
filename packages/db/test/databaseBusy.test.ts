// "Every connection is busy" is told apart from "the database is down": both are worth retrying,
// but the researcher is told the right one. Checked against a real pool held by a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, isDatabaseBusy, isDatabaseUnavailable, type Db } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url, { max: 1, acquireTimeoutMs: 300 });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

/** Runs `attempt` while the pool's only connection is held by a transaction; returns what it threw. */
async function whileHeld(attempt: () => Promise<unknown>): Promise<unknown> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = () => {};
  const holding = new Promise<void>((resolve) => (held = resolve));
  const holder = db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1`;
    held();
    await released;
  }, { timeout: 10_000 });
  await holding;
  try {
    return await attempt().then(() => null, (error: unknown) => error);
  } finally {
    release();
    await holder;
  }
}

describe('database busy', () => {
  it('a query that waits past the acquire timeout for a connection is "busy", not "unavailable"', async () => {
    const error = await whileHeld(() => db.task.count());
    expect(error).not.toBeNull();
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('a transaction that cannot start within its maxWait is "busy"', async () => {
    const error = await whileHeld(() => db.$transaction(async (tx) => tx.task.count(), { maxWait: 200 }));
    expect(error).not.toBeNull();
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('once the connection is free again, the same client works', async () => {
    await whileHeld(() => db.task.count());
    expect(await db.task.count()).toBe(0);
  });

  it('an ordinary query error is neither', async () => {
    const error = await db.$queryRawUnsafe('SELECT * FROM no_such_table').then(() => null, (caught: unknown) => caught);
    expect(isDatabaseBusy(error)).toBe(false);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
