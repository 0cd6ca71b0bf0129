// Status polling under load (issue 7 "Load", issue 8 item 5). Sift runs as it is deployed at
// scale: an API-only server process and a worker process (`npm run worker`) on a fresh database.
// While the workers parse a steady stream of workbooks, simulated browsers poll getTaskStatus over
// real HTTP every 2 s. Each browser has its own session cookie (from its first request, as a browser
// gets it), its own keep-alive connection (one undici Client each) and its own task to watch: a
// running task row written for it during setup, since a browser may only see its own tasks.
// Measured: every poll's latency and errors; CPU of the API server, the worker process, Postgres
// and the load generator itself (from /proc); and the workers' throughput (rows saved per second)
// in windows of the same length without and with the polling.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'undici';
import { createPrismaClient } from '@sift/db';
import { createTestDatabase, TEST_SERVER_ENV } from '@sift/db/testing';
import { makeMixedWorkbook } from '@sift/excel/fixtures';
import type { BenchContext } from './context.ts';
import { median, percentile, sleep, waitUntil } from './measure.ts';
import type { Series } from './measure.ts';

const SERVER_SOURCE = fileURLToPath(new URL('../src/', import.meta.url));

export interface LoadOptions {
  /** The bench's Postgres; the load runs on a fresh database on the same server. */
  databaseUrl: string;
  clients: number;
  seconds: number;
  pollIntervalMs: number;
  /** What the workers parse meanwhile; each task should outlast pg-boss's 2 s polling backstop. */
  workbook: Uint8Array;
  /** Sequential polls on the idle server, the latency baseline. */
  idlePolls: number;
  /** Windows without polling: 1 before the loaded window, 2 also measures one after it. */
  quietWindows: 1 | 2;
}

export interface LoadResults {
  polls: number;
  errors: number;
  /** The researcher's createTask calls while the browsers polled, and how many failed. */
  taskStarts: number;
  taskStartErrors: number;
  firstErrors: string[];
  latency: Required<Series>;
  idleLatency: Required<Series>;
  throughput: { loaded: Series; quiet: Series };
  /** % of one core, per process group; null where /proc cannot be read. */
  cpu: { loaded: CpuShares; quiet: CpuShares } | null;
}

export interface CpuShares {
  apiServer: number;
  worker: number;
  postgres: number;
  loadGenerator: number;
}

/**
 * Runs the load and adds its figures. Quick: 100 browsers for 10 s while the worker parses the
 * 3,339 x 151 workbook; full: 1,000 browsers for 60 s, 8,000 x 151 workbooks (each task outlasts
 * pg-boss's 2 s polling backstop, so the worker never idles between tasks), and a window without
 * polling both before and after the loaded one.
 */
