// Test databases: vitest's global setup migrates one template database (plus whatever the
// caller's `prepare` installs, e.g. pg-boss's schema); each test file clones its own copy,
// so files never share state. Each clone is dropped when its file's tests end, passed or failed.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from './embeddedPostgres.ts';
import { migrate } from './migrate.ts';

const TEMPLATE = 'sift_template';
export const TEST_SERVER_ENV = 'SIFT_TEST_SERVER_URL';

/** For vitest `globalSetup`: starts a throwaway cluster (or uses DATABASE_URL's server) and builds the template. */
export async function setupTestServer(prepare?: (templateUrl: string) => Promise<void>): Promise<() => Promise<void>> {
  let serverUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-test-pg-'));
    await chmod(dataDir, 0o755); // as root, the server runs as the `postgres` user, which must reach it
    const port = 20000 + Math.floor(Math.random() * 20000);
    const cluster = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    serverUrl = cluster.url;
    stop = async () => {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const template = `${TEMPLATE}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
  const templateUrl = withDatabase(serverUrl, template);
  await migrate(templateUrl);
  await prepare?.(templateUrl);
  process.env[TEST_SERVER_ENV] = templateUrl;
  return async () => {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
    await stop();
  };
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh database cloned from the template built by `setupTestServer` (migrated), or a bare one with `empty`. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const templateUrl = process.env[TEST_SERVER_ENV];
  if (!templateUrl) throw new Error('No test template: add @sift/db/testing setupTestServer to vitest globalSetup.');
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `sift_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = withDatabase(templateUrl, 'postgres');
  await adminQuery(adminUrl, options.empty ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(templateUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
