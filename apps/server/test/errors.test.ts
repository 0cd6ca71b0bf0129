// Errors never show a browser the server's internals (issue 16, item 9): no stack traces or
// absolute paths under `npm start`, no Prisma SQL from a failed procedure or route, no database
// error text from the unauthenticated /readyz. The researcher gets a sentence and a reference,
// and the operator finds that reference in the log next to the real error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, readiness, startServer, type TestServer } from './serverHarness.ts';

let server: TestServer;
const logged: Record<string, unknown>[] = [];
const repoPath = new URL('../../../', import.meta.url).pathname;
/** What must never reach a browser: stack frames, this checkout's paths, Prisma's and Postgres's words. */
const INTERNALS = [/\n\s+at /, new RegExp(repoPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /node_modules/, /prisma/i, /relation "/, /SELECT|INSERT/];

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn', SIFT_WORKERS: 'off' }, { logTo: (line) => logged.push(line) });
});
afterAll(() => server.stop());

function expectNoInternals(text: string) {
  for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
}

/** Renames a table away for the duration of `act`, so the queries that use it fail as a broken database would. */
async function withTableGone<T>(table: string, act: () => Promise<T>): Promise<T> {
  await server.services.db.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}_gone"`);
  try {
    return await act();
  } finally {
    await server.services.db.$executeRawUnsafe(`ALTER TABLE "${table}_gone" RENAME TO "${table}"`);
  }
}

describe('errors a browser sees', () => {
  it('a refused tRPC call carries no stack trace or server path (NODE_ENV is not "development")', async () => {
    const bad = await client(server.baseUrl).request('/trpc/createTask', {
      method: 'POST',
      body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId: 'nope' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect((JSON.parse(text) as { error: { data: Record<string, unknown> } }).error.data.stack).toBeUndefined();
    expectNoInternals(text);
  });

  it('a procedure that fails in the database answers a plain sentence and a reference the log has with the real error', async () => {
    const researcher = client(server.baseUrl);
    const failed = await withTableGone('project', () => researcher.query('listProjects'));
    expect(failed.status).toBe(500);
    const text = JSON.stringify(failed.body);
    expectNoInternals(text);
    const reference = /reference ([0-9a-f]{10})/.exec(failed.body.error?.message ?? '')?.[1];
    expect(failed.body.error?.message).toMatch(/unexpected error.*tell the operator the reference/);
    const line = logged.find((entry) => entry.errorReference === reference);
    expect(JSON.stringify(line)).toMatch(/project/);
  });

  it('a route that fails in the database (a download) answers the same way', async () => {
    const researcher = client(server.baseUrl);
    const failed = await withTableGone('task', () => researcher.request(`/api/datasets/${crypto.randomUUID()}/export?format=csv`));
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as { error: string; reference: string };
    expectNoInternals(JSON.stringify(body));
    expect(body.error).toContain(`reference ${body.reference}`);
    expect(JSON.stringify(logged.find((entry) => entry.errorReference === body.reference))).toMatch(/task/);
  });

  it('/readyz names a failing check without the database error text', async () => {
    const failed = await withTableGone('_prisma_migrations', () => readiness(server.baseUrl));
    expect(failed.status).toBe(503);
    expect(failed.body.checks.migrations).toMatchObject({ ok: false, detail: expect.stringMatching(/^could not be read \(reference [0-9a-f]{10} in the server log\)$/) });
    expectNoInternals(JSON.stringify(failed.body));
  });
});
