// Literature figures through the HTTP API: importing a generated RIS export (fixed seed), finding
// duplicates, and paging, sorting and searching the records table.
import { makeRisExport } from '@sift/literature/fixtures';

type Call = (pathname: string, init?: RequestInit) => Promise<{ result: { data: unknown } }>;
type Record = (name: string, unit: string, samples: number[], target?: { max: number; text: string }) => void;

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const query = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

export async function benchLiterature(call: Call, record: Record, options: { records: number; imports: number; pages: number }): Promise<void> {
  const data = async <T>(pathname: string, init?: RequestInit) => (await call(pathname, init)).result.data as T;
  const untilFinished = async (taskId: string) => {
    for (;;) {
      const status = await data<{ state: string }>(query('getTaskStatus', { id: taskId }));
      if (status.state === 'ready') return;
      if (status.state !== 'queued' && status.state !== 'running') throw new Error(`literature task ended ${status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const count = options.records.toLocaleString('en');
  const ris = new TextEncoder().encode(makeRisExport(options.records));
  const { uploadId } = (await call('/api/uploads?name=bench.ris', { method: 'PUT', body: ris, headers: { 'content-type': 'application/octet-stream' } })) as unknown as { uploadId: string };

  const importTimes: number[] = [];
  /** Imports the export into a new project and waits for the de-duplication it starts, so runs do not overlap. */
  const timedImport = async (name: string) => {
    const project = await data<{ id: string }>('/trpc/createProject', json({ name, question: '' }));
    const started = performance.now();
    const imported = await data<{ id: string }>('/trpc/importLiterature', json({ projectId: project.id, uploadId }));
    await untilFinished(imported.id);
    importTimes.push(performance.now() - started);
    for (;;) {
      const { dedup } = await data<{ dedup: { id: string } | null }>(query('getProject', { projectId: project.id }));
      if (dedup) {
        await untilFinished(dedup.id);
        return project;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const project = await timedImport('Bench review');

  const started = performance.now();
  const dedup = await data<{ id: string }>('/trpc/startDedup', json({ projectId: project.id }));
  await untilFinished(dedup.id);
  record(`find duplicates among ${count} records: startDedup → ready`, 'ms', [performance.now() - started]);

  const timedPages = async (input: (i: number) => object) => {
    const samples: number[] = [];
    for (let i = 0; i < options.pages; i++) {
      const pageStarted = performance.now();
      await call(query('listRecords', { projectId: project.id, limit: 50, ...input(i) }));
      samples.push(performance.now() - pageStarted);
    }
    return samples;
  };
  const lastPages = (i: number) => Math.max(0, options.records - 50 * (1 + (i % 20)));
  record(`listRecords, pages across ${count} records in file order`, 'ms', await timedPages((i) => ({ offset: lastPages(i) })), { max: 50, text: '< 50 ms' });
  record(`listRecords sorted by first author, deep pages`, 'ms', await timedPages((i) => ({ offset: lastPages(i), sort: 'firstAuthor' })), { max: 50, text: '< 50 ms' });
  record(`listRecords searching title, abstract and authors`, 'ms', await timedPages((i) => ({ offset: 0, search: ['trial', 'delirium', 'cohort', 'zz'][i % 4] })), { max: 50, text: '< 50 ms' });

  // More imports, each into a project of its own, for a median; after the pages, so they are timed on one project's records.
  for (let run = 1; run < options.imports; run++) await timedImport(`Bench import ${run + 1}`);
  record(`import a ${count}-record RIS export (${(ris.length / 1024 / 1024).toFixed(1)} MB): importLiterature → ready`, 'ms', importTimes);
}
