// Spreadsheet figures for the 3,339 x 151 mixed workbook (the size researchers upload):
//   - parsing it with Sift's reader against SheetJS and ExcelJS (a fresh process per read);
//   - the HTTP path: upload, createTask, time to ready (vs the bare parse), status round trips (vs
//     /healthz), preview pages, profile and CSV export (vs re-parsing the file, which is what the
//     old system did on every read); then the Postgres cache figures on the same dataset;
//   - without --quick, the same path for a 200,000 x 12 workbook, with peak RSS.
import { stringify } from 'csv-stringify/sync';
import { profileInBatches, readWhole, type SpreadsheetReaderName } from '@sift/excel/baselineReaders';
import { makeLargeWorkbook } from '@sift/excel/fixtures';
import { benchCache } from './cache.ts';
import { megabytes, type BenchContext } from './context.ts';
import { timeCalls, timeRuns } from './measure.ts';
import { readInFreshProcesses } from './parse.ts';
import type { Series } from './measure.ts';

const BARE_PARSE = 'bare parse (Sift reader, fresh process)';

export async function benchSpreadsheet({ quick, runs, add, step, api, services }: BenchContext, workbook: Uint8Array): Promise<void> {
  const parseSection = 'Spreadsheet parse, 3,339 x 151';
  const readers: SpreadsheetReaderName[] = quick ? ['sift', 'sheetjs 0.18.5'] : ['sift', 'sheetjs 0.18.5', 'exceljs stream', 'exceljs full load'];
  const parsed = await readInFreshProcesses(workbook, readers, { runs, columns: 151 });
  for (const reader of readers.slice(1)) {
    add({
      section: parseSection,
      name: `parse ${megabytes(workbook)} in a fresh process: Sift's reader vs ${reader}`,
      unit: 'ms',
      sift: parsed.sift.time,
      baseline: { name: reader, ...parsed[reader].time },
      ...(reader === 'exceljs full load' ? {} : { headline: 'parse the 3,339 x 151 workbook' }),
    });
  }
  add({
    section: parseSection,
    name: 'peak RSS of that process',
    unit: 'MB',
    sift: parsed.sift.peakMB,
    baseline: { name: 'sheetjs 0.18.5', ...parsed['sheetjs 0.18.5'].peakMB },
    headline: 'peak RSS parsing the 3,339 x 151 workbook',
  });
  step('parse figures done');

  const section = 'Spreadsheet through the HTTP API, 3,339 x 151';
  const statusCalls = quick ? 200 : 1000;
  const pages = quick ? 50 : 200;
  const spineRuns = [];
  for (let run = 0; run < runs; run++) spineRuns.push(await api.uploadToReady(workbook, 'bench.xlsx'));
  const taskId = spineRuns.at(-1)!.taskId;
  add({ section, name: `upload ${megabytes(workbook)} (PUT /api/uploads, loopback)`, unit: 'ms', sift: { runs: spineRuns.map((run) => run.upload) } });
  add({
    section,
    name: 'createTask round trip after the bytes arrived',
    unit: 'ms',
    sift: { runs: spineRuns.map((run) => run.create) },
    target: { text: 'median < 100 ms', met: ({ median }) => median < 100 },
    headline: 'createTask round trip',
  });
  add({
    section,
    name: 'createTask → ready (parse in a thread, profile, save 3,339 rows)',
    unit: 'ms',
    sift: { runs: spineRuns.map((run) => run.ready) },
    baseline: { name: BARE_PARSE, ...parsed.sift.time },
    target: { text: 'median < 1.5 s', met: ({ median }) => median < 1500 },
    headline: 'createTask → ready, 3,339 x 151',
  });

  const healthz = await timeCalls(runs, Math.round(statusCalls / runs), () => api.fetch('/healthz').then((response) => response.arrayBuffer()));
  add({
    section,
    name: `getTaskStatus round trip (${statusCalls} sequential calls per run)`,
    unit: 'ms',
    sift: await timeCalls(runs, statusCalls, () => api.statusOf(taskId)),
    baseline: { name: 'GET /healthz, same server', ...healthz },
    target: { text: 'median < 5 ms', met: ({ median }) => median < 5 },
    headline: 'getTaskStatus round trip',
  });

  const reparse = reparseBaselines(workbook);
  const pageUrl = (i: number, sort?: object) => `/trpc/getDatasetRows?input=${encodeURIComponent(JSON.stringify({ taskId, offset: (i * 50) % 3300, limit: 50, sort }))}`;
  add({
    section,
    name: 'getDatasetRows, a page of 50 rows x 151 columns',
    unit: 'ms',
    sift: await timeCalls(runs, pages, (i) => api.call(pageUrl(i))),
    baseline: { name: 're-parse the file, in process', ...(await timeRuns(runs, reparse.parse)) },
    target: { text: 'median < 50 ms', met: ({ median }) => median < 50 },
    headline: 'preview page of 50 rows',
  });
  add({
    section,
    name: 'getDataset (summary + 151-column profile)',
    unit: 'ms',
    sift: await timeCalls(runs, pages, () => api.call(`/trpc/getDataset?input=${encodeURIComponent(JSON.stringify({ taskId }))}`)),
    baseline: { name: 're-parse and profile, in process', ...(await timeRuns(runs, reparse.profile)) },
    headline: 'column profile',
  });
  add({
    section,
    name: 'full CSV export of 3,339 x 151 (download)',
    unit: 'ms',
    sift: await timeRuns(runs, async () => (await api.fetch(`/api/datasets/${taskId}/export?format=csv`)).arrayBuffer()),
    baseline: { name: 're-parse and write CSV, in process', ...(await timeRuns(runs, reparse.csv)) },
    headline: 'CSV export',
  });
  step('HTTP spreadsheet figures done');

  await benchCache(add, {
    db: services.db,
    cache: services.cache,
    runs,
    calls: quick ? 50 : 200,
    sortedPairs: quick ? 10 : 30,
    columns: 151,
    sortedPage: (column, direction, offset) => api.call(pageUrl(offset / 50, { column, direction })),
  });
  step('cache figures done');
}

