import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@sift/api';
import { client, startServer, waitUntilFinished, type TestServer } from './serverHarness.ts';

type Status = RouterOutputs['getTaskStatus'];
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ SIFT_UPLOAD_LIMIT_MB: '1', SIFT_UPLOAD_IDLE_SECONDS: '1' });
});
afterAll(() => server.stop());

describe('HTTP API', () => {
  it('upload → createTask → poll → dataset, over real HTTP with a session cookie', async () => {
    const researcher = client(server.baseUrl);
    const uploaded = await researcher.upload('trial.csv', new TextEncoder().encode('arm;outcome\nA;1\nB;0\n'));
    expect(uploaded.status).toBe(201);
    expect(researcher.cookie).toMatch(/^sift_session=/);
    const created = await researcher.mutation<Status>('createTask', { kind: 'spreadsheet', input: { uploadId: uploaded.body.uploadId } });
    expect(created.status).toBe(200);
    const status = await waitUntilFinished(researcher, created.body.result!.data.id);
    expect(status).toMatchObject({ state: 'ready', result: { rowCount: 2, columnCount: 2 } });
    const rows = await researcher.query<RouterOutputs['getDatasetRows']>('getDatasetRows', { taskId: status.id });
    expect(rows.body.result?.data.rows).toEqual([['A', '1'], ['B', '0']]);

    // Another browser (another cookie) sees nothing of it.
    const stranger = client(server.baseUrl);
    const peek = await stranger.query('getTaskStatus', { id: status.id });
    expect(peek.status).toBe(404);
    expect(peek.body.error?.message).toMatch(/not found/i);
  });

  it("answers a page's batched reads in one GET, however many procedures the batch names", async () => {
    const procedures = Array.from({ length: 12 }, () => 'listProjects');
    const input = Object.fromEntries(procedures.map((_, index) => [index, {}]));
    const response = await client(server.baseUrl).request(`/trpc/${procedures.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(12);
  });

  it('refuses a batch of more calls than the web app ever sends, before running any of them', async () => {
    const procedures = Array.from({ length: 21 }, () => 'createProject');
    const input = Object.fromEntries(procedures.map((_, index) => [index, { name: `batch ${index}` }]));
    const researcher = client(server.baseUrl);
    const response = await researcher.request(`/trpc/${procedures.join(',')}?batch=1`, {
      method: 'POST',
      body: JSON.stringify(input),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await server.services.db.project.count({ where: { name: { startsWith: 'batch ' } } })).toBe(0);
  });

  it('cuts off an upload whose body stalls, and keeps nothing of it', async () => {
    const before = await server.services.db.upload.count();
    // No Content-Length (chunked), 1 KB, then nothing: the server must not wait for ever.
    const outcome = await new Promise<string>((resolve) => {
      const request = http.request(`${server.baseUrl}/api/uploads?name=trickle.csv`, { method: 'PUT', headers: { 'content-type': 'text/csv' } });
      request.on('response', (res) => resolve(`answered ${res.statusCode}`));
      request.on('error', (error) => resolve(`closed: ${(error as NodeJS.ErrnoException).code}`));
      request.write(Buffer.alloc(1024, 'a'));
    });
    expect(outcome).toBe('closed: ECONNRESET');
    for (let i = 0; i < 50 && (await server.services.db.upload.count()) !== before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await server.services.db.upload.count()).toBe(before);
  });

  it('refuses an upload whose declared size is over the limit before reading its body', async () => {
    // Declare 50 MB but send only 1 KB: the answer must come anyway, so the body was never awaited.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${server.baseUrl}/api/uploads?name=huge.xlsx`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(50 * 1024 * 1024) },
      });
      request.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.write(Buffer.alloc(1024));
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatch(/larger than the 1 MB upload limit/);
  });

  it('refuses a streamed upload once it passes the limit, without reading the rest, and keeps nothing of it', async () => {
    const researcher = client(server.baseUrl);
    const before = await server.services.db.upload.count();
    // 1 GiB offered lazily with no Content-Length: the server cannot refuse up front, so it must stop at the limit.
    const offer = 1024 * 1024 * 1024;
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= offer) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await researcher.request('/api/uploads?name=stream.csv', {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/octet-stream' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than the 1 MB upload limit/);
    // The limit plus what sockets buffer: a few MB of the gigabyte, never the whole body.
    expect(pulled).toBeLessThan(16 * 1024 * 1024);
    expect(await server.services.db.upload.count()).toBe(before);
  });

  it('asks for a file name and answers malformed tRPC input with BAD_REQUEST', async () => {
    const researcher = client(server.baseUrl);
    expect((await researcher.upload('', new Uint8Array(3))).status).toBe(400);
    expect((await researcher.request('/api/uploads?name=a.csv&name=b.csv', { method: 'PUT', body: new Uint8Array(3) })).status).toBe(400);
    const bad = await researcher.mutation('createTask', { kind: 'spreadsheet', input: { uploadId: 'nope' } });
    expect(bad.status).toBe(400);
  });

  it('downloads the clean data as CSV and XLSX for its owner only', async () => {
    const researcher = client(server.baseUrl);
    const uploaded = await researcher.upload('名单.csv', new TextEncoder().encode('name,formula\n王芳,=1+1\n'));
    const created = await researcher.mutation<Status>('createTask', { kind: 'spreadsheet', input: { uploadId: uploaded.body.uploadId } });
    const status = await waitUntilFinished(researcher, created.body.result!.data.id);
    const csv = await researcher.request(`/api/datasets/${status.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('名单.csv')}`);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer())).toBe("\uFEFFname,formula\r\n王芳,'=1+1\r\n");
    const xlsx = await researcher.request(`/api/datasets/${status.id}/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await client(server.baseUrl).request(`/api/datasets/${status.id}/export?format=csv`)).status).toBe(404);
    expect((await researcher.request(`/api/datasets/${status.id}/export?format=pdf`)).status).toBe(400);
  });

  it('sends security headers and refuses state-changing requests from another site', async () => {
    const page = await fetch(`${server.baseUrl}/healthz`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const researcher = client(server.baseUrl);
    const foreign = await researcher.request('/trpc/createTask', {
      method: 'POST',
      body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId: crypto.randomUUID() } }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const sameSite = await researcher.request('/trpc/createTask', {
      method: 'POST',
      body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId: crypto.randomUUID() } }),
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
    });
    expect(sameSite.status).toBe(400); // reached the procedure: that upload does not exist
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(await response.json()).toEqual({ ok: true });
  });
});
