// Resumable uploads over real HTTP, spoken as the tus protocol by hand (what tus-js-client sends):
// an upload broken off mid-body resumes from the bytes the server kept and ends byte for byte the
// file, a task reads it; another browser cannot see, continue or cancel it; a wrong offset, a file
// over the limit and the hourly quota are refused in words; a cancel removes the stored part.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, waitUntilFinished, type Client, type TestServer } from './serverHarness.ts';

let server: TestServer;
const LIMIT_MB = 8;

beforeAll(async () => {
  server = await startServer({ SIFT_UPLOAD_LIMIT_MB: String(LIMIT_MB), SIFT_MAX_UPLOAD_MB_PER_HOUR: '40', SIFT_TRUST_PROXY: '127.0.0.1' });
});
afterAll(() => server.stop());

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A CSV of `rows` numbered rows: big enough to need several requests, and checkable row by row. */
function csv(rows: number): Uint8Array {
  const lines = ['id,name,value'];
  for (let row = 1; row <= rows; row += 1) lines.push(`${row},patient ${row},${(row * 0.37).toFixed(2)}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

async function begin(researcher: Client, fileName: string, length: number) {
  const response = await researcher.request('/api/uploads/tus', {
    method: 'POST',
    headers: { ...TUS, 'upload-length': String(length), 'upload-metadata': `filename ${b64(fileName)},filetype ${b64('text/csv')}` },
  });
  return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() };
}

async function patch(researcher: Client, location: string, offset: number, body: Uint8Array | ReadableStream<Uint8Array>) {
  const response = await researcher.request(location, {
    method: 'PATCH',
    body,
    duplex: 'half',
    headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
  } as RequestInit);
  return { status: response.status, offset: Number(response.headers.get('upload-offset')), text: await response.text() };
}

async function storedOffset(researcher: Client, location: string) {
  const response = await researcher.request(location, { method: 'HEAD', headers: TUS });
  return { status: response.status, offset: Number(response.headers.get('upload-offset')), length: Number(response.headers.get('upload-length')) };
}

/** A body that sends `bytes` of `file` and then breaks off, as a closed tab or a lost connection does. */
function brokenOff(file: Uint8Array, bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= bytes) {
        await new Promise((resolve) => setTimeout(resolve, 200)); // let the server store what arrived
        controller.error(new Error('connection lost'));
        return;
      }
      const part = file.subarray(sent, Math.min(bytes, sent + 256 * 1024));
      sent += part.byteLength;
      controller.enqueue(part);
    },
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('resumable uploads (tus)', () => {
  it('resume after a body breaks off, from the bytes the server kept, and end as the exact file a task reads', async () => {
    const researcher = client(server.baseUrl);
    const file = csv(60_000); // about 1.6 MB
    const started = await begin(researcher, 'cohort.csv', file.byteLength);
    expect(started.status).toBe(201);
    expect(started.location).toMatch(/^\/api\/uploads\/tus\/[0-9a-f-]{36}$/);

    await expect(patch(researcher, started.location, 0, brokenOff(file, 1_200_000))).rejects.toThrow();
    const kept = await storedOffset(researcher, started.location);
    expect(kept).toMatchObject({ status: 200, length: file.byteLength });
    expect(kept.offset).toBeGreaterThan(0);
    expect(kept.offset).toBeLessThanOrEqual(1_200_000);

    const rest = await patch(researcher, started.location, kept.offset, file.subarray(kept.offset));
    expect(rest).toMatchObject({ status: 204, offset: file.byteLength });

    const uploadId = started.location.split('/').at(-1)!;
    const stored = await server.services.db.upload.findUniqueOrThrow({ where: { id: uploadId } });
    expect({ complete: stored.complete, size: Number(stored.size), sha256: stored.sha256, fileName: stored.fileName }).toEqual({
      complete: true,
      size: file.byteLength,
      sha256: sha256(file),
      fileName: 'cohort.csv',
    });
    const task = await researcher.mutation<{ id: string }>('createTask', { kind: 'spreadsheet', input: { uploadId } });
    const done = await waitUntilFinished(researcher, task.body.result!.data.id, 60_000);
    expect(done.state).toBe('ready');
    expect(done.result).toMatchObject({ rowCount: 60_000 });
  });

  it('keeps an unfinished upload from tasks and from every other browser, which cannot see, continue or cancel it', async () => {
    const owner = client(server.baseUrl);
    const file = csv(1_000);
    const { location } = await begin(owner, 'half.csv', file.byteLength);
    expect((await patch(owner, location, 0, file.subarray(0, 1_000))).offset).toBe(1_000);
    const uploadId = location.split('/').at(-1)!;
    const early = await owner.mutation('createTask', { kind: 'spreadsheet', input: { uploadId } });
    expect(early.body.error?.message).toMatch(/did not finish/);

    const stranger = client(server.baseUrl);
    expect((await storedOffset(stranger, location)).status).toBe(404);
    expect((await patch(stranger, location, 1_000, file.subarray(1_000))).status).toBe(404);
    expect((await stranger.request(location, { method: 'DELETE', headers: TUS })).status).toBe(404);
    expect((await storedOffset(owner, location)).offset).toBe(1_000);
  });

  it('refuses a wrong offset, a file over the limit and a nameless upload, in words', async () => {
    const researcher = client(server.baseUrl);
    const file = csv(1_000);
    const { location } = await begin(researcher, 'offsets.csv', file.byteLength);
    const wrong = await patch(researcher, location, 500, file.subarray(500));
    expect(wrong.status).toBe(409);
    expect(wrong.text).toMatch(/Another tab or window is sending this file/);

    const tooBig = await begin(researcher, 'huge.csv', (LIMIT_MB + 1) * 1024 * 1024);
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toMatch(/larger than the 8 MB upload limit/);

    const nameless = await researcher.request('/api/uploads/tus', { method: 'POST', headers: { ...TUS, 'upload-length': '10' } });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toMatch(/file name/);
  });

  it('removes the stored part when the researcher cancels, and never a finished upload', async () => {
    const researcher = client(server.baseUrl);
    const file = csv(2_000);
    const cancelled = await begin(researcher, 'cancel.csv', file.byteLength);
    await patch(researcher, cancelled.location, 0, file.subarray(0, 4_000));
    expect((await researcher.request(cancelled.location, { method: 'DELETE', headers: TUS })).status).toBe(204);
    const cancelledId = cancelled.location.split('/').at(-1)!;
    expect(await server.services.db.upload.findUnique({ where: { id: cancelledId } })).toBeNull();
    expect(await server.services.db.uploadChunk.count({ where: { uploadId: cancelledId } })).toBe(0);

    const finished = await begin(researcher, 'kept.csv', file.byteLength);
    await patch(researcher, finished.location, 0, file);
    expect((await researcher.request(finished.location, { method: 'DELETE', headers: TUS })).status).toBe(400);
    expect(await server.services.db.upload.findUnique({ where: { id: finished.location.split('/').at(-1)! } })).toMatchObject({ complete: true });
  });

  it('counts resumed bytes against the hourly quota like any upload', async () => {
    const researcher = client(server.baseUrl, { 'x-forwarded-for': '203.0.113.77' });
    const file = new Uint8Array(7 * 1024 * 1024);
    // 40 MB an hour: five files of 7 MB fit, the sixth does not.
    for (let round = 0; round < 5; round += 1) {
      const { location } = await begin(researcher, `bulk-${round}.bin`, file.byteLength);
      expect((await patch(researcher, location, 0, file)).status).toBe(204);
    }
    const { location } = await begin(researcher, 'over.bin', file.byteLength);
    const over = await patch(researcher, location, 0, file);
    expect(over.status).toBe(429);
    expect(over.text).toMatch(/Wait \d+ min/);
  });
});