/** What the old system did per read: parse the file again (then profile it, or write it as CSV). */
function reparseBaselines(workbook: Uint8Array) {
  const parse = () => readWhole(workbook);
  return {
    parse,
    async profile() {
      const { columns, rows } = await parse();
      return profileInBatches(columns, rows);
    },
    async csv() {
      const { columns, rows } = await parse();
      return stringify([columns, ...rows]);
    },
  };
}

/** A 200,000 x 12 workbook through the whole path; this process hosts the worker and its parse thread. */
export async function benchLargeWorkbook({ runs, add, step, api }: BenchContext): Promise<void> {
  const large = makeLargeWorkbook(200_000, 12);
  const section = `Spreadsheet, 200,000 x 12 (${megabytes(large)})`;
  const parsed = await readInFreshProcesses(large, ['sift', 'sheetjs 0.18.5'], { runs, columns: 12 });
  const sheetjs = parsed['sheetjs 0.18.5'];
  add({ section, name: "parse in a fresh process: Sift's reader vs SheetJS", unit: 'ms', sift: parsed.sift.time, baseline: { name: 'sheetjs 0.18.5', ...sheetjs.time }, headline: 'parse the 200,000 x 12 workbook' });
  add({ section, name: 'peak RSS of that process', unit: 'MB', sift: parsed.sift.peakMB, baseline: { name: 'sheetjs 0.18.5', ...sheetjs.peakMB }, headline: 'peak RSS parsing the 200,000 x 12 workbook' });
  const ready: Series = { runs: [] };
  const peakRss: Series = { runs: [] };
  for (let run = 0; run < runs; run++) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    ready.runs.push((await api.uploadToReady(large, 'large.xlsx')).ready);
    clearInterval(sampler);
    peakRss.runs.push(peak / 1024 / 1024);
  }
  add({ section, name: 'createTask → ready', unit: 'ms', sift: ready, baseline: { name: BARE_PARSE, ...parsed.sift.time }, headline: 'createTask → ready, 200,000 x 12' });
  add({
    section,
    name: 'peak RSS of the server + worker process (this bench process) during it',
    unit: 'MB',
    sift: peakRss,
    target: { text: 'median < 1 GB', met: ({ median }) => median < 1024 },
    headline: 'peak RSS of the server + worker, 200,000 x 12',
  });
  step('200,000 x 12 figures done');
}