export async function benchPollingLoadFigures({ quick, add, step, services }: BenchContext, workbook: Uint8Array): Promise<void> {
  const clients = quick ? 100 : 1000;
  const seconds = quick ? 10 : 60;
  const rows = quick ? '3,339' : '8,000';
  const loadWorkbook = quick ? workbook : await makeMixedWorkbook(8000, 151);
  step(`polling load: ${clients} browsers for ${seconds} s while the worker parses ${rows} x 151 workbooks`);
  const load = await benchPollingLoad({
    databaseUrl: services.databaseUrl,
    clients,
    seconds,
    pollIntervalMs: 2000,
    workbook: loadWorkbook,
    idlePolls: quick ? 200 : 1000,
    quietWindows: quick ? 1 : 2,
  });
  const section = `Status polling under load: ${clients.toLocaleString('en')} browsers polling getTaskStatus every 2 s for ${seconds} s`;
  const idle = { name: 'one browser, idle server', ...load.idleLatency };
  const zero = { text: '0', met: ({ max }: { max: number }) => max === 0 };
  add({ section, name: 'getTaskStatus latency (median of the polls)', unit: 'ms', sift: load.latency, baseline: idle, headline: `getTaskStatus under load (${clients.toLocaleString('en')} browsers)` });
  add({
    section,
    name: 'getTaskStatus latency, p99 of the polls',
    unit: 'ms',
    sift: { runs: [load.latency.calls.length ? percentile(load.latency.calls, 0.99) : Number.NaN] },
    baseline: { name: idle.name, runs: [percentile(idle.calls, 0.99)] },
  });
  add({ section, name: `errors in ${load.polls.toLocaleString('en')} polls (${((clients * seconds * 1000) / 2000).toLocaleString('en')} if every poll had answered within its 2 s)`, unit: 'errors', sift: { runs: [load.errors] }, target: zero, headline: 'failed status polls under load' });
  add({ section, name: `errors in the researcher's ${load.taskStarts} createTask calls meanwhile (keeping the worker fed)`, unit: 'errors', sift: { runs: [load.taskStartErrors] }, target: zero, headline: 'failed createTask calls under load' });
  const quiet = load.throughput.quiet.runs.length;
  add({
    section,
    name: `worker's throughput (rows parsed and saved per second), ${rows} x 151 workbooks back to back`,
    unit: 'rows/s',
    sift: load.throughput.loaded,
    baseline: { name: `same, without the polling (${quiet === 1 ? 'a window before' : 'windows before and after'})`, ...load.throughput.quiet },
    target: { text: 'drops ≤ 10 %', met: (_sift, ratio) => ratio !== undefined && ratio >= 0.9 },
    headline: "worker's throughput while browsers poll",
  });
  if (load.cpu) {
    const { loaded, quiet: without } = load.cpu;
    for (const [key, label] of [['apiServer', 'the API server process'], ['postgres', 'Postgres (all its processes)'], ['worker', 'the worker process'], ['loadGenerator', 'the simulated browsers (this bench process)']] as const) {
      add({ section, name: `CPU of ${label}`, unit: '% of a core', sift: { runs: [loaded[key]] }, baseline: { name: 'same, without the polling', runs: [without[key]] } });
    }
    // What a poll costs the API server, whatever else the machine was doing: the capacity of one core.
    const cpuMsPerPoll = (((loaded.apiServer - without.apiServer) / 100) * seconds * 1000) / Math.max(1, load.polls);
    add({ section, name: `API server CPU per poll (one core serves about ${Math.round(1000 / cpuMsPerPoll).toLocaleString('en')} polls per second)`, unit: 'ms', sift: { runs: [cpuMsPerPoll] } });
    // The budget behind the throughput figure: a worker that already keeps every core busy loses
    // whatever the polling (and the simulated browsers themselves) take.
    const cores = os.cpus().length;
    const sum = (shares: CpuShares) => shares.apiServer + shares.worker + shares.postgres + shares.loadGenerator;
    add({
      section,
      name: `CPU in use on this ${cores}-core machine, all four process groups (${cores * 100} % = every core busy)`,
      unit: '% of a core',
      sift: { runs: [sum(loaded)] },
      baseline: { name: 'same, without the polling', runs: [sum(without)] },
    });
  }
  if (load.firstErrors.length) console.log(`first errors under load:\n  ${load.firstErrors.join('\n  ')}`);
  step('polling load done');
}

