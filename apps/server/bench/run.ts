// `npm run bench [-- --quick] [-- --runs N] [-- --name NAME]`: Sift's speed figures, each beside a
// baseline measured in the same run, on a fresh embedded Postgres (or DATABASE_URL):
//   - parsing the 3,339 x 151 mixed workbook against SheetJS and ExcelJS (fresh process per read);
//   - the HTTP path: upload, createTask, time to ready (vs the bare parse), status polls (vs
//     /healthz), preview pages, profile and CSV export (vs re-parsing the file, as the old system did);
//   - the Postgres cache; literature import and dedup (vs the bare parse and dedup);
//   - queues: Sift's task layer vs raw pg-boss vs BullMQ (queue.ts);
//   - without --quick, a 200,000 x 12 workbook (time, peak RSS);
//   - status polling under load by simulated browsers (pollingLoad.ts).
// Every figure is measured N times (--runs; 5, or 2 with --quick) and reported as min / median /
// max, with the ratio of medians to its baseline. Prints a table and writes
// bench/results/NAME.{json,md,svg} at the repo root (NAME: latest).
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { createColumnProfiler, readSpreadsheet, type CellValue } from '@sift/excel';
import type { SpreadsheetReaderName } from '@sift/excel/baselineReaders';
import { makeLargeWorkbook, makeMixedWorkbook } from '@sift/excel/fixtures';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startServices } from '../src/services.ts';
import { benchCache } from './cache.ts';
import { ratioChart } from './chart.ts';
import { benchLiterature } from './literature.ts';
import { median, percentile, timeCalls, timeRuns, waitUntil } from './measure.ts';
import { readInFreshProcesses } from './parse.ts';
import { benchPollingLoad } from './pollingLoad.ts';
import { benchQueues } from './queue.ts';
import { consoleTable, headlineTable, markdownTable, toRow, type Figure, type Series } from './report.ts';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' }, name: { type: 'string', default: 'latest' } },
});
const quick = args.quick;
const runs = args.runs === undefined ? (quick ? 2 : 5) : Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1 (got "${args.runs}").`);
if (!/^[\w-]+$/.test(args.name)) throw new Error(`--name must be letters, digits, "-" or "_" (got "${args.name}"): it names the files under bench/results/.`);
const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
const benchStarted = performance.now();
// The 1-minute load average through the run says how much else the machine was doing.
const loadAverages = [os.loadavg()[0]!];
setInterval(() => loadAverages.push(os.loadavg()[0]!), 5000).unref();

const clients = quick ? 100 : 1000;
const loadSeconds = quick ? 10 : 60;
const figures: Figure[] = [];
const add = (figure: Figure) => figures.push(figure);
const megabytes = (bytes: Uint8Array) => `${(bytes.length / 1024 / 1024).toFixed(1)} MB`;
const step = (message: string) => console.log(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const workbook = await makeMixedWorkbook(3339, 151);
step(`workbook: 3,339 x 151 mixed, ${megabytes(workbook)}; ${runs} runs${quick ? ' (quick)' : ''}`);

// ---- Parse: Sift's reader against the libraries, on the same bytes -----------------------------
const readers: SpreadsheetReaderName[] = quick ? ['sift', 'sheetjs 0.18.5'] : ['sift', 'sheetjs 0.18.5', 'exceljs stream', 'exceljs full load'];
const parsed = await readInFreshProcesses(workbook, readers, { runs, columns: 151 });
const bareParse = { name: 'bare parse (Sift reader, fresh process)', ...parsed.sift.time };
for (const reader of readers.slice(1)) {
  add({
    section: 'Spreadsheet parse, 3,339 x 151',
    name: `parse ${megabytes(workbook)} in a fresh process: Sift's reader vs ${reader}`,
    unit: 'ms',
    sift: parsed.sift.time,
    baseline: { name: reader, ...parsed[reader].time },
    ...(reader === 'exceljs full load' ? {} : { headline: 'parse the 3,339 x 151 workbook' }),
  });
}
add({
  section: 'Spreadsheet parse, 3,339 x 151',
  name: 'peak RSS of that process',
  unit: 'MB',
  sift: parsed.sift.peakMB,
  baseline: { name: 'sheetjs 0.18.5', ...parsed['sheetjs 0.18.5'].peakMB },
  headline: 'peak RSS parsing the 3,339 x 151 workbook',
});
step('parse figures done');

