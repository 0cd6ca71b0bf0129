// The hostile-input corpus (test/hostile/corpus.ts) through the real server over HTTP: every
// file is uploaded by its own browser session and read by a task, and must end in its expected
// outcome: a clear error that says what to do, or the exact rows or records where the file is
// really readable. Zip bombs run alone so the process's memory can be watched; the rest run at
// the same time as good work, which must finish exact. The server answers its health check
// after each part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@sift/api';
import { ACTIONABLE, buildHostileCorpus, GOOD_EXPORT, GOOD_SHEET, type HostileCase, type TaskKind } from './hostile/corpus.ts';
import { client, startServer, waitUntilFinished, type Client, type TestServer } from './serverHarness.ts';

type Status = RouterOutputs['getTaskStatus'];

interface Run {
  researcher: Client;
  uploadedName: string;
  projectId: string | undefined;
  status: Status;
}

const UPLOAD_LIMIT_MB = 24;
/** Peak growth of the whole process (server, workers, parse threads) while one bomb is refused. */
const BOMB_MEMORY_LIMIT_MB = 150;
const TASK_DEADLINE_MS = 120_000;
const corpus = buildHostileCorpus();
const bombs = corpus.filter((entry) => entry.bomb);
const others = corpus.filter((entry) => !entry.bomb);
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ SIFT_UPLOAD_LIMIT_MB: String(UPLOAD_LIMIT_MB) });
});
afterAll(() => server.stop());

async function healthy(): Promise<boolean> {
  const response = await fetch(`${server.baseUrl}/healthz`);
  return response.ok && ((await response.json()) as { ok: boolean }).ok;
}

interface Uploaded {
  researcher: Client;
  kind: TaskKind;
  uploadId: string;
  uploadedName: string;
  projectId: string | undefined;
}

/** Uploads as a fresh browser session (with a review project for a literature import). */
async function upload(kind: TaskKind, fileName: string, bytes: Uint8Array): Promise<Uploaded> {
  const researcher = client(server.baseUrl);
  const uploaded = await researcher.upload(fileName, bytes);
  expect(uploaded.status, uploaded.body.error).toBe(201);
  let projectId: string | undefined;
  if (kind === 'literature-import') {
    const project = await researcher.mutation<{ id: string }>('createProject', { name: 'Hostile exports' });
    projectId = project.body.result!.data.id;
  }
  return { researcher, kind, uploadId: uploaded.body.uploadId!, uploadedName: uploaded.body.fileName!, projectId };
}

/** Starts the task on an upload; resolves when it has finished. */
async function start({ researcher, kind, uploadId, uploadedName, projectId }: Uploaded): Promise<Run> {
  const input = projectId ? { projectId, uploadId } : { uploadId };
  const created = await researcher.mutation<Status>('createTask', { kind, input });
  expect(created.status, created.body.error?.message).toBe(200);
  return { researcher, uploadedName, projectId, status: await waitUntilFinished(researcher, created.body.result!.data.id, TASK_DEADLINE_MS) };
}

const run = async (kind: TaskKind, fileName: string, bytes: Uint8Array) => start(await upload(kind, fileName, bytes));

async function datasetCell(researcher: Client, taskId: string, row: number, column: number) {
  const page = await researcher.query<RouterOutputs['getDatasetRows']>('getDatasetRows', { taskId, offset: row, limit: 1 });
  return page.body.result!.data.rows[0]?.[column];
}

async function recordTitles(researcher: Client, projectId: string): Promise<(string | null)[]> {
  const page = await researcher.query<RouterOutputs['listRecords']>('listRecords', { projectId, limit: 200 });
  return page.body.result!.data.records.map((record) => record.title);
}

