// `npm run bench [-- --quick] [-- --literature]`: Sift's speed figures through the real HTTP server on a fresh
// embedded Postgres (or DATABASE_URL): upload, createTask, time to ready, status polling, preview
// pages (plain and sorted), profile and export for the 3,339 x 151 mixed workbook, beside the bare
// parse of the same bytes; literature import, dedup and record pages; without --quick also a
// 200,000 x 12 workbook with peak RSS. --literature runs the literature figures alone.
// Prints a table and writes bench/results/latest.{json,md} at the repo root.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSpreadsheet } from '@sift/excel';
import { makeLargeWorkbook, makeMixedWorkbook } from '@sift/excel/fixtures';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startServices } from '../src/services.ts';
import { benchLiterature } from './literature.ts';

const quick = process.argv.includes('--quick');
// `npm run bench -- --literature`: only the literature figures (import, dedup, record pages).
const literatureOnly = process.argv.includes('--literature');
const runs = quick ? 2 : 5;
const statusCalls = quick ? 200 : 1000;
const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

interface Figure { name: string; unit: string; samples: number[]; target?: { max: number; text: string } }
const figures: Figure[] = [];
const record = (name: string, unit: string, samples: number[], target?: Figure['target']) => figures.push({ name, unit, samples, target });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;


const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-bench-'));
const config = loadConfig({ ...process.env, SIFT_DATA_DIR: dataDir, SIFT_EMBEDDED_PG_PORT: String(20000 + Math.floor(Math.random() * 20000)), PORT: '0', LOG_LEVEL: 'warn' });
const log = createLogger(config.LOG_LEVEL);
const services = await startServices(config, log, { workers: true });
const app = await buildApp(config, services, log, 'bench-secret-bench-secret-bench-secret-00');
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
let cookie = '';
async function call(pathname: string, init: RequestInit = {}) {
  const response = await fetch(base + pathname, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
  cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { result: { data: { id: string; state: string } } } & { uploadId: string };
}

/** Upload → createTask → poll until ready, through the HTTP API; the three durations and the task id. */
async function uploadToReady(bytes: Uint8Array, fileName: string) {
  let started = performance.now();
  const { uploadId } = await call(`/api/uploads?name=${fileName}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  const upload = performance.now() - started;
  started = performance.now();
  const created = await call('/trpc/createTask', { method: 'POST', body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId } }), headers: { 'content-type': 'application/json' } });
  const create = performance.now() - started;
  const taskId = created.result.data.id;
  for (;;) {
    const status = await call(`/trpc/getTaskStatus?input=${encodeURIComponent(JSON.stringify({ id: taskId }))}`);
    if (status.result.data.state === 'ready') break;
    if (status.result.data.state !== 'queued' && status.result.data.state !== 'running') throw new Error(`task ended ${status.result.data.state}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { upload, create, ready: performance.now() - started, taskId };
}

const timed = async (count: number, step: (i: number) => Promise<unknown>) => {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await step(i);
    samples.push(performance.now() - started);
  }
  return samples;
};

if (!literatureOnly) await benchSpreadsheets();
await benchLiterature(call, record, { records: quick ? 2000 : 20_000, imports: quick ? 1 : 3, pages: quick ? 20 : 60 });

if (!quick && !literatureOnly) {
  // Scale: a 200,000 x 12 workbook through the whole path; this process hosts the worker and its parse thread.
  const large = makeLargeWorkbook(200_000, 12);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const scale = await uploadToReady(large, 'large.xlsx');
  clearInterval(sampler);
  record(`200,000 x 12 workbook (${(large.length / 1024 / 1024).toFixed(1)} MB): createTask → ready`, 'ms', [scale.ready]);
  record('  peak RSS of the server + worker process during it', 'MB', [peakRss / 1024 / 1024], { max: 1024, text: '< 1 GB' });
}

await app.close();
await services.stop();

const round = (value: number) => Math.round(value * 10) / 10;
const rows = figures.map((figure) => ({
  figure: figure.name,
  min: round(Math.min(...figure.samples)),
  median: round(median(figure.samples)),
  p99: round(percentile(figure.samples, 0.99)),
  max: round(Math.max(...figure.samples)),
  unit: figure.unit,
  target: figure.target?.text ?? '',
  met: figure.target ? (median(figure.samples) < figure.target.max ? 'met' : 'NOT met') : '',
}));
console.table(rows);
const machine = `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${config.DATABASE_URL ? 'DATABASE_URL Postgres' : 'embedded Postgres'}`;
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2));
const markdown = [
  `# Sift benchmark (${quick ? 'quick' : 'full'}${literatureOnly ? ', literature only' : ''})`,
  '',
  `${new Date().toISOString()} — ${machine}`,
  '',
  '| figure | min | median | p99 | max | unit | target | |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.figure} | ${row.min} | ${row.median} | ${row.p99} | ${row.max} | ${row.unit} | ${row.target} | ${row.met} |`),
  '',
].join('\n');
await writeFile(path.join(resultsDir, 'latest.md'), markdown);
console.log(`\n${machine}\nwritten: bench/results/latest.json, bench/results/latest.md`);
process.exit(0);

