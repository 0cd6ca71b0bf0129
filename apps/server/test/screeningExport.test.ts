// Screening downloads over real HTTP: RIS with the decision in N1 (so the file goes back into
// EndNote, Zotero or Covidence), CSV and XLSX tables, each set filtered by the decision in force;
// another session gets 404, a bad query 400.
import { readFixtureFile } from '@sift/literature/fixtures';
import { parseLiterature } from '@sift/literature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@sift/api';
import { client, startServer, type TestServer } from './serverHarness.ts';

type Status = RouterOutputs['getTaskStatus'];
let server: TestServer;
let researcher: ReturnType<typeof client>;
let exportUrl: (query: string) => string;
let counts: RouterOutputs['listScreenedRecords']['counts'];

async function data<T>(call: Promise<{ body: { result?: { data: T }; error?: { message: string } } }>): Promise<T> {
  const { body } = await call;
  if (!body.result) throw new Error(body.error?.message ?? 'no result');
  return body.result.data;
}

async function finished(id: string): Promise<Status> {
  for (;;) {
    const status = await data(researcher.query<Status>('getTaskStatus', { id }));
    if (['ready', 'error', 'cancelled'].includes(status.state)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await startServer();
  researcher = client(server.baseUrl);
  const project = await data(researcher.mutation<{ id: string }>('createProject', { name: 'Delirium', question: '' }));
  for (const file of ['pubmed.nbib', 'embase.ris']) {
    const { body } = await researcher.upload(file, await readFixtureFile(`dedup/${file}`));
    const task = await data(researcher.mutation<Status>('importLiterature', { projectId: project.id, uploadId: body.uploadId }));
    await finished(task.id);
  }
  await finished((await data(researcher.mutation<Status>('startDedup', { projectId: project.id }))).id);
  await data(researcher.mutation('saveCriteria', {
    projectId: project.id,
    criteria: {
      population: 'older adults in hospital', intervention: 'early mobilisation', comparator: '', outcomes: 'delirium',
      designs: ['rct'], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
    },
  }));
  const run = await finished((await data(researcher.mutation<Status>('startScreening', { projectId: project.id }))).id);
  expect(run.state).toBe('ready');
  const page = await data(researcher.query<RouterOutputs['listScreenedRecords']>('listScreenedRecords', { projectId: project.id, taskId: run.id, limit: 200 }));
  // One decision of the researcher's own, so the downloads must show the decision in force.
  const target = page.records.find((record) => record.effective !== 'include')!;
  await data(researcher.mutation('reviewRecord', { projectId: project.id, taskId: run.id, recordId: target.id, decision: 'include', note: 'checked the full text' }));
  counts = (await data(researcher.query<RouterOutputs['listScreenedRecords']>('listScreenedRecords', { projectId: project.id, taskId: run.id }))).counts;
  exportUrl = (query) => `/api/projects/${project.id}/screening/${run.id}/export?${query}`;
}, 120_000);
afterAll(() => server.stop());

describe('screening downloads', () => {
  it('RIS of the included records, each with the decision and its reason in N1, readable by a RIS parser', async () => {
    const response = await researcher.request(exportUrl('set=included&format=ris'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/screening-v1-included\.ris/);
    const text = await response.text();
    const parsed = parseLiterature(text, 'included.ris');
    expect(parsed.records).toHaveLength(counts.include);
    expect(text.match(/^N1 {2}- Sift screening: include\. /gm)).toHaveLength(counts.include);
    expect(text).toContain("N1  - Sift screening: include. the researcher's decision: checked the full text");
  });

  it('CSV and XLSX of every record, with the decision in force and who made it', async () => {
    const bytes = Buffer.from(await (await researcher.request(exportUrl('set=all&format=csv'))).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 only after a BOM
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Decision,Decided by,Reason,Related,Title,Authors,Year,Journal,Volume,Issue,Pages,DOI,PMID,Abstract,Keywords,Language,Publication type');
    expect(lines).toHaveLength(1 + counts.screened);
    expect(lines.filter((line) => line.startsWith('include,researcher,checked the full text'))).toHaveLength(1);
    const xlsx = await researcher.request(exportUrl('set=excluded&format=xlsx'));
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('another session gets 404; a bad query gets 400 that says how to ask', async () => {
    expect((await client(server.baseUrl).request(exportUrl('set=included&format=ris'))).status).toBe(404);
    const bad = await researcher.request(exportUrl('set=maybe&format=ris'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/set=included\|excluded\|undecided\|all/);
  });
});