async function expectOutcome(entry: HostileCase, { researcher, status, uploadedName, projectId }: Run): Promise<void> {
  const { expected } = entry;
  if (expected.outcome === 'error') {
    expect(status.state, JSON.stringify(status.result)).toBe('error');
    expect(status.error?.code).toBe(expected.code);
    expect(status.error?.message).toMatch(expected.message);
    expect(status.error?.message).toMatch(ACTIONABLE);
    return;
  }
  expect(status.state, status.error?.message).toBe('ready');
  if (expected.outcome === 'rows') {
    expect(status.result).toMatchObject({ rowCount: expected.rowCount, columnCount: expected.columnCount });
    for (const [row, column, value] of expected.cells) expect(await datasetCell(researcher, status.id, row, column)).toEqual(value);
  } else {
    expect(status.result).toMatchObject({ recordsRead: expected.recordsRead, skipped: expected.skipped });
    expect(await recordTitles(researcher, projectId!)).toEqual(expect.arrayContaining(expected.titles));
  }
  if (entry.storedName) {
    expect(uploadedName).toBe(entry.storedName);
    expect(status.title).toBe(entry.storedName);
    const download = await researcher.request(`/api/datasets/${status.id}/export?format=csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(entry.storedName)}`);
    await download.arrayBuffer();
  }
}

describe('hostile input over HTTP', () => {
  it('has at least 25 cases, each with a unique file name', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    expect(new Set(corpus.map((entry) => entry.fileName)).size).toBe(corpus.length);
  });

  describe('zip bombs, one at a time', () => {
    // A first parse thread of each kind loads its modules; measured bombs should not pay for that.
    beforeAll(async () => {
      await run('spreadsheet', 'warm-up.csv', new TextEncoder().encode('id\n1\n'));
      await run('literature-import', GOOD_EXPORT.fileName, GOOD_EXPORT.bytes());
    }, 60_000);

    it.each(bombs)('refused by a limit with memory kept low: $name', async (entry) => {
      const uploaded = await upload(entry.kind, entry.fileName, entry.bytes);
      // From the task's start: the upload itself is not the bomb's doing.
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const started = performance.now();
      try {
        await expectOutcome(entry, await start(uploaded));
      } finally {
        clearInterval(sampler);
      }
      const growthMb = (peak - baseline) / 1024 / 1024;
      console.log(`${entry.fileName}: ${(entry.bytes.length / 1024 / 1024).toFixed(1)} MB file, refused in ${Math.round(performance.now() - started)} ms, peak RSS +${growthMb.toFixed(0)} MB`);
      expect(growthMb).toBeLessThan(BOMB_MEMORY_LIMIT_MB);
      expect(await healthy()).toBe(true);
    }, 120_000);
  });

  describe('the other cases, all at once, next to good work', () => {
    /** Each case's run, or why it could not be run (kept, so one broken case fails only its own test). */
    const runs = new Map<string, Run | Error>();
    let goodSheet: Run;
    let goodExport: Run;

    beforeAll(async () => {
      const good = Promise.all([run('spreadsheet', GOOD_SHEET.fileName, GOOD_SHEET.bytes()), run('literature-import', GOOD_EXPORT.fileName, GOOD_EXPORT.bytes())]);
      await Promise.all(others.map(async (entry) => runs.set(entry.name, await run(entry.kind, entry.fileName, entry.bytes).catch((error: Error) => error))));
      [goodSheet, goodExport] = await good;
    }, 300_000);

    it.each(others)('$name: $fileName', async (entry) => {
      const outcome = runs.get(entry.name);
      if (outcome instanceof Error) throw outcome;
      await expectOutcome(entry, outcome!);
    });

    it('good work started at the same time finishes ready and exact, and the server stays up', async () => {
      expect(goodSheet.status).toMatchObject({ state: 'ready', result: { rowCount: GOOD_SHEET.rows, columnCount: GOOD_SHEET.columns } });
      for (const [row, column] of [[0, 0], [2500, 3], [GOOD_SHEET.rows - 1, GOOD_SHEET.columns - 1]] as const) {
        expect(await datasetCell(goodSheet.researcher, goodSheet.status.id, row, column)).toEqual(GOOD_SHEET.cell(row, column));
      }
      expect(goodExport.status).toMatchObject({ state: 'ready', result: { recordsRead: GOOD_EXPORT.records, skipped: 0 } });
      expect(await healthy()).toBe(true);
    });
  });
});
