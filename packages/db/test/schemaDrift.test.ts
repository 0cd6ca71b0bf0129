import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabaseSchema, describeDeclaredSchema, type SchemaDescription } from '../src/schemaDrift.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const snapshot = fileURLToPath(new URL('../src/generated/schema-snapshot.json', import.meta.url));
let database: TestDatabase;
let declared: SchemaDescription;

beforeAll(async () => {
  database = await createTestDatabase();
  declared = await describeDeclaredSchema(snapshot);
});
afterAll(() => database.drop());

async function exec(sql: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('schema drift', () => {
  it('the migrated database matches schema.prisma: tables, columns, types, nullability, defaults, keys, indexes, enums', async () => {
    expect(Object.keys(declared.tables).length).toBeGreaterThan(3);
    expect(await describeDatabaseSchema(database.url)).toEqual(declared);
  });

  it('notices a column the migrations add that schema.prisma lacks, and a changed type', async () => {
    await exec('ALTER TABLE task ADD COLUMN surprise text; ALTER TABLE upload ALTER COLUMN size TYPE integer');
    const actual = await describeDatabaseSchema(database.url);
    expect(actual.tables.task?.columns.surprise).toBeDefined();
    expect(actual.tables.upload?.columns.size?.type).toBe('integer');
    expect(declared.tables.upload?.columns.size?.type).toBe('bigint');
    expect(actual).not.toEqual(declared);
  });
});
