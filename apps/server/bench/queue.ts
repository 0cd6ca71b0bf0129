// Queue figures for tiny tasks (a handler that returns at once), with the same worker concurrency
// everywhere: pickup latency (enqueue → handler start, one task at a time on idle workers),
// throughput (tasks finished per second while producers enqueue as fast as they can) and the time
// to drain a backlog queued before the workers start, for
//   - Sift's task layer: createTask → ready, through packages/tasks on a fresh database;
//   - raw pg-boss on the same Postgres, with Sift's queue policy and work options: send → handler;
//   - BullMQ on the local Redis (127.0.0.1:6379), when one answers: add → processor.
// Sift and raw pg-boss both use LISTEN/NOTIFY (useListenNotify + queue notify); BullMQ's workers
// wait on a blocking Redis command. Both Postgres systems count a task finished in process, at the
// same point (Sift: the runner's "ready" log line; pg-boss: the handler's return), so neither
// pays for polling; and the SQL statements each sends per task in the throughput window are counted.
import net from 'node:net';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { z } from 'zod';
import { migrate } from '@sift/db';
import { createTestDatabase, TEST_SERVER_ENV } from '@sift/db/testing';
import { defineTaskKind, ensureQueues, startBoss, startTaskLayer, startWorkers, taskKinds, type Workers } from '@sift/tasks';
import { benchFairness } from './fairness.ts';
import { median, sleep, waitUntil } from './measure.ts';
import type { BenchContext } from './context.ts';
import type { Series } from './measure.ts';

const REDIS = { host: '127.0.0.1', port: 6379 };
const TINY_KIND = 'bench-tiny';
/** The runner's own polling backstop (packages/tasks/src/runner.ts), so raw pg-boss polls alike. */
const RUNNER_POLLING_SECONDS = 2;
const PRODUCERS = 4;

interface QueueUnderTest {
  enqueue: (seq: number) => Promise<void>;
  /** Starts the workers; their handler calls `started(seq)` first thing. */
  startWorkers: () => Promise<void>;
  /** Tasks finished so far (Sift: ready rows; pg-boss: handlers returned; BullMQ: jobs completed). */
  finished: () => Promise<number>;
  stop: () => Promise<void>;
}

type StartQueue = (started: (seq: number) => void, concurrency: number) => Promise<QueueUnderTest>;

export interface QueueSeries {
  pickup: Series;
  throughput: Series;
  /** SQL statements sent per finished task in the throughput window (empty for BullMQ). */
  statements: Series;
  /** Empty when not measured. */
  backlogDrain: Series;
}

export interface QueueOptions {
  databaseUrl: string;
  concurrency: number;
  runs: number;
  /** Pickups measured per run. */
  pickups: number;
  /** How long producers enqueue in each throughput run. */
  throughputSeconds: number;
  /** Tasks queued before the workers start, then timed until all are done; 0 skips it. */
  backlog: number;
}

export interface QueueResults {
  sift: QueueSeries;
  pgBoss: QueueSeries;
  /** Null when no Redis answered at 127.0.0.1:6379. */
  bullmq: QueueSeries | null;
  redisVersion: string | null;
}

export async function benchQueues(options: QueueOptions): Promise<QueueResults> {
  process.env[TEST_SERVER_ENV] ??= options.databaseUrl; // fresh empty databases on the bench's server
  const redisVersion = await redisServerVersion();
  if (!redisVersion) console.log(`no Redis answered at ${REDIS.host}:${REDIS.port}: the BullMQ rows are skipped`);
  const systems: [keyof Omit<QueueResults, 'redisVersion'>, StartQueue][] = [
    ['sift', startSiftTaskLayer],
    ['pgBoss', startRawPgBoss],
    ...(redisVersion ? [['bullmq', startBullmq] as [keyof Omit<QueueResults, 'redisVersion'>, StartQueue]] : []),
  ];
  const results: QueueResults = { sift: emptySeries(), pgBoss: emptySeries(), bullmq: redisVersion ? emptySeries() : null, redisVersion };
  // Runs are interleaved across systems so that a noisy spell on the shared machine hits all of them.
  for (let run = 0; run < options.runs; run++) {
    for (const [name, start] of systems) {
      const series = results[name]!;
      const measured = await measureOnce(start, options);
      series.pickup.runs.push(median(measured.pickups));
      series.pickup.calls!.push(...measured.pickups);
      series.throughput.runs.push(measured.throughput);
      if (name !== 'bullmq') series.statements.runs.push(measured.statementsPerTask);
      if (measured.backlogDrain !== undefined) series.backlogDrain.runs.push(measured.backlogDrain);
    }
  }
  return results;
}

