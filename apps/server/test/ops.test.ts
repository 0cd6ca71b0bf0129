// The operations page over real HTTP: the admin token gate (no token, a wrong one, a researcher's
// session cookie), pg-boss's dashboard behind it, a poison task found, retried and redriven through
// the ops API with every action audited, and /readyz with the healthcheck script compose runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouterOutputs } from '@sift/api';
import { deadLetterQueue, defineTaskKind, startTaskLayer, type TaskLayer } from '@sift/tasks';
import { until } from '@sift/tasks/testing';
import { client, readiness, startServer, type TestServer } from './serverHarness.ts';

const TOKEN = 'ops-test-token-0123456789abcdefghijklmnop';
const owner = 'researcher-with-a-poison-task';

/** Always throws: used up its retries, it ends failed and in the dead-letter queue. */
const poisonTask = defineTaskKind({
  name: 'test-poison',
  input: z.object({}),
  queue: { retryLimit: 1, retryDelaySeconds: 1, expireInSeconds: 60, heartbeatSeconds: 10 },
  prepare: async () => ({ title: 'poison' }),
  run: async () => {
    throw new Error('the reagent database is on fire');
  },
});

let server: TestServer;
let offServer: TestServer;
/** Another process on the same database that runs the test-only kind, as a worker process would. */
let poisonWorker: TaskLayer;

beforeAll(async () => {
  [server, offServer] = await Promise.all([startServer({ SIFT_ADMIN_TOKEN: TOKEN, SIFT_TRUST_PROXY: '127.0.0.1' }), startServer({ SIFT_WORKERS: 'off' })]);
  poisonWorker = await startTaskLayer(server.services.databaseUrl, { kinds: [poisonTask], workers: { pollingIntervalSeconds: 1 }, processName: 'poison-worker' });
});
afterAll(async () => {
  await poisonWorker.stop(1000);
  await Promise.all([server.stop(), offServer.stop()]);
});

const operator = () => client(server.baseUrl, { authorization: `Bearer ${TOKEN}`, 'x-sift-operator': encodeURIComponent('Dana Ø') });

