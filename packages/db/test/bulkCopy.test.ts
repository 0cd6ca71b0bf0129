// The bulk-write path when the server goes away mid-copy (a restart, an operator's terminate): the
// copy fails at the holder's next write or commit, in words pg gives, and nothing else breaks (an
// unheard connection error used to end the whole process), and nothing of the copy is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, openBulkCopy, type Db } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
  await db.$executeRawUnsafe('CREATE TABLE bulk_probe (n int NOT NULL)');
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe('openBulkCopy', () => {
  it('commits every row it was given', async () => {
    const copy = await openBulkCopy(db, { copy: 'COPY bulk_probe (n) FROM STDIN' });
    await copy.write('1\n2\n3\n');
    expect(await copy.commit()).toBe(3);
    expect(await db.$queryRawUnsafe<{ count: number }[]>('SELECT count(*)::int AS count FROM bulk_probe')).toEqual([{ count: 3 }]);
  });

  it('fails the copy, not the process, when its connection is terminated mid-copy, and keeps none of its rows', async () => {
    const copy = await openBulkCopy(db, { copy: 'COPY bulk_probe (n) FROM STDIN' });
    await copy.write('10\n11\n');
    await db.$executeRawUnsafe(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY bulk_probe%' AND pid <> pg_backend_pid()",
    );
    const outcome = (async () => {
      for (let row = 12; row < 100_000; row += 1) await copy.write(`${row}\n`);
      return copy.commit();
    })();
    await expect(outcome).rejects.toThrow();
    copy.abort();
    expect(await db.$queryRawUnsafe<{ count: number }[]>('SELECT count(*)::int AS count FROM bulk_probe')).toEqual([{ count: 3 }]);
  });
});
