// Screening figures through the HTTP API: the built-in screener as a batched task through the
// queue, on the de-duplicated records of a generated RIS export (fixed seed), beside the same
// screener run in process on the same records; then the review table's pages at 20,000 records,
// and re-ranking those records once the run's ranking has kept their TF-IDF features.
import { decodeLiteratureBytes, parseLiterature } from '@sift/literature';
import { makeRisExport } from '@sift/literature/fixtures';
import { createBuiltinScreener, type Criteria } from '@sift/screening';
import type { BenchContext } from './context.ts';
import { time, timeCalls, timeRuns, waitUntil } from './measure.ts';
import type { Series } from './measure.ts';

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const query = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Criteria of a review the generated works could belong to: every record is read in full. */
const criteria: Criteria = {
  population: 'adults in hospital', intervention: 'early mobilisation or exercise', comparator: 'usual care', outcomes: 'delirium, mortality, length of stay',
  designs: ['rct'], include: [], exclude: ['paediatric'], yearFrom: null, yearTo: null, languages: [],
};

export async function benchScreening({ quick, runs, add, step, api: { call } }: BenchContext): Promise<void> {
  const section = 'Screening';
  const sizes = { screened: quick ? 2000 : 10_000, table: quick ? 2000 : 20_000, pages: quick ? 20 : 60 };
  const data = async <T>(pathname: string, init?: RequestInit) => (await call(pathname, init)).result.data as T;
  const untilReady = (taskId: string) =>
    waitUntil(`task ${taskId}`, async () => {
      const { state } = await data<{ state: string }>(query('getTaskStatus', { id: taskId }));
      if (state !== 'ready' && state !== 'queued' && state !== 'running') throw new Error(`task ${taskId} ended ${state}`);
      return state === 'ready';
    }, 600_000, 20);

  /** A project holding `count` generated records, imported and de-duplicated, with the criteria saved. */
  async function project(count: number) {
    const { id } = await data<{ id: string }>('/trpc/createProject', json({ name: `Screening bench ${count}`, question: '' }));
    const ris = new TextEncoder().encode(makeRisExport(count));
    const { uploadId } = (await call('/api/uploads?name=bench.ris', { method: 'PUT', body: ris, headers: { 'content-type': 'application/octet-stream' } })) as unknown as { uploadId: string };
    await untilReady((await data<{ id: string }>('/trpc/importLiterature', json({ projectId: id, uploadId }))).id);
    const [dedup] = await data<{ id: string }[]>(query('listTasks', { kind: 'literature-dedup', limit: 1 }));
    await untilReady(dedup!.id);
    await data('/trpc/saveCriteria', json({ projectId: id, criteria }));
    return { id, ris };
  }

  step(`screening: ${sizes.screened.toLocaleString('en')} records through the queue, ${runs} runs`);
  const small = await project(sizes.screened);
  const throughQueue: Series = { runs: [] };
  let screened = 0;
  let lastRun = '';
  for (let run = 0; run < runs; run++) {
    const ms = await time(async () => {
      const task = await data<{ id: string }>('/trpc/startScreening', json({ projectId: small.id }));
      await untilReady(task.id);
      lastRun = task.id;
    });
    screened = (await data<{ total: number }>(query('getTaskStatus', { id: lastRun }))).total;
    throughQueue.runs.push(screened / (ms / 1000));
  }
  const { records } = parseLiterature(decodeLiteratureBytes(small.ris), 'bench.ris');
  const input = records.slice(0, screened).map((record, index) => ({ id: String(index), ...record }));
  const screener = createBuiltinScreener();
  const inProcess = await timeRuns(runs, () => screener.screen(input, criteria));
  add({
    section,
    name: `built-in screener on ${screened.toLocaleString('en')} records: startScreening → ready (batches through the queue, decisions saved every 50)`,
    unit: 'records/s',
    sift: throughQueue,
    baseline: { name: 'the same screener in process, nothing saved', runs: inProcess.runs.map((ms) => screened / (ms / 1000)) },
    target: { text: '> 2,000 records/s', met: ({ median }) => median > 2000 },
    headline: `screen ${screened.toLocaleString('en')} records`,
  });

  step(`screening: the review table at ${sizes.table.toLocaleString('en')} records`);
  const large = sizes.table === sizes.screened ? { id: small.id } : await project(sizes.table);
  const run = large.id === small.id ? lastRun : (await data<{ id: string }>('/trpc/startScreening', json({ projectId: large.id }))).id;
  await untilReady(run);
  const { total } = await data<{ total: number }>(query('getTaskStatus', { id: run }));
  const deepOffset = (i: number) => Math.max(0, total - 50 * (1 + (i % 20)));
  const pages = (input: (i: number) => object) => timeCalls(runs, sizes.pages, (i) => call(query('listScreenedRecords', { projectId: large.id, taskId: run, limit: 50, ...input(i) })));
  const pageTarget = { text: 'median < 50 ms', met: ({ median }: { median: number }) => median < 50 };
  const count = total.toLocaleString('en');
  add({ section, name: `listScreenedRecords, deep pages of ${count} screened records`, unit: 'ms', sift: await pages((i) => ({ offset: deepOffset(i) })), target: pageTarget, headline: `review table page, ${count} records` });
  add({ section, name: 'listScreenedRecords, excluded only, sorted by confidence', unit: 'ms', sift: await pages((i) => ({ offset: i % 10 * 50, decision: 'exclude', sort: 'confidence', direction: 'desc' })), target: pageTarget });
  add({ section, name: 'listScreenedRecords searching title, abstract and authors', unit: 'ms', sift: await pages((i) => ({ search: ['trial', 'delirium', 'cohort', 'zz'][i % 4] })), target: pageTarget });
  add({ section, name: `getPrismaFlow: the PRISMA counts and diagram of ${count} screened records`, unit: 'ms', sift: await timeCalls(runs, quick ? 5 : 20, () => call(query('getPrismaFlow', { projectId: large.id, taskId: run }))), target: { text: 'median < 200 ms', met: ({ median }) => median < 200 } });

  // The ranking that followed the run built the records' features and kept them; "Re-rank now" reads them back.
  step(`screening: re-ranking ${count} records with their features kept`);
  const [followUp] = await data<{ id: string }[]>(query('listTasks', { kind: 'screening-rank', limit: 1 }));
  await untilReady(followUp!.id);
  const built = await data<{ elapsedMs: number }>(query('getTaskStatus', { id: followUp!.id }));
  const rerank = await timeRuns(runs, async () => {
    const { running } = await data<{ running: { id: string } | null }>('/trpc/rerank', json({ projectId: large.id }));
    await untilReady(running!.id);
  });
  add({
    section,
    name: `screening-rank on ${count} records: rerank → ready, their features kept (load the records, read the features, retrain, re-rank, save the order)`,
    unit: 'ms',
    sift: rerank,
    baseline: { name: 'the ranking that followed the run and built the features (its own run time)', runs: [built.elapsedMs] },
  });
}
