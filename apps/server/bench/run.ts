// `npm run bench [-- --quick] [--runs N] [--name NAME] [--sections a,b --merge-into NAME]`:
// Sift's speed figures, each beside a baseline measured in the same run, on a fresh embedded
// Postgres (or DATABASE_URL). Sections (all by default):
//   spreadsheet  parse vs SheetJS/ExcelJS; the HTTP path; clean-data reads vs re-parsing; the Postgres cache
//   literature   RIS import and dedup through the queue vs the bare parse and dedup; record pages
//   screening    the built-in screener through the queue vs in process; review table pages, PRISMA
//   queue        tiny tasks: Sift's task layer vs raw pg-boss vs BullMQ
//   large        a 200,000 x 12 workbook: time and peak RSS (not with --quick)
//   load         simulated browsers polling task status while the worker parses workbooks
//   screening-quality, dedup-quality   quality on the real labelled data in ../shared/datasets (tables, no server)
// Every figure is measured N times (--runs; 5, or 2 with --quick) and reported as min / median /
// max with the ratio of medians to its baseline. Prints a table and writes
// bench/results/NAME.{json,md,svg} at the repo root (NAME: latest). `--sections load --merge-into
// reference` measures only the load section again and puts its rows into reference.* (for a
// section that ran while the shared machine was busy); the report says when and why so.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeMixedWorkbook } from '@sift/excel/fixtures';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startServices } from '../src/services.ts';
import { createApiClient, megabytes, type BenchContext } from './context.ts';
import { benchLiterature } from './literature.ts';
import { benchScreening } from './screening.ts';
import { median } from './measure.ts';
import { benchPollingLoadFigures } from './pollingLoad.ts';
import { benchQueueFigures } from './queue.ts';
import { QUALITY_SECTIONS, SECTIONS, type Figure, type Section } from './figures.ts';
import { benchQuality, type QualityReport } from './quality.ts';
import { consoleTable, mergeRows, readReport, toRow, writeReport, type BenchReport } from './report.ts';
import { benchLargeWorkbook, benchSpreadsheet } from './spreadsheet.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    name: { type: 'string', default: 'latest' },
    sections: { type: 'string', default: SECTIONS.join(',') },
    'merge-into': { type: 'string' },
  },
});
const quick = args.quick;
const runs = args.runs === undefined ? (quick ? 2 : 5) : Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1 (got "${args.runs}").`);
const name = args['merge-into'] ?? args.name;
if (!/^[\w-]+$/.test(name)) throw new Error(`--name and --merge-into take letters, digits, "-" or "_" (got "${name}"): it names the files under bench/results/.`);
const sections = args.sections.split(',').map((section) => section.trim());
const unknown = sections.filter((section) => !(SECTIONS as readonly string[]).includes(section));
if (unknown.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}: --sections takes a comma-separated list of ${SECTIONS.join(', ')}.`);
const selected = (section: Section) => sections.includes(section) && !(quick && section === 'large');
const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
const merging = args['merge-into'] !== undefined ? await readReport(path.join(resultsDir, `${name}.json`)) : undefined;
if (merging && merging.quick !== quick) throw new Error(`${name} is a ${merging.quick ? 'quick' : 'full'} report: merge into it with${merging.quick ? '' : 'out'} --quick.`);

