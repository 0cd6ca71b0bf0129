// Starts the real server in-process on a random port against a fresh test database (or, as a
// second API process, against another server's), and gives tests an HTTP client that keeps its
// session cookie like a browser does.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RouterOutputs } from '@sift/api';
import { createTestDatabase } from '@sift/db/testing';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startServices, type Readiness } from '../src/services.ts';

/**
 * `logTo` receives the server's JSON log lines (set LOG_LEVEL in `env` too, or it is silent).
 * `sharing` makes this server a second process on that server's database, which stays its owner's to drop.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { logTo?: (line: Record<string, unknown>) => void; sharing?: { databaseUrl: string } } = {},
) {
  const database = options.sharing ? { url: options.sharing.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-server-test-'));
  const config = loadConfig({ DATABASE_URL: database.url, SIFT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const logTo = options.logTo;
  const log = createLogger(config.LOG_LEVEL, logTo && { write: (line: string) => logTo(JSON.parse(line) as Record<string, unknown>) });
  const services = await startServices(config, log, { workers: config.SIFT_WORKERS });
  const app = await buildApp(config, services, log, 'test-secret-test-secret-test-secret-0000');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    databaseUrl: database.url,
    services,
    async stop() {
      await app.close();
      await services.stop();
      await database.drop();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

type TaskStatus = RouterOutputs['getTaskStatus'];

/** Polls getTaskStatus until the task is ready, in error or cancelled; throws once `deadlineMs` has passed. */
export async function waitUntilFinished(researcher: Client, id: string, deadlineMs = 10_000): Promise<TaskStatus> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const { body } = await researcher.query<TaskStatus>('getTaskStatus', { id });
    const status = body.result!.data;
    if (status.state === 'ready' || status.state === 'error' || status.state === 'cancelled') return status;
    if (Date.now() > deadline) throw new Error(`task still ${status.state} after ${deadlineMs / 1000} s (${status.stage}, ${status.processed}/${status.total})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A browser-like client: it keeps the cookies the server sets (and drops the ones it clears), and sends `headers` with every request. */
export function client(baseUrl: string, headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  async function request(pathname: string, init: RequestInit = {}) {
    const response = await fetch(baseUrl + pathname, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>), cookie: cookie() } });
    for (const set of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = set.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      const expired = attributes.some((attribute) => /^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]!) < Date.now());
      if (expired || !value) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return response;
  }
  return {
    request,
    get cookie() {
      return cookie();
    },
    /** The Set-Cookie attributes are checked in tests from the raw response; this is what the browser would send. */
    hasCookie: (name: string) => jar.has(name),
    async upload(fileName: string, body: Uint8Array) {
      const response = await request(`/api/uploads?name=${encodeURIComponent(fileName)}`, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
      return { status: response.status, body: (await response.json()) as { uploadId?: string; fileName?: string; error?: string } };
    },
    async mutation<T>(procedure: string, input: unknown) {
      const response = await request(`/trpc/${procedure}`, { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } });
      return { status: response.status, body: (await response.json()) as { result?: { data: T }; error?: { message: string } } };
    },
    async query<T>(procedure: string, input?: unknown) {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const response = await request(`/trpc/${procedure}${query}`);
      return { status: response.status, body: (await response.json()) as { result?: { data: T }; error?: { message: string } } };
    },
  };
}

/** What /readyz answers: 200 when ready, 503 with the failing check otherwise. */
export async function readiness(baseUrl: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

export type Client = ReturnType<typeof client>;