/** Runs the queue bench and adds its figures: Sift's task layer beside each baseline. Returns Redis's version, if one answered. */
export async function benchQueueFigures({ quick, runs, add, step, services, config }: BenchContext): Promise<string | null> {
  const concurrency = config.SIFT_WORKER_CONCURRENCY;
  const results = await benchQueues({
    databaseUrl: services.databaseUrl,
    concurrency,
    runs,
    pickups: quick ? 10 : 30,
    throughputSeconds: quick ? 1 : 5,
    backlog: quick ? 0 : 10,
  });
  const section = `Queue: tiny tasks, ${concurrency} workers each, LISTEN/NOTIFY on for Sift and pg-boss`;
  const figures = [
    { name: 'pickup latency, enqueue → handler start (idle workers)', unit: 'ms', pick: (series: QueueSeries) => series.pickup, headline: 'queue pickup latency' },
    { name: `throughput while ${PRODUCERS} producers enqueue (tasks finished per second)`, unit: 'tasks/s', pick: (series: QueueSeries) => series.throughput, headline: 'queue throughput, tiny tasks' },
    { name: 'drain a backlog of 10 tasks queued before the workers start', unit: 'ms', pick: (series: QueueSeries) => series.backlogDrain, headline: 'drain a backlog of 10 tiny tasks' },
  ] as const;
  const baselines = [['raw pg-boss, same settings', results.pgBoss], ['BullMQ, local Redis', results.bullmq]] as const;
  add({
    section,
    name: "SQL statements per tiny task while producers enqueue (enqueue, claim, ready and the queue's own), counted at the pg client",
    unit: 'statements',
    sift: results.sift.statements,
    baseline: { name: 'raw pg-boss, same settings', ...results.pgBoss.statements },
    headline: 'SQL statements per tiny task',
  });
  for (const figure of figures) {
    if (!figure.pick(results.sift).runs.length) continue; // not measured in this mode
    for (const [name, series] of baselines) {
      if (series) add({ section, name: `${figure.name}: Sift's task layer (createTask → ready)`, unit: figure.unit, sift: figure.pick(results.sift), baseline: { name, ...figure.pick(series) }, headline: figure.headline });
    }
  }
  const fairness = await benchFairness({ concurrency, runs });
  add({
    section: `Queue: fair turns, ${concurrency} workers, another owner's backlog of 20 tasks of 100 ms`,
    name: "small task behind another owner's backlog: wait (createTask → handler start)",
    unit: 'ms',
    sift: fairness.otherOwner,
    baseline: { name: 'the same task in arrival order (FIFO)', ...fairness.fifo },
    headline: "small task behind another owner's backlog: wait",
  });
  step('queue figures done');
  return results.redisVersion;
}

const emptySeries = (): QueueSeries => ({ pickup: { runs: [], calls: [] }, throughput: { runs: [] }, statements: { runs: [] }, backlogDrain: { runs: [] } });