const benchStarted = performance.now();
// The 1-minute load average through the run says how much else the machine was doing.
const loadAverages = [os.loadavg()[0]!];
setInterval(() => loadAverages.push(os.loadavg()[0]!), 5000).unref();
const step = (message: string) => console.log(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const figures: Figure[] = [];
step(`${runs} runs${quick ? ' (quick)' : ''}; sections: ${SECTIONS.filter(selected).join(', ')}`);
const workbook = selected('spreadsheet') || selected('load') ? await makeMixedWorkbook(3339, 151) : new Uint8Array();
if (workbook.length) step(`workbook: 3,339 x 151 mixed, ${megabytes(workbook)}`);

const quality: QualityReport[] = [];
for (const section of QUALITY_SECTIONS) if (selected(section)) quality.push(...(await benchQuality(section, quick, step)));

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
  SIFT_MAX_WRITES_PER_MINUTE: '1000000',
});
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: true });
const app = await buildApp(config, services, log, 'bench-secret-bench-secret-bench-secret-00');
let postgresVersion: string | undefined;
let redisVersion: string | null | undefined;
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  postgresVersion = (await services.db.$queryRaw<[{ server_version: string }]>`SHOW server_version`)[0].server_version;
  const api = createApiClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  const context = (group: Section): BenchContext => ({ quick, runs, step, api, services, config, add: (figure) => figures.push({ group, ...figure }) });
  if (selected('spreadsheet')) await benchSpreadsheet(context('spreadsheet'), workbook);
  if (selected('literature')) await benchLiterature(context('literature'));
  if (selected('screening')) await benchScreening(context('screening'));
  if (selected('queue')) redisVersion = await benchQueueFigures(context('queue'));
  if (selected('large')) await benchLargeWorkbook(context('large'));
  if (selected('load')) await benchPollingLoadFigures(context('load'), workbook);
} finally {
  await app.close();
  await services.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const rows = figures.map(toRow);
consoleTable(rows);
const minutes = Number(((performance.now() - benchStarted) / 60_000).toFixed(1));
const loadAverage1min = { min: Math.min(...loadAverages), median: median(loadAverages), max: Math.max(...loadAverages) };
const concurrency = config.SIFT_WORKER_CONCURRENCY;
const clients = quick ? 100 : 1000;
const cpus = os.cpus();
const report: BenchReport = merging
  ? {
      ...merging,
      // A section measured again supersedes its earlier re-measurement.
      reruns: [
        ...merging.reruns
          .map((rerun) => ({ ...rerun, sections: rerun.sections.filter((section) => !selected(section)) }))
          .filter((rerun) => rerun.sections.length),
        { date: new Date().toISOString(), sections: SECTIONS.filter(selected), runs, minutes, loadAverage1min },
      ],
      rows: mergeRows(merging.rows, rows, SECTIONS.filter(selected)),
      quality: [...(merging.quality ?? []).filter((entry) => !selected(entry.section)), ...quality],
    }
  : {
      date: new Date().toISOString(),
      quick,
      runs,
      minutes,
      machine: {
        cpu: cpus[0]?.model ?? 'unknown CPU',
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        postgres: `${postgresVersion} (${config.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})`,
        redis: redisVersion ?? (selected('queue') ? 'none answered at 127.0.0.1:6379 (BullMQ rows skipped)' : 'not asked (queue section not run)'),
        loadAverage1min,
      },
      reruns: [],
      method: [
        'Inputs are generated with fixed seeds (`@sift/excel/fixtures`, `@sift/literature/fixtures`); nothing is downloaded.',
        "Parse rows: each read runs in a fresh Node process (cold, like Sift's parse thread, which is new per task), the readers taking turns; peak RSS is that process's maximum.",
        'HTTP rows: the real Fastify server in the bench process, on loopback, one session; its workers run in the same process.',
        `Queue rows: tiny tasks (the handler returns at once), ${concurrency} workers per system. Sift's task layer runs createTask → ready through packages/tasks (task row and pg-boss job in one transaction; the runner claims the row, runs the handler, marks it ready). Raw pg-boss uses Sift's queue policy and the runner's work options (LISTEN/NOTIFY on, 2 s polling backstop). BullMQ uses its defaults on the local Redis. Pickup: one task at a time on idle workers, after one unmeasured warm-up task. Throughput: four producers enqueue as fast as they can for a few seconds; tasks finished in that window, per second. Backlog: tasks queued before the workers start, timed until all are done. The systems take turns run by run.`,
        `Status polling under load: an API-only server process (SIFT_WORKERS=off) and a worker process (\`npm run worker\`, concurrency ${concurrency}) on a fresh database. ${clients.toLocaleString('en')} simulated browsers each have their own session cookie (set by the server on a first request), their own keep-alive HTTP connection (an undici Client each: ${clients.toLocaleString('en')} sockets) and their own running task row to watch (written at setup, since a browser may only see its own tasks); each polls getTaskStatus every 2 s, never with two polls in flight, the first polls spread over 2 s. Meanwhile the worker parses workbooks back to back (a feeder keeps 4 queued through createTask). CPU comes from /proc for the API server, the worker, Postgres (postmaster and backends) and this process, which runs the browsers on the same cores.`,
      ],
      rows,
      quality,
    };
await mkdir(resultsDir, { recursive: true });
await writeReport(resultsDir, name, report);
console.log(`\nwritten: bench/results/${name}.{json,md,svg} after ${minutes} min`);
process.exit(0);