// ---- The HTTP path, in this process -------------------------------------------------------------
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-bench-'));
await chmod(dataDir, 0o755); // as root, the cluster lives in here (and goes with it) only if the postgres user can reach it
const config = loadConfig({
  ...process.env,
  SIFT_DATA_DIR: dataDir,
  SIFT_EMBEDDED_PG_PORT: String(20000 + Math.floor(Math.random() * 20000)),
  PORT: '0',
  LOG_LEVEL: 'warn',
  SIFT_MAX_TASKS_PER_MINUTE: '100000', // the bench starts tasks faster than a researcher would
  SIFT_MAX_UPLOAD_MB_PER_HOUR: '1000000',
});
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: true });
// Filled in by the measurements, read by the report.
let postgresVersion: string | undefined;
let redisVersion: string | null | undefined;
const app = await buildApp(config, services, log, 'bench-secret-bench-secret-bench-secret-00');
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  [{ server_version: postgresVersion }] = await services.db.$queryRaw<[{ server_version: string }]>`SHOW server_version`;
  let cookie = '';
  async function call(pathname: string, init: RequestInit = {}) {
    const response = await fetch(base + pathname, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { result: { data: { id: string; state: string } } } & { uploadId: string };
  }
  const statusOf = async (taskId: string) => (await call(`/trpc/getTaskStatus?input=${encodeURIComponent(JSON.stringify({ id: taskId }))}`)).result.data;

  /** Upload → createTask → poll until ready, through the HTTP API; the three durations and the task id. */
  async function uploadToReady(bytes: Uint8Array, fileName: string) {
    let started = performance.now();
    const { uploadId } = await call(`/api/uploads?name=${fileName}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    const upload = performance.now() - started;
    started = performance.now();
    const created = await call('/trpc/createTask', { method: 'POST', body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId } }), headers: { 'content-type': 'application/json' } });
    const create = performance.now() - started;
    const taskId = created.result.data.id;
    await waitUntil(`task ${taskId} to be ready`, async () => {
      const { state } = await statusOf(taskId);
      if (state !== 'ready' && state !== 'queued' && state !== 'running') throw new Error(`task ended ${state}`);
      return state === 'ready';
    }, 600_000);
    return { upload, create, ready: performance.now() - started, taskId };
  }

  const statusCalls = quick ? 200 : 1000;
  const pages = quick ? 50 : 200;
  const section = 'Spreadsheet through the HTTP API, 3,339 x 151';
  const spineRuns = [];
  for (let run = 0; run < runs; run++) spineRuns.push(await uploadToReady(workbook, 'bench.xlsx'));
  const taskId = spineRuns.at(-1)!.taskId;
  add({ section, name: `upload ${megabytes(workbook)} (PUT /api/uploads, loopback)`, unit: 'ms', sift: { runs: spineRuns.map((run) => run.upload) } });
  add({ section, name: 'createTask round trip after the bytes arrived', unit: 'ms', sift: { runs: spineRuns.map((run) => run.create) }, target: { text: 'median < 100 ms', met: ({ median }) => median < 100 } });
  add({
    section,
    name: 'createTask → ready (parse in a thread, profile, save 3,339 rows)',
    unit: 'ms',
    sift: { runs: spineRuns.map((run) => run.ready) },
    baseline: bareParse,
    target: { text: 'median < 1.5 s', met: ({ median }) => median < 1500 },
    headline: 'createTask → ready, 3,339 x 151',
  });

  const healthz = await timeCalls(runs, Math.round(statusCalls / runs), () => fetch(`${base}/healthz`).then((response) => response.arrayBuffer()));
  add({
    section,
    name: `getTaskStatus round trip (${statusCalls} sequential calls per run)`,
    unit: 'ms',
    sift: await timeCalls(runs, statusCalls, () => statusOf(taskId)),
    baseline: { name: 'GET /healthz, same server', ...healthz },
    target: { text: 'median < 5 ms', met: ({ median }) => median < 5 },
    headline: 'getTaskStatus round trip',
  });

  // The old system re-parsed the file on every read: that is the baseline for the clean-data reads.
  let cells: CellValue[][] = [];
  let columns: string[] = [];
  const reparse = () =>
    readSpreadsheet(workbook, {
      fileName: 'bench.xlsx',
      onColumns: (names) => {
        columns = names;
      },
      onRows: (rows) => {
        cells.push(...rows);
      },
    });
  const reparsed = await timeRuns(runs, async () => {
    cells = [];
    await reparse();
  });
  const reparsedAndProfiled = await timeRuns(runs, async () => {
    cells = [];
    await reparse();
    const profiler = createColumnProfiler(columns);
    for (let start = 0; start < cells.length; start += 500) profiler.add(cells.slice(start, start + 500));
    profiler.result();
  });
  const reparsedToCsv = await timeRuns(runs, async () => {
    cells = [];
    await reparse();
    stringify([columns, ...cells]);
  });
  cells = [];
  const pageUrl = (i: number, sort?: object) => `/trpc/getDatasetRows?input=${encodeURIComponent(JSON.stringify({ taskId, offset: (i * 50) % 3300, limit: 50, sort }))}`;
  add({
    section,
    name: 'getDatasetRows, a page of 50 rows x 151 columns',
    unit: 'ms',
    sift: await timeCalls(runs, pages, (i) => call(pageUrl(i))),
    baseline: { name: 're-parse the file, in process', ...reparsed },
    target: { text: 'median < 50 ms', met: ({ median }) => median < 50 },
    headline: 'preview page of 50 rows',
  });
  add({
    section,
    name: 'getDataset (summary + 151-column profile)',
    unit: 'ms',
    sift: await timeCalls(runs, pages, () => call(`/trpc/getDataset?input=${encodeURIComponent(JSON.stringify({ taskId }))}`)),
    baseline: { name: 're-parse and profile, in process', ...reparsedAndProfiled },
    headline: 'column profile',
  });
  add({
    section,
    name: 'full CSV export of 3,339 x 151 (download)',
    unit: 'ms',
    sift: await timeRuns(runs, async () => (await fetch(`${base}/api/datasets/${taskId}/export?format=csv`, { headers: { cookie } })).arrayBuffer()),
    baseline: { name: 're-parse and write CSV, in process', ...reparsedToCsv },
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
    sortedPage: (column, direction, offset) => call(pageUrl(offset / 50, { column, direction })),
  });
  step('cache figures done');

  await benchLiterature(call, add, { records: quick ? 2000 : 20_000, runs, pages: quick ? 20 : 60 });
  step('literature figures done');

  const queues = await benchQueues({
    databaseUrl: services.databaseUrl,
    concurrency: config.SIFT_WORKER_CONCURRENCY,
    runs,
    pickups: quick ? 10 : 30,
    throughputSeconds: quick ? 1 : 5,
    backlog: quick ? 0 : 10,
  });
  const queueSection = `Queue: tiny tasks, ${config.SIFT_WORKER_CONCURRENCY} workers each, LISTEN/NOTIFY on for Sift and pg-boss`;
  const queueBaselines = [['raw pg-boss, same settings', queues.pgBoss], ['BullMQ, local Redis', queues.bullmq]] as const;
  for (const [figure, unit, pick, headline] of [
    ['pickup latency, enqueue → handler start (idle workers)', 'ms', (series: typeof queues.sift) => series.pickup, 'queue pickup latency'],
    [`throughput while ${4} producers enqueue (tasks finished per second)`, 'tasks/s', (series: typeof queues.sift) => series.throughput, 'queue throughput, tiny tasks'],
    ...(quick ? [] : ([['drain a backlog of 10 tasks queued before the workers start', 'ms', (series: typeof queues.sift) => series.backlogDrain, 'drain a backlog of 10 tiny tasks']] as const)),
  ] as const) {
    for (const [name, series] of queueBaselines) {
      if (!series) continue;
      add({ section: queueSection, name: `${figure}: Sift's task layer (createTask → ready)`, unit, sift: pick(queues.sift), baseline: { name, ...pick(series) }, headline });
    }
  }
  redisVersion = queues.redisVersion;
  if (!queues.bullmq) console.log('BullMQ rows skipped: no Redis answered at 127.0.0.1:6379');
  step('queue figures done');

  if (!quick) {
    // Scale: a 200,000 x 12 workbook through the whole path; this process hosts the worker and its parse thread.
    const large = makeLargeWorkbook(200_000, 12);
    const largeSection = `Spreadsheet, 200,000 x 12 (${megabytes(large)})`;
    const largeParsed = await readInFreshProcesses(large, ['sift', 'sheetjs 0.18.5'], { runs, columns: 12 });
    add({ section: largeSection, name: `parse in a fresh process: Sift's reader vs SheetJS`, unit: 'ms', sift: largeParsed.sift.time, baseline: { name: 'sheetjs 0.18.5', ...largeParsed['sheetjs 0.18.5'].time }, headline: 'parse the 200,000 x 12 workbook' });
    add({ section: largeSection, name: 'peak RSS of that process', unit: 'MB', sift: largeParsed.sift.peakMB, baseline: { name: 'sheetjs 0.18.5', ...largeParsed['sheetjs 0.18.5'].peakMB }, headline: 'peak RSS parsing the 200,000 x 12 workbook' });
    const ready: Series = { runs: [] };
    const peakRss: Series = { runs: [] };
    for (let run = 0; run < runs; run++) {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      ready.runs.push((await uploadToReady(large, 'large.xlsx')).ready);
      clearInterval(sampler);
      peakRss.runs.push(peak / 1024 / 1024);
    }
    add({ section: largeSection, name: 'createTask → ready', unit: 'ms', sift: ready, baseline: { name: 'bare parse (Sift reader, fresh process)', ...largeParsed.sift.time }, headline: 'createTask → ready, 200,000 x 12' });
    add({ section: largeSection, name: 'peak RSS of the server + worker process (this bench process) during it', unit: 'MB', sift: peakRss, target: { text: 'median < 1 GB', met: ({ median }) => median < 1024 } });
    step('200,000 x 12 figures done');
  }

  // ---- Status polling under load, in separate server and worker processes --------------------------
  const loadWorkbook = quick ? workbook : await makeMixedWorkbook(8000, 151);
  step(`polling load: ${clients} browsers for ${loadSeconds} s while the workers parse ${quick ? '3,339' : '8,000'} x 151 workbooks`);
  const load = await benchPollingLoad({
    databaseUrl: services.databaseUrl,
    clients,
    seconds: loadSeconds,
    pollIntervalMs: 2000,
    workbook: loadWorkbook,
    idlePolls: statusCalls,
    quietWindows: quick ? 1 : 2,
  });
  const loadSection = `Status polling under load: ${clients.toLocaleString('en')} browsers polling getTaskStatus every 2 s for ${loadSeconds} s`;
  const idle = { name: 'one browser, idle server', ...load.idleLatency };
  add({ section: loadSection, name: 'getTaskStatus latency (median of the polls)', unit: 'ms', sift: load.latency, baseline: idle, headline: `getTaskStatus under load (${clients.toLocaleString('en')} browsers)` });
  add({ section: loadSection, name: 'getTaskStatus latency, p99 of the polls', unit: 'ms', sift: { runs: [load.latency.calls.length ? percentile(load.latency.calls, 0.99) : Number.NaN] }, baseline: { name: idle.name, runs: [percentile(idle.calls, 0.99)] } });
  add({ section: loadSection, name: `errors in ${load.polls.toLocaleString('en')} polls`, unit: 'errors', sift: { runs: [load.errors] }, target: { text: '0', met: ({ max }) => max === 0 } });
  add({
    section: loadSection,
    name: `errors in the researcher's ${load.taskStarts} createTask calls meanwhile (keeping the workers fed)`,
    unit: 'errors',
    sift: { runs: [load.taskStartErrors] },
    target: { text: '0', met: ({ max }) => max === 0 },
  });
  add({
    section: loadSection,
    name: `workers' throughput (rows parsed and saved per second), ${quick ? '3,339' : '8,000'} x 151 workbooks back to back`,
    unit: 'rows/s',
    sift: load.throughput.loaded,
    baseline: { name: `same, without the polling (${load.throughput.quiet.runs.length} window${load.throughput.quiet.runs.length > 1 ? 's' : ''})`, ...load.throughput.quiet },
    target: { text: 'drops ≤ 10 %', met: (_sift, ratio) => ratio !== undefined && ratio >= 0.9 },
    headline: "workers' throughput while browsers poll",
  });
  if (load.cpu) {
    const cpu = load.cpu;
    for (const [key, label] of [['apiServer', 'API server process'], ['postgres', 'Postgres (all its processes)'], ['worker', 'worker process'], ['loadGenerator', 'the simulated browsers (this bench process)']] as const) {
      add({ section: loadSection, name: `CPU of ${label}`, unit: '% of a core', sift: { runs: [cpu.loaded[key]] }, baseline: { name: 'same, without the polling', runs: [cpu.quiet[key]] } });
    }
  }
  if (load.firstErrors.length) console.log(`first errors under load:\n  ${load.firstErrors.join('\n  ')}`);
  step('polling load done');
} finally {
  await app.close();
  await services.stop();
  await rm(dataDir, { recursive: true, force: true });
}

