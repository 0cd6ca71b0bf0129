// What a task kind is: its name (also its pg-boss queue), the zod schema of its input, its queue
// policy, a `prepare` step run inside createTask, and `run`, executed by a worker. A kind is one
// folder under kinds/ plus one line in kinds/index.ts.
import type { z } from 'zod';
import type { Db } from '@sift/db';
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

export interface TaskServices {
  db: Db;
  storage: UploadStorage;
  cache: PgCache;
}

export interface TaskContext<Input> extends TaskServices {
  taskId: string;
  ownerId: string;
  input: Input;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the researcher cancels, or the process shuts down: stop work promptly. */
  signal: AbortSignal;
  /** Throttled, monotonic progress; cheap to call in a tight loop. */
  progress: (done: number, total: number, stage: string) => void;
}

export interface TaskKind<Name extends string = string, Input = unknown> {
  name: Name;
  input: z.ZodType<Input>;
  queue: QueuePolicy;
  /** Checks the input against stored data for this owner and names the task; throws TaskInputError. */
  prepare: (input: Input, env: TaskServices & { ownerId: string }) => Promise<{ title: string }>;
  /** Does the work; returns the JSON summary shown with the ready task. Must be safe to re-run. */
  run: (ctx: TaskContext<Input>) => Promise<Record<string, unknown>>;
  /**
   * A task to start when this one is ready, committed together with the ready state (so it is
   * started exactly once); skipped while an identical one is still queued.
   */
  followUp?: (input: Input) => { kind: string; input: Record<string, unknown> } | null;
}

/** A kind of any input, for code that handles every kind (the runner, the service). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are contravariant; each kind validates its own with zod
export type AnyTaskKind = TaskKind<string, any>;

export function defineTaskKind<const Name extends string, Input>(kind: TaskKind<Name, Input>): TaskKind<Name, Input> {
  return kind;
}
