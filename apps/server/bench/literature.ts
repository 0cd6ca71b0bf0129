// Literature figures through the HTTP API: importing a generated RIS export (fixed seed) and the
// de-duplication the import starts as its follow-up task, each beside the same work done in
// process by @sift/literature (the bare parse, the bare dedup); then paging, sorting and searching
// the records table. Each run imports into a new project and deletes it at the end, so every run
// sees tables that hold that one project's records.
import { decodeLiteratureBytes, findDuplicates, parseLiterature } from '@sift/literature';
import { makeRisExport } from '@sift/literature/fixtures';
import type { BenchContext } from './context.ts';
import { time, timeCalls, timeRuns, waitUntil } from './measure.ts';
import type { Series } from './measure.ts';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const query = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

export async function benchLiterature({ quick, runs, add, step, services, api: { call } }: BenchContext): Promise<void> {
  const options = { records: quick ? 2000 : 20_000, pages: quick ? 20 : 60 };
  const section = 'Literature';
  const data = async <T>(pathname: string, init?: RequestInit) => (await call(pathname, init)).result.data as T;
  const untilReady = (taskId: string) =>
    waitUntil(`literature task ${taskId}`, async () => {
      const { state } = await data<{ state: string }>(query('getTaskStatus', { id: taskId }));
      if (state !== 'ready' && state !== 'queued' && state !== 'running') throw new Error(`literature task ended ${state}`);
      return state === 'ready';
    }, 300_000, 20);
  const count = options.records.toLocaleString('en');
  const deepOffset = (i: number) => Math.max(0, options.records - 50 * (1 + (i % 20)));
  const ris = new TextEncoder().encode(makeRisExport(options.records));

  const imports: Series = { runs: [] };
  const dedups: Series = { runs: [] };
  const pageKinds = [
    { name: `listRecords, pages across ${count} records in file order`, headline: `records table page (${count} records)`, input: (i: number) => ({ offset: deepOffset(i) }) },
    { name: 'listRecords sorted by first author, deep pages', headline: 'records table, sorted deep page', input: (i: number) => ({ offset: deepOffset(i), sort: 'firstAuthor' }) },
    { name: 'listRecords searching title, abstract and authors', headline: 'records table search', input: (i: number) => ({ offset: 0, search: ['trial', 'delirium', 'cohort', 'zz'][i % 4] }) },
  ];
  const pages = pageKinds.map((): Required<Series> => ({ runs: [], calls: [] }));
  for (let run = 0; run < runs; run++) {
    const projectId = (await data<{ id: string }>('/trpc/createProject', json({ name: `Bench review ${run + 1}`, question: '' }))).id;
    const { uploadId } = (await call('/api/uploads?name=bench.ris', { method: 'PUT', body: ris, headers: { 'content-type': 'application/octet-stream' } })) as unknown as { uploadId: string };
    imports.runs.push(await time(async () => untilReady((await data<{ id: string }>('/trpc/importLiterature', json({ projectId, uploadId }))).id)));
    // The import started its project's dedup as a follow-up when it became ready.
    const [followUp] = await data<{ id: string }[]>(query('listTasks', { kind: 'literature-dedup', limit: 1 }));
    if (!followUp) throw new Error('The literature import started no dedup task.');
    dedups.runs.push(await time(() => untilReady(followUp.id)));
    for (const [index, { input }] of pageKinds.entries()) {
      const measured = await timeCalls(1, options.pages, (i) => call(query('listRecords', { projectId, limit: 50, ...input(i) })));
      pages[index]!.runs.push(...measured.runs);
      pages[index]!.calls.push(...measured.calls!);
    }
    // Every run sees the same tables: this project's records and no earlier run's.
    await services.db.project.delete({ where: { id: projectId } });
  }
  let parsed: ReturnType<typeof parseLiterature> | undefined;
  const bareParse = await timeRuns(runs, async () => (parsed = parseLiterature(decodeLiteratureBytes(ris), 'bench.ris')));
  const records = parsed!.records.map((record, index) => ({ id: String(index), record }));
  const bareDedup = await timeRuns(runs, async () => findDuplicates(records));

  add({
    section,
    name: `import a ${count}-record RIS export (${(ris.length / 1024 / 1024).toFixed(1)} MB): importLiterature → ready`,
    unit: 'ms',
    sift: imports,
    baseline: { name: 'bare decode + parse, in process', ...bareParse },
    headline: `import ${count} RIS records`,
  });
  add({
    section,
    name: `find duplicates among ${count} records: the import's follow-up dedup task, import ready → dedup ready`,
    unit: 'ms',
    sift: dedups,
    baseline: { name: 'bare dedup, in process', ...bareDedup },
    headline: `de-duplicate ${count} records`,
  });

  const pageTarget = { text: 'median < 50 ms', met: ({ median }: { median: number }) => median < 50 };
  for (const [index, { name, headline }] of pageKinds.entries()) add({ section, name, unit: 'ms', sift: pages[index]!, target: pageTarget, headline });
  step('literature figures done');
}
