// What /readyz asks before it says "ready": has this database recorded every migration in the folder?
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, listPendingMigrations, type Db } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe('listPendingMigrations', () => {
  it('is empty on a migrated database and names a migration the database has not recorded', async () => {
    expect(await listPendingMigrations(db)).toEqual([]);
    await db.$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = '20261124050000_ops'`;
    expect(await listPendingMigrations(db)).toEqual(['20261124050000_ops']);
  });
});