describe('the admin token gate', () => {
  it('refuses the ops API without the token, with a wrong one, and for a researcher with a session cookie', async () => {
    const researcher = client(server.baseUrl);
    expect((await researcher.upload('mine.csv', new TextEncoder().encode('a\n1\n'))).status).toBe(201);
    expect(researcher.cookie).toMatch(/^sift_session=/);
    for (const caller of [
      researcher,
      client(server.baseUrl, { authorization: 'Bearer wrong-token-wrong-token-wrong-token-00' }),
      client(server.baseUrl, { authorization: `Bearer ${TOKEN}x` }),
      client(server.baseUrl, { authorization: TOKEN }),
    ]) {
      const refused = await caller.query('ops.queues');
      expect(refused.status).toBe(401);
      expect(refused.body.error?.message).toMatch(/Sign in with the admin token/);
      expect((await caller.mutation('ops.redrive', { queue: 'spreadsheet' })).status).toBe(401);
      expect((await caller.request('/api/ops/session', { method: 'POST' })).status).toBe(401);
    }
    const admitted = await operator().query<RouterOutputs['ops']['session']>('ops.session');
    expect(admitted.status).toBe(200);
    expect(admitted.body.result?.data).toEqual({ operator: 'Dana Ø' });
  });

  it('makes an address that sent too many wrong tokens wait, even with the right one; other addresses are unaffected', async () => {
    const guesser = (token: string) => client(server.baseUrl, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.66' });
    for (let guess = 0; guess < 10; guess++) expect((await guesser(`guess-${guess}-0123456789abcdefghijklmnopq`).query('ops.queues')).status).toBe(401);
    const right = await guesser(TOKEN).query('ops.queues');
    expect(right.status).toBe(429);
    expect(right.body.error?.message).toMatch(/Too many wrong admin tokens came from this address\. Wait \d+ min/);
    expect((await guesser(TOKEN).request('/api/ops/session', { method: 'POST' })).status).toBe(429);
    expect((await guesser(TOKEN).request('/ops/queues')).status).toBe(429);
    expect((await operator().query('ops.session')).status).toBe(200);
  });

  it("lets pg-boss's dashboard in only with the cookie the sign-in gives, and only to read", async () => {
    const researcher = client(server.baseUrl);
    await researcher.request('/healthz');
    expect((await researcher.request('/ops/queues')).status).toBe(401);
    const forged = await fetch(`${server.baseUrl}/ops/queues`, { headers: { cookie: `sift_ops_dashboard=${Date.now() + 60_000}.forged` } });
    expect(forged.status).toBe(401);

    const signIn = await fetch(`${server.baseUrl}/api/ops/session`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(signIn.status).toBe(204);
    const dashboardCookie = signIn.headers.getSetCookie().find((cookie) => cookie.startsWith('sift_ops_dashboard='))!;
    expect(dashboardCookie).toMatch(/HttpOnly/i);
    expect(dashboardCookie).toMatch(/SameSite=Strict/i);
    expect(dashboardCookie).toMatch(/Path=\/ops\/queues/);
    const cookie = dashboardCookie.split(';')[0]!;

    const page = await fetch(`${server.baseUrl}/ops/queues/queues`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('pg-boss');
    // Its own policy (React Router's inline scripts), still framing-proof; the app keeps the strict one.
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${server.baseUrl}/healthz`)).headers.get('content-security-policy')).toContain("script-src 'self';");
    const write = await fetch(`${server.baseUrl}/ops/queues/send`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'queue=spreadsheet' });
    expect(write.status).toBe(405);
    expect(await write.text()).toMatch(/read-only in Sift/);

    const signOut = await fetch(`${server.baseUrl}/api/ops/session`, { method: 'DELETE' });
    expect(signOut.headers.getSetCookie().join()).toMatch(/sift_ops_dashboard=;/);
    const opsPage = await fetch(`${server.baseUrl}/ops`, { redirect: 'manual' });
    expect([opsPage.status, opsPage.headers.get('location')]).toEqual([302, '/#/ops']);
  });

  it('is off without SIFT_ADMIN_TOKEN, and says how to turn it on', async () => {
    const anyone = client(offServer.baseUrl, { authorization: `Bearer ${TOKEN}` });
    const off = await anyone.query('ops.session');
    expect(off.status).toBe(403);
    expect(off.body.error?.message).toMatch(/operations page is off.*set SIFT_ADMIN_TOKEN/);
    expect((await anyone.request('/api/ops/session', { method: 'POST' })).status).toBe(403);
    const dashboard = await anyone.request('/ops/queues');
    expect(dashboard.status).toBe(403);
    expect(await dashboard.text()).toMatch(/set SIFT_ADMIN_TOKEN/);
  });
});

describe('a poison task, through the ops API', () => {
  type Failed = RouterOutputs['ops']['failedTasks'];
  type Detail = RouterOutputs['ops']['task'];
  const deadLetters = () => poisonWorker.boss.findJobs<{ taskId: string }>(deadLetterQueue('test-poison'), { queued: true });

  it('shows in the failed view with its stack; retry runs it again; redrive moves its dead letter back; both are audited', async () => {
    const ops = operator();
    const { id } = await poisonWorker.tasks.create(owner, { kind: 'test-poison', input: {} });
    await until(deadLetters, (jobs) => jobs.some((job) => job.data.taskId === id));

    const failed = await ops.query<Failed>('ops.failedTasks', { kind: 'test-poison' });
    expect(failed.body.result?.data.tasks).toEqual([expect.objectContaining({ id, ownerId: owner, attempts: 2, deadLettered: true })]);
    const detail = (await ops.query<Detail>('ops.task', { id })).body.result!.data;
    expect(detail.thrown?.message).toBe('the reagent database is on fire');
    expect(detail.thrown?.stack).toMatch(/ops\.test\.ts/);

    const retried = await ops.mutation<{ state: string }>('ops.retryTask', { id });
    expect(retried.body.result?.data.state).toBe('queued');
    // It ran again: two more attempts, failed, and back in the dead-letter queue.
    await until(() => poisonWorker.db.task.findUniqueOrThrow({ where: { id } }), (row) => row.attempts === 4 && row.state === 'error');
    await until(deadLetters, (jobs) => jobs.some((job) => job.data.taskId === id));

    const redriven = await ops.mutation<RouterOutputs['ops']['redrive']>('ops.redrive', { queue: 'test-poison' });
    expect(redriven.body.result?.data).toEqual({ moved: 1, skipped: 0 });
    expect(await deadLetters()).toEqual([]);
    await until(() => poisonWorker.db.task.findUniqueOrThrow({ where: { id } }), (row) => row.attempts === 6 && row.state === 'error');

    const actions = (await ops.query<RouterOutputs['ops']['actions']>('ops.actions', { limit: 10 })).body.result!.data;
    expect(actions.map(({ operator: who, address, action, target }) => ({ who, address, action, target }))).toEqual([
      { who: 'Dana Ø', address: '127.0.0.1', action: 'redrive-dead-letters', target: 'test-poison' },
      { who: 'Dana Ø', address: '127.0.0.1', action: 'retry-task', target: id },
    ]);
  }, 90_000);
});

describe('/readyz', () => {
  const healthcheck = fileURLToPath(new URL('../src/healthcheck.ts', import.meta.url));
  const runHealthcheck = (port: number) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [healthcheck, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('is ready with the database, migrations and workers checked, and not ready while a migration is missing', async () => {
    // The live processes come from pg-boss's instance registry, read within the check's time limit:
    // on a busy machine one read can miss it, so wait until both processes are seen.
    const ready = await until(() => readiness(server.baseUrl), (answer) => answer.body.work?.workerProcesses === 2);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true, detail: 'all applied' }, workers: { ok: true, detail: 'started' } },
    });
    expect(ready.body.work).toMatchObject({ ok: true, workerProcesses: 2 }); // this server and the poison worker
    // An API-only process serves (ready), and says apart that no worker is alive to run tasks.
    const apiOnly = await readiness(offServer.baseUrl);
    expect(apiOnly.status).toBe(200);
    expect(apiOnly.body.checks.workers).toMatchObject({ ok: true, detail: expect.stringMatching(/^off/) });
    expect(apiOnly.body.work).toMatchObject({ ok: false, workerProcesses: 0, detail: expect.stringMatching(/^no live process runs workers/) });
    expect(await runHealthcheck(server.port)).toEqual({ code: 0, output: '' });

    const db = server.services.db;
    const [row] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "_prisma_migrations" WHERE migration_name = '20261124050000_ops'`;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${row!.id}`;
    try {
      const notReady = await readiness(server.baseUrl);
      expect(notReady.status).toBe(503);
      expect(notReady.body.checks.migrations).toEqual({ ok: false, detail: 'not applied: 20261124050000_ops' });
      const check = await runHealthcheck(server.port);
      expect(check.code).toBe(1);
      expect(check.output).toMatch(/^\/readyz: 503 .*not applied: 20261124050000_ops/);
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${row!.id}`;
    }
    expect((await readiness(server.baseUrl)).status).toBe(200);
  });
});
