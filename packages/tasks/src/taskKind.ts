// What a task kind is: its name (also its pg-boss queue), the zod schema of its input, its queue
// policy, a `prepare` step run inside createTask, and the work a worker executes: either one
// `run`, or `batches` (the task fans out into batch jobs spread over all workers, each retried
// and checkpointed on its own). A kind is one folder under kinds/ plus one line in kinds/index.ts.
import type { z } from 'zod';
import type { Db, Prisma } from '@sift/db';
import type { PgCache } from './cache.ts';
import type { UploadStorage } from './storage.ts';

export interface QueuePolicy {
  /** Retries after the first attempt for errors that may be transient. */
  retryLimit: number;
  /** First retry delay; doubles on each retry (pg-boss exponential backoff). */
  retryDelaySeconds: number;
  /** Upper bound for one attempt; past it pg-boss fails the attempt. */
  expireInSeconds: number;
  /** A worker that stops heartbeating this long (plus the monitor interval) is presumed dead. Min 10. */
  heartbeatSeconds: number;
}

/** For user-visible work of seconds to an hour: three retries with backoff, a dead worker noticed in ~15 s. */
export const DEFAULT_QUEUE_POLICY: QueuePolicy = { retryLimit: 3, retryDelaySeconds: 2, expireInSeconds: 60 * 60, heartbeatSeconds: 10 };

/** Deployment settings some kinds need, from the server's configuration. */
export interface TaskSettings {
  /** An OpenAI-compatible chat endpoint for the LLM screener; null when none is configured. */
  llm: { baseUrl: string; apiKey?: string | undefined; models: [string] | [string, string] } | null;
  /** The heap cap in MB of each worker thread that reads a file or finds duplicates (SIFT_PARSE_MEMORY_MB). */
  parseMemoryMb: number;
}

/** SIFT_PARSE_MEMORY_MB's default (the server's configuration has the same). */
export const DEFAULT_PARSE_MEMORY_MB = 2048;

export interface TaskServices {
  db: Db;
  storage: UploadStorage;
  cache: PgCache;
  settings: TaskSettings;
}

/** A structured log line; the runner binds the task id and job id to every line. */
export type TaskLog = (message: string, fields?: Record<string, unknown>) => void;

interface AttemptContext<Input> extends TaskServices {
  taskId: string;
  ownerId: string;
  input: Input;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the researcher cancels, or the process shuts down: stop work promptly. */
  signal: AbortSignal;
  log: TaskLog;
}

export interface TaskContext<Input> extends AttemptContext<Input> {
  /** Throttled, monotonic progress; cheap to call in a tight loop. */
  progress: (done: number, total: number, stage: string) => void;
}

export interface BatchContext<Input> extends AttemptContext<Input> {
  batch: {
    seq: number;
    items: number;
    payload: unknown;
    /** Items an earlier attempt of this batch already saved: continue after them. */
    done: number;
  };
  /** How many of this batch's items are saved so far; throttled and monotonic, adds up into the task's progress. */
  progress: (done: number) => void;
}

/** One batch of a fanned-out task: how many items it holds and what its job needs to find them. */
export interface BatchPlan {
  items: number;
  payload: Prisma.InputJsonValue;
}

interface TaskKindBase<Name extends string, Input> {
  name: Name;
  input: z.ZodType<Input>;
  queue: QueuePolicy;
  /** Checks the input against stored data for this owner and names the task; throws TaskInputError. */
  prepare: (input: Input, env: TaskServices & { ownerId: string }) => Promise<{ title: string }>;
  /**
   * A task to start when this one is ready, committed together with the ready state (so it is
   * started exactly once); skipped while an identical one is still queued.
   */
  followUp?: (input: Input) => { kind: string; input: Record<string, unknown> } | null;
}

export interface SingleJobTaskKind<Name extends string = string, Input = unknown> extends TaskKindBase<Name, Input> {
  /** Does the work; returns the JSON summary shown with the ready task. Must be safe to re-run. */
  run: (ctx: TaskContext<Input>) => Promise<Record<string, unknown>>;
}

export interface BatchedTaskKind<Name extends string = string, Input = unknown> extends TaskKindBase<Name, Input> {
  batches: {
    /** Policy of the batch jobs' queue (`<name>-batch`); each batch retries on its own. */
    queue: QueuePolicy;
    /** What the items are called in messages, e.g. "records". */
    unit: string;
    /** Splits the work; runs once per task (the batches and their jobs are committed together). */
    plan: (ctx: TaskContext<Input>) => Promise<{ stage: string; batches: BatchPlan[] }>;
    /** Does one batch, saving as it goes so a retry continues after `batch.done`; must be safe to re-run. */
    run: (ctx: BatchContext<Input>) => Promise<void>;
    /** The JSON summary of the finished task, read in the transaction that marks it ready. */
    finish: (ctx: { tx: Prisma.TransactionClient; taskId: string; ownerId: string; input: Input }) => Promise<Record<string, unknown>>;
  };
}

export type TaskKind<Name extends string = string, Input = unknown> = SingleJobTaskKind<Name, Input> | BatchedTaskKind<Name, Input>;

/** A kind of any input, for code that handles every kind (the runner, the service). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are contravariant; each kind validates its own with zod
export type AnyTaskKind = TaskKind<string, any>;

export function isBatched(kind: AnyTaskKind): kind is BatchedTaskKind<string, unknown> {
  return 'batches' in kind;
}

export function defineTaskKind<const Name extends string, Input>(kind: SingleJobTaskKind<Name, Input>): SingleJobTaskKind<Name, Input> {
  return kind;
}

export function defineBatchedTaskKind<const Name extends string, Input>(kind: BatchedTaskKind<Name, Input>): BatchedTaskKind<Name, Input> {
  return kind;
}
