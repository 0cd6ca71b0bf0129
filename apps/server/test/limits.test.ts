import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type TestServer } from './serverHarness.ts';

let server: TestServer;

beforeAll(async () => {
  // 0.01 MB an hour is about 10 KB.
  server = await startServer({ SIFT_MAX_TASKS_PER_MINUTE: '2', SIFT_MAX_UPLOAD_MB_PER_HOUR: '0.01', SIFT_WORKERS: 'off' });
});
afterAll(() => server.stop());

describe('per-owner rate limits', () => {
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
});