/** Counts the statements every pg client of this process sends (Prisma's adapter and pg-boss both use `pg`). */
let statementsSent = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statementsSent++;
  return (sendQuery as (...query: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function measureOnce(start: StartQueue, options: QueueOptions) {
  const startedAt = new Map<number, number>();
  let onStart = () => {};
  const system = await start((seq) => {
    startedAt.set(seq, performance.now());
    onStart();
  }, options.concurrency);
  let seq = 0;
  const untilFinished = (count: number) => waitUntil(`${count} tasks to finish`, async () => (await system.finished()) >= count, 120_000, 5);
  try {
    let backlogDrain: number | undefined;
    const drainStarted = performance.now();
    if (options.backlog) for (let i = 0; i < options.backlog; i++) await system.enqueue(++seq);
    await system.startWorkers();
    if (options.backlog) {
      await untilFinished(options.backlog);
      backlogDrain = performance.now() - drainStarted;
    }

    const pickups: number[] = [];
    // One unmeasured pickup first: the first task of a process pays for connections and JIT.
    for (let i = 0; i <= options.pickups; i++) {
      const mine = ++seq;
      const picked = new Promise<void>((resolve) => (onStart = () => startedAt.has(mine) && resolve()));
      const enqueuedAt = performance.now();
      await system.enqueue(mine);
      await picked;
      if (i > 0) pickups.push(startedAt.get(mine)! - enqueuedAt);
      await untilFinished(seq);
      await sleep(20); // the workers go back to waiting, as they would between researchers' uploads
    }
    onStart = () => {};

    const before = await system.finished();
    const statementsBefore = statementsSent;
    const windowStarted = performance.now();
    const deadline = windowStarted + options.throughputSeconds * 1000;
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (performance.now() < deadline) await system.enqueue(++seq);
      }),
    );
    const finished = (await system.finished()) - before;
    const throughput = finished / ((performance.now() - windowStarted) / 1000);
    // Tasks still in flight at the end sent some of their statements already: a slight overcount.
    return { pickups, throughput, backlogDrain, statementsPerTask: (statementsSent - statementsBefore) / Math.max(1, finished) };
  } finally {
    await system.stop();
  }
}

/** A task kind whose handler only reports that it started; queued with the spreadsheet kind's policy. */
const tinyKind = (started: (seq: number) => void) =>
  defineTaskKind({
    name: TINY_KIND,
    input: z.object({ seq: z.number().int() }),
    queue: taskKinds[0].queue,
    prepare: async () => ({ title: 'tiny bench task' }),
    run: async ({ input }) => {
      started(input.seq);
      return {};
    },
  });

const startSiftTaskLayer: StartQueue = async (started, concurrency) => {
  const database = await createTestDatabase({ empty: true });
  await migrate(database.url);
  const kinds = [tinyKind(started)];
  const layer = await startTaskLayer(database.url, { kinds, workers: false });
  let workers: Workers | undefined;
  let finished = 0;
  const log = (message: string) => void (message === 'task ready' && finished++);
  return {
    enqueue: async (seq) => {
      await layer.tasks.create('bench-owner', { kind: TINY_KIND, input: { seq } });
    },
    startWorkers: async () => {
      workers = await startWorkers({ ...layer, kinds }, { concurrency, log });
    },
    finished: async () => finished,
    stop: async () => {
      await workers?.stop(0);
      await layer.stop(0);
      await database.drop();
    },
  };
};

const startRawPgBoss: StartQueue = async (started, concurrency) => {
  const database = await createTestDatabase({ empty: true });
  const boss = await startBoss(database.url);
  await ensureQueues(boss, [tinyKind(() => {})]); // the queue and dead-letter queue Sift would create
  let finished = 0;
  return {
    enqueue: async (seq) => {
      await boss.send(TINY_KIND, { seq });
    },
    startWorkers: async () => {
      await boss.work<{ seq: number }>(
        TINY_KIND,
        { localConcurrency: concurrency, pollingIntervalSeconds: RUNNER_POLLING_SECONDS, notifyPollingIntervalSeconds: RUNNER_POLLING_SECONDS },
        async ([job]) => {
          if (!job) return;
          started(job.data.seq);
          finished++;
        },
      );
    },
    finished: async () => finished,
    stop: async () => {
      await boss.stop({ graceful: false });
      await database.drop();
    },
  };
};

const startBullmq: StartQueue = async (started, concurrency) => {
  const name = `sift-bench-${process.pid}-${Date.now()}`;
  const connection = { ...REDIS, maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection });
  let worker: Worker | undefined;
  let finished = 0;
  return {
    enqueue: async (seq) => {
      await queue.add('tiny', { seq });
    },
    startWorkers: async () => {
      worker = new Worker<{ seq: number }>(
        name,
        async (job) => {
          started(job.data.seq);
        },
        { connection, concurrency },
      );
      worker.on('completed', () => finished++);
      await worker.waitUntilReady();
    },
    finished: async () => finished,
    stop: async () => {
      await worker?.close(true);
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
};

/** The local Redis's version, or null when none answers within a second. */
function redisServerVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(REDIS);
    let reply = '';
    const done = (version: string | null) => {
      socket.destroy();
      resolve(version);
    };
    socket.setTimeout(1000, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const version = /redis_version:([^\r\n]+)/.exec(reply)?.[1];
      if (version) done(version);
    });
  });
}