// ---- Report ------------------------------------------------------------------------------------
const rows = figures.map(toRow);
consoleTable(rows);
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown CPU',
  cores: cpus.length,
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  postgres: `${postgresVersion} (${config.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})`,
  redis: redisVersion ?? 'none answered at 127.0.0.1:6379 (BullMQ rows skipped)',
  loadAverage1min: { min: Math.min(...loadAverages), median: median(loadAverages), max: Math.max(...loadAverages) },
};
const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Postgres ${machine.postgres}, Redis ${machine.redis}`;
const date = new Date().toISOString();
const minutes = ((performance.now() - benchStarted) / 60_000).toFixed(1);
await mkdir(resultsDir, { recursive: true });
const chartFile = `${args.name}.svg`;
await writeFile(path.join(resultsDir, chartFile), ratioChart(rows, `Sift against same-run baselines (${quick ? 'quick' : 'full'} bench, ${date.slice(0, 10)})`));
await writeFile(path.join(resultsDir, `${args.name}.json`), JSON.stringify({ date, quick, runs, minutes: Number(minutes), machine, rows }, null, 2));
const markdown = [
  `# Sift benchmark (${quick ? 'quick' : 'full'})`,
  '',
  `${date}, ${minutes} min, \`npm run bench${quick ? ' -- --quick' : ''}\` with ${runs} runs per figure.`,
  '',
  `Machine: ${machineLine}. The 1-minute load average, sampled every 5 s, ranged ${machine.loadAverage1min.min.toFixed(1)} to ${machine.loadAverage1min.max.toFixed(1)} (median ${machine.loadAverage1min.median.toFixed(1)}) on ${machine.cores} cores: the cores are shared with other jobs, so absolute times are noisy. Each baseline ran in the same run (interleaved where the section allows); the ratios are the figures to compare.`,
  '',
  `![Sift against same-run baselines](./${chartFile})`,
  '',
  '## Headline',
  '',
  headlineTable(rows),
  '',
  '## All figures',
  '',
  'n: runs (one value each; where a run makes many calls its value is their median, and p99 is over every call). Ratios compare medians. Times in ms; "per second" figures are better higher.',
  '',
  markdownTable(rows),
  '',
  '## How it is measured',
  '',
  '- Inputs are generated with fixed seeds (`@sift/excel/fixtures`, `@sift/literature/fixtures`); nothing is downloaded.',
  "- Parse rows: each read runs in a fresh Node process (cold, like Sift's parse thread, which is new per task); peak RSS is that process's maximum.",
  '- HTTP rows: the real Fastify server in the bench process, on loopback, one session; workers in the same process.',
  `- Queue rows: tiny tasks (the handler returns at once), ${config.SIFT_WORKER_CONCURRENCY} workers per system. Sift's task layer runs createTask → ready through packages/tasks (task row + pg-boss job in one transaction; the runner claims the row, runs, marks it ready). Raw pg-boss uses Sift's queue policy and the runner's work options (LISTEN/NOTIFY, polling backstop 2 s). BullMQ uses its defaults on the local Redis. Pickup: one task at a time on idle workers, after one unmeasured warm-up task. Throughput: four producers enqueue as fast as they can for a few seconds; tasks finished in that window per second.`,
  `- Status polling under load: an API-only server process (SIFT_WORKERS=off) and a worker process (\`npm run worker\`) on a fresh database. ${clients.toLocaleString('en')} simulated browsers, each with its own session cookie from a first request to the server, its own keep-alive HTTP connection (an undici Client each, so ${clients.toLocaleString('en')} sockets) and its own running task row to watch (written at setup: a browser may only see its own tasks), poll getTaskStatus every 2 s, their first polls spread over the first 2 s. Meanwhile the worker parses workbooks back to back (a feeder keeps 4 queued). CPU is read from /proc for the API server, the worker, Postgres (postmaster and backends) and this process, which runs the browsers on the same cores.`,
  '',
].join('\n');
await writeFile(path.join(resultsDir, `${args.name}.md`), markdown);
console.log(`\n${machineLine}\nwritten: bench/results/${args.name}.{json,md,svg} after ${minutes} min`);
process.exit(0);