/** The 3,339 x 151 mixed workbook: bare parse, then upload, createTask, status, preview pages, profile and export over HTTP. */
async function benchSpreadsheets() {
  const workbook = await makeMixedWorkbook(3339, 151);
  console.log(`workbook: 3,339 x 151 mixed, ${(workbook.length / 1024 / 1024).toFixed(1)} MB; ${runs} runs${quick ? ' (quick)' : ''}`);

  const parseTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await readSpreadsheet(workbook, { fileName: 'bench.xlsx', onColumns: () => {}, onRows: () => {} });
    parseTimes.push(performance.now() - started);
  }
  record('bare parse (@sift/excel, in process)', 'ms', parseTimes);

  const spineRuns = [];
  for (let run = 0; run < runs; run++) spineRuns.push(await uploadToReady(workbook, 'bench.xlsx'));
  const taskId = spineRuns.at(-1)!.taskId;
  record(`upload ${(workbook.length / 1024 / 1024).toFixed(1)} MB (PUT /api/uploads, loopback)`, 'ms', spineRuns.map((run) => run.upload));
  record('createTask round trip after the bytes arrived', 'ms', spineRuns.map((run) => run.create), { max: 100, text: '< 100 ms' });
  record('createTask → ready (parse, profile, save 3,339 rows)', 'ms', spineRuns.map((run) => run.ready), { max: 1500, text: '< 1.5 s' });

  const statusUrl = `/trpc/getTaskStatus?input=${encodeURIComponent(JSON.stringify({ id: taskId }))}`;
  record(`getTaskStatus round trip (${statusCalls} sequential calls)`, 'ms', await timed(statusCalls, () => call(statusUrl)), { max: 5, text: 'median < 5 ms' });

  const pageUrl = (i: number, sort?: object) =>
    `/trpc/getDatasetRows?input=${encodeURIComponent(JSON.stringify({ taskId, offset: (i * 50) % 3300, limit: 50, sort }))}`;
  const pages = quick ? 50 : 200;
  record('getDatasetRows, a page of 50 rows x 151 columns', 'ms', await timed(pages, (i) => call(pageUrl(i))), { max: 50, text: '< 50 ms' });
  record('getDatasetRows sorted by a column (the first page of each order computes it and caches it in Postgres)', 'ms', await timed(pages, (i) => call(pageUrl(i, { column: 1 + (i % 20), direction: i % 2 ? 'asc' : 'desc' }))), { max: 50, text: '< 50 ms' });
  record('getDataset (summary + 151-column profile)', 'ms', await timed(pages, () => call(`/trpc/getDataset?input=${encodeURIComponent(JSON.stringify({ taskId }))}`)));
  record('full CSV export of 3,339 x 151 (download)', 'ms', await timed(runs, async () => {
    const response = await fetch(`${base}/api/datasets/${taskId}/export?format=csv`, { headers: { cookie } });
    await response.arrayBuffer();
  }));
}
