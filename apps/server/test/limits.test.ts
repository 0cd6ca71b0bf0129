// Quotas and rate limits over real HTTP (issue 16, items 10 and 11): per session and per address
// (the server trusts X-Forwarded-For from 127.0.0.1, so each test poses as its own address),
// upload bytes counted as they stream, the write limit on every mutation, the storage ceiling,
// and the same limits held by two API processes on one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type TestServer } from './serverHarness.ts';

let server: TestServer;
const QUOTA_BYTES = 0.01 * 1024 * 1024; // SIFT_MAX_UPLOAD_MB_PER_HOUR below

beforeAll(async () => {
  server = await startServer({
    SIFT_MAX_TASKS_PER_MINUTE: '2',
    SIFT_MAX_UPLOAD_MB_PER_HOUR: '0.01',
    SIFT_MAX_WRITES_PER_MINUTE: '6',
    SIFT_ADDRESS_LIMIT_FACTOR: '2',
    SIFT_TRUST_PROXY: '127.0.0.1',
    SIFT_WORKERS: 'off',
  });
});
afterAll(() => server.stop());

const from = (address: string) => client(server.baseUrl, { 'x-forwarded-for': address });

/** An upload whose body is a stream, so no Content-Length is sent. */
async function streamedUpload(researcher: ReturnType<typeof client>, name: string, bytes: number) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
  const response = await researcher.request(`/api/uploads?name=${name}`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
  return { status: response.status, body: (await response.json()) as { size?: number; error?: string } };
}

describe('per-session limits', () => {
  it('refuses a third task start within a minute, for that owner only, with how long to wait', async () => {
    const researcher = client(server.baseUrl);
    const { body } = await researcher.upload('a.csv', new TextEncoder().encode('x\n1\n'));
    const start = () => researcher.mutation('createTask', { kind: 'spreadsheet', input: { uploadId: body.uploadId } });
    expect((await start()).status).toBe(200);
    expect((await start()).status).toBe(200);
    const third = await start();
    expect(third.status).toBe(429);
    expect(third.body.error?.message).toMatch(/Wait \d+ s/);

    const other = client(server.baseUrl);
    const upload = await other.upload('b.csv', new TextEncoder().encode('x\n1\n'));
    expect((await other.mutation('createTask', { kind: 'spreadsheet', input: { uploadId: upload.body.uploadId } })).status).toBe(200);
  });

  it('refuses uploads past the hourly byte quota before reading them', async () => {
    const researcher = client(server.baseUrl);
    expect((await researcher.upload('first.csv', new Uint8Array(8 * 1024))).status).toBe(201);
    const over = await researcher.upload('second.csv', new Uint8Array(8 * 1024));
    expect(over.status).toBe(429);
    expect(over.body.error).toMatch(/Wait \d+ min/);
  });

  it('counts uploads without a Content-Length as they stream: concurrent ones never pass the quota together, and none gets by after a 429', async () => {
    const researcher = from('198.51.100.1');
    await researcher.request('/healthz'); // the session cookie, so every upload below shares one session
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => streamedUpload(researcher, `part-${index}.csv`, 3 * 1024)));
    const accepted = answers.filter((answer) => answer.status === 201);
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
    expect(accepted.reduce((sum, answer) => sum + (answer.body.size ?? 0), 0)).toBeLessThanOrEqual(QUOTA_BYTES);
    expect((await streamedUpload(researcher, 'after.csv', 3 * 1024)).status).toBe(429);
  });

  it('rate-limits every creating procedure, not only task starts', async () => {
    const researcher = from('198.51.100.4');
    const create = (index: number) => researcher.mutation('createProject', { name: `project ${index}` });
    for (let index = 0; index < 6; index++) expect((await create(index)).status).toBe(200);
    const over = await create(6);
    expect(over.status).toBe(429);
    expect(over.body.error?.message).toMatch(/many changes.*Wait \d+ s/);
  });
});

describe('per-address limits: dropping the cookie does not reset them', () => {
  it('task starts: an address gets SIFT_ADDRESS_LIMIT_FACTOR sessions’ worth', async () => {
    const statuses: number[] = [];
    for (let session = 0; session < 5; session++) {
      const fresh = from('198.51.100.2'); // a new cookie every time
      const { body } = await fresh.upload('a.csv', new TextEncoder().encode('x\n1\n'));
      statuses.push((await fresh.mutation('createTask', { kind: 'spreadsheet', input: { uploadId: body.uploadId } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('upload bytes', async () => {
    const statuses: number[] = [];
    for (let session = 0; session < 3; session++) statuses.push((await from('198.51.100.3').upload('b.csv', new Uint8Array(8 * 1024))).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});

describe('two API processes on one database share the limits', () => {
  const ENV = {
    SIFT_MAX_TASKS_PER_MINUTE: '2',
    SIFT_MAX_UPLOAD_MB_PER_HOUR: '0.01',
    SIFT_MAX_WRITES_PER_MINUTE: '6',
    SIFT_ADDRESS_LIMIT_FACTOR: '2',
    SIFT_TRUST_PROXY: '127.0.0.1',
    SIFT_WORKERS: 'off',
  };
  let second: TestServer;
  beforeAll(async () => {
    second = await startServer(ENV, { sharing: { databaseUrl: server.databaseUrl } });
  });
  afterAll(() => second.stop());

  it('task starts and upload bytes counted on one process are counted on the other, for the same session', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.9' };
    const researcher = client(server.baseUrl, headers);
    const { body } = await researcher.upload('a.csv', new TextEncoder().encode('x\n1\n'));
    /** The same browser session (its cookie) asking the second process. */
    const onSecond = (path: string, init: RequestInit) => fetch(second.baseUrl + path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>), cookie: researcher.cookie } });
    const startOnSecond = () =>
      onSecond('/trpc/createTask', { method: 'POST', body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId: body.uploadId } }), headers: { 'content-type': 'application/json' } });
    const startOnFirst = () => researcher.mutation('createTask', { kind: 'spreadsheet', input: { uploadId: body.uploadId } });

    expect((await startOnFirst()).status).toBe(200);
    expect((await startOnSecond()).status).toBe(200);
    expect((await startOnFirst()).status).toBe(429);
    expect((await startOnSecond()).status).toBe(429);

    expect((await researcher.upload('first.csv', new Uint8Array(8 * 1024))).status).toBe(201);
    const overOnSecond = await onSecond('/api/uploads?name=second.csv', { method: 'PUT', body: new Uint8Array(8 * 1024), headers: { 'content-type': 'application/octet-stream' } });
    expect(overOnSecond.status).toBe(429);
  });
});

describe('the storage ceiling', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startServer({ SIFT_STORAGE_LIMIT_GB: String((20 * 1024) / 1024 ** 3), SIFT_WORKERS: 'off' });
  });
  afterAll(() => small.stop());

  it('refuses uploads once stored bytes would pass SIFT_STORAGE_LIMIT_GB, whoever sends them', async () => {
    expect((await client(small.baseUrl).upload('one.csv', new Uint8Array(12 * 1024))).status).toBe(201);
    const declared = await client(small.baseUrl).upload('two.csv', new Uint8Array(12 * 1024));
    expect(declared.status).toBe(507);
    expect(declared.body.error).toMatch(/no room for more uploads/);
    expect((await streamedUpload(client(small.baseUrl), 'three.csv', 12 * 1024)).status).toBe(507);
    expect(await small.services.db.upload.count()).toBe(1);
  });
});