export async function benchPollingLoad(options: LoadOptions): Promise<LoadResults> {
  process.env[TEST_SERVER_ENV] ??= options.databaseUrl;
  const database = await createTestDatabase({ empty: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-bench-load-'));
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    SIFT_DATA_DIR: dataDir,
    SIFT_SESSION_SECRET: 'bench-load-secret-bench-load-secret-0000',
    SIFT_MAX_TASKS_PER_MINUTE: '100000',
    SIFT_MAX_UPLOAD_MB_PER_HOUR: '1000000',
    SIFT_MAX_WRITES_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  };
  const children: ChildProcess[] = [];
  const db = createPrismaClient(database.url);
  let feeding = true;
  try {
    // The API server migrates the fresh database before the worker starts on it.
    const api = await startProcess(children, 'main.ts', { ...env, SIFT_WORKERS: 'off', PORT: '0', HOST: '127.0.0.1' }, /running at (http:\/\/\S+)/);
    const base = api.match[1]!.replace('localhost', '127.0.0.1');
    const worker = await startProcess(children, 'worker.ts', env, /worker running/);

    const researcher = await openSession(base);
    const uploadResponse = await fetch(`${base}/api/uploads?name=load.xlsx`, {
      method: 'PUT',
      body: options.workbook,
      headers: { cookie: researcher.cookie, 'content-type': 'application/octet-stream' },
    });
    if (!uploadResponse.ok) throw new Error(`upload for the load test: ${uploadResponse.status} ${await uploadResponse.text()}`);
    const { uploadId } = (await uploadResponse.json()) as { uploadId: string };

    const browsers: { cookie: string; ownerId: string; taskId: string; client: Client }[] = [];
    for (let start = 0; start < options.clients; start += 100) {
      const batch = Math.min(100, options.clients - start);
      browsers.push(
        ...(await Promise.all(
          Array.from({ length: batch }, async () => {
            const session = await openSession(base);
            return { ...session, taskId: randomUUID(), client: new Client(base, { keepAliveTimeout: 30_000 }) };
          }),
        )),
      );
    }
    await db.task.createMany({
      data: browsers.map((browser, i) => ({
        id: browser.taskId,
        ownerId: browser.ownerId,
        kind: 'spreadsheet',
        title: `watched-${i}.xlsx`,
        input: {},
        state: 'running' as const,
        stage: 'reading sheet',
        processed: 1000 + i,
        total: 3339,
        startedAt: new Date(),
      })),
    });
    const statusPath = (taskId: string) => `/trpc/getTaskStatus?input=${encodeURIComponent(JSON.stringify({ id: taskId }))}`;
    const poll = async (browser: (typeof browsers)[number]) => {
      const started = performance.now();
      const response = await browser.client.request({ path: statusPath(browser.taskId), method: 'GET', headers: { cookie: browser.cookie } });
      const body = await response.body.text();
      const ms = performance.now() - started;
      if (response.statusCode !== 200 || !body.includes(`"id":"${browser.taskId}"`)) throw new Error(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`);
      return ms;
    };

    const idleLatency: Required<Series> = { runs: [], calls: [] };
    for (let i = 0; i < options.idlePolls; i++) idleLatency.calls.push(await poll(browsers[i % browsers.length]!));
    idleLatency.runs.push(median(idleLatency.calls));

    // The feeder keeps the workers' queue full for the whole measurement; a failed createTask is
    // counted (a researcher would see it) and tried again on the next round.
    const queuedTasks = () => db.task.count({ where: { ownerId: researcher.ownerId, state: 'queued' } });
    const taskStarts = { calls: 0, failures: [] as string[] };
    let countTaskStarts = false;
    const createTask = async () => {
      const response = await fetch(`${base}/trpc/createTask`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'spreadsheet', input: { uploadId } }),
        headers: { cookie: researcher.cookie, 'content-type': 'application/json' },
      });
      const failure = response.ok ? null : `createTask: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
      if (countTaskStarts) {
        taskStarts.calls++;
        if (failure) taskStarts.failures.push(failure);
      }
      return !failure;
    };
    const feeder = (async () => {
      while (feeding) {
        const missing = 4 - (await queuedTasks());
        for (let i = 0; i < missing; i++) if (!(await createTask())) break;
        await sleep(200);
      }
    })();
    feeder.catch(() => {}); // awaited (and rethrown) after the measurement
    const rowsSaved = async () => (await db.task.aggregate({ where: { ownerId: researcher.ownerId }, _sum: { processed: true } }))._sum.processed ?? 0;
    await waitUntil('the first load-test task to finish', async () => (await db.task.count({ where: { ownerId: researcher.ownerId, state: 'ready' } })) > 0, 120_000, 100);

    const cpu = existsSync('/proc/self/stat') ? await cpuMeter(db, [api.child.pid!, worker.child.pid!]) : null;
    const window = async (during: () => Promise<void>) => {
      const rowsBefore = await rowsSaved();
      const cpuBefore = cpu?.sample();
      const started = performance.now();
      await during();
      const seconds = (performance.now() - started) / 1000;
      const rows = ((await rowsSaved()) - rowsBefore) / seconds;
      return { rows, cpu: cpu && cpuBefore ? cpu.shares(cpuBefore, seconds) : null };
    };
    const quiet = () => window(() => sleep(options.seconds * 1000));

    const quietWindows = [await quiet()];
    const latency: Required<Series> = { runs: [], calls: [] };
    const errors: string[] = [];
    countTaskStarts = true;
    const loaded = await window(async () => {
      const deadline = performance.now() + options.seconds * 1000;
      await Promise.all(
        browsers.map(async (browser, i) => {
          // Browsers opened their pages at different moments: spread the first polls over one interval.
          let next = performance.now() + (i / browsers.length) * options.pollIntervalMs;
          for (;;) {
            await sleep(next - performance.now());
            if (performance.now() >= deadline) return;
            next += options.pollIntervalMs;
            try {
              latency.calls.push(await poll(browser));
            } catch (error) {
              errors.push(error instanceof Error ? error.message : String(error));
            }
          }
        }),
      );
    });
    countTaskStarts = false;
    latency.runs.push(latency.calls.length ? median(latency.calls) : Number.NaN);
    if (options.quietWindows === 2) quietWindows.push(await quiet());
    feeding = false;
    await feeder;

    await Promise.all(browsers.map((browser) => browser.client.close()));
    const averaged = (key: keyof CpuShares) => quietWindows.reduce((sum, quietWindow) => sum + quietWindow.cpu![key], 0) / quietWindows.length;
    return {
      polls: latency.calls.length + errors.length,
      errors: errors.length,
      taskStarts: taskStarts.calls,
      taskStartErrors: taskStarts.failures.length,
      firstErrors: [...errors.slice(0, 5), ...taskStarts.failures.slice(0, 5)],
      latency,
      idleLatency,
      throughput: { loaded: { runs: [loaded.rows] }, quiet: { runs: quietWindows.map((quietWindow) => quietWindow.rows) } },
      cpu:
        loaded.cpu && quietWindows[0]!.cpu
          ? { loaded: loaded.cpu, quiet: { apiServer: averaged('apiServer'), worker: averaged('worker'), postgres: averaged('postgres'), loadGenerator: averaged('loadGenerator') } }
          : null,
    };
  } finally {
    feeding = false;
    await Promise.all(children.map((child) => stopProcess(child)));
    await db.$disconnect();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A new browser session: the signed cookie Sift sets on a first request, and the owner id inside it. */
async function openSession(base: string): Promise<{ cookie: string; ownerId: string }> {
  const response = await fetch(`${base}/healthz`);
  await response.arrayBuffer();
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('The server set no session cookie on a first request.');
  // @fastify/cookie signs as "<value>.<signature>".
  const ownerId = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)).split('.')[0]!;
  return { cookie, ownerId };
}

/** Starts `node apps/server/src/<script>` and waits for the line that says it is ready. */
async function startProcess(children: ChildProcess[], script: string, env: NodeJS.ProcessEnv, ready: RegExp) {
  const child = spawn(process.execPath, [path.join(SERVER_SOURCE, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) resolve(found);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  });
  return { child, match };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(forced);
}

/** CPU time of the given processes, of Postgres (its postmaster and every backend) and of this process. */
async function cpuMeter(db: ReturnType<typeof createPrismaClient>, [apiServer, worker]: number[]) {
  const [backend] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  // A Postgres on another machine (DATABASE_URL) has no process here: its CPU is not counted.
  const postmaster = parentOf(backend!.pid);
  const local = postmaster > 1;
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const children = (parent: number) => readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => parentOf(pid) === parent);
  /** CPU seconds of a process's threads, plus those of its children it has reaped when `reaped`. */
  const seconds = (pid: number, reaped = false) => {
    const fields = statFields(pid);
    if (!fields) return 0;
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return (utime! + stime! + (reaped ? cutime! + cstime! : 0)) / ticksPerSecond;
  };
  // A backend that exits moves its CPU time to the postmaster's reaped-children time: counting both
  // keeps the total from dropping when a connection closes.
  const postgresSeconds = () => (local ? seconds(postmaster, true) + children(postmaster).reduce((sum, pid) => sum + seconds(pid), 0) : 0);
  const sample = () => {
    const self = process.cpuUsage();
    return {
      apiServer: seconds(apiServer!),
      worker: seconds(worker!),
      postgres: postgresSeconds(),
      loadGenerator: (self.user + self.system) / 1e6,
    };
  };
  return {
    sample,
    /** % of one core each used since `before`. */
    shares(before: CpuShares, wallSeconds: number): CpuShares {
      const now = sample();
      const share = (key: keyof CpuShares) => ((now[key] - before[key]) / wallSeconds) * 100;
      return { apiServer: share('apiServer'), worker: share('worker'), postgres: share('postgres'), loadGenerator: share('loadGenerator') };
    },
  };
}

/** /proc/<pid>/stat fields after the command name (the first is the state); null once the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

const parentOf = (pid: number) => Number(statFields(pid)?.[1] ?? -1);
