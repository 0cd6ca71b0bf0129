// Postgres restarts while a task runs and a client polls: the API fails fast with a clear,
// retryable error; the server stays up (/healthz) but says it is not ready (/readyz); when the
// database is back everything resumes and the task finishes with exact results. Runs on its own
// embedded cluster, which it stops and starts.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@sift/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startServices, type Services } from '../src/services.ts';
import { client, readiness } from './serverHarness.ts';

const port = 20000 + Math.floor(Math.random() * 20000);
let dataDir: string;
let cluster: EmbeddedDatabase;
let services: Services;
let stopApp: () => Promise<void>;
let baseUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-restart-'));
  await chmod(dataDir, 0o755);
  cluster = await startEmbeddedPostgres({ dataDir, port });
  const config = loadConfig({ DATABASE_URL: cluster.url, SIFT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const log = createLogger(config.LOG_LEVEL);
  services = await startServices(config, log, { workers: true });
  const app = await buildApp(config, services, log, 'restart-secret-restart-secret-restart-00');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  stopApp = () => app.close();
}, 60_000);

afterAll(async () => {
  await stopApp();
  await services.stop();
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Postgres restart', () => {
  it('fails fast while the database is down, then resumes by itself and finishes the task exactly', async () => {
    const researcher = client(baseUrl);
    const rows = ['id,value'];
    for (let row = 0; row < 300_000; row++) rows.push(`${row},${row % 97}`);
    const uploaded = await researcher.upload('long.csv', new TextEncoder().encode(rows.join('\n')));
    const created = await researcher.mutation<{ id: string }>('createTask', { kind: 'spreadsheet', input: { uploadId: uploaded.body.uploadId } });
    const id = created.body.result!.data.id;
    const status = () => researcher.query<{ state: string; processed: number }>('getTaskStatus', { id });
    for (let seen = await status(); seen.body.result?.data.processed === 0; seen = await status()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await cluster.stop();
    const started = Date.now();
    const during = await status();
    const answeredIn = Date.now() - started;
    console.log(`with Postgres down, getTaskStatus answered ${during.status} in ${answeredIn} ms`);
    expect(during.status).toBe(503);
    expect(during.body.error?.message).toMatch(/cannot reach its database/);
    expect(answeredIn).toBeLessThan(5000);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200); // the server itself stays up

    cluster = await startEmbeddedPostgres({ dataDir, port });
    const restartedAt = Date.now();
    let last = await status();
    while (last.status !== 200 || !['ready', 'error', 'cancelled'].includes(last.body.result!.data.state)) {
      if (Date.now() - restartedAt > 90_000) throw new Error(`not finished after the restart: ${JSON.stringify(last.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await status();
    }
    console.log(`after the restart the task finished in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
    expect(last.body.result?.data.state).toBe('ready');
    expect(await services.db.datasetRow.count({ where: { taskId: id } })).toBe(300_000);
  }, 150_000);

  it('/readyz turns not ready while the database is down, promptly, and ready again once it is back', async () => {
    expect((await readiness(baseUrl)).status).toBe(200);

    await cluster.stop();
    const asked = Date.now();
    const down = await readiness(baseUrl);
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(down.status).toBe(503);
    expect(down.body.checks.database).toMatchObject({ ok: false, detail: expect.stringMatching(/^unreachable/) });
    expect(down.body.checks.migrations.ok).toBe(false);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

    cluster = await startEmbeddedPostgres({ dataDir, port });
    const restartedAt = Date.now();
    let back = await readiness(baseUrl);
    while (back.status !== 200) {
      if (Date.now() - restartedAt > 30_000) throw new Error(`not ready 30 s after the restart: ${JSON.stringify(back.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      back = await readiness(baseUrl);
    }
    expect(back.body).toMatchObject({ ready: true, checks: { database: { ok: true }, migrations: { ok: true }, workers: { ok: true } } });
  }, 60_000);
});
