// pg-boss wiring: one queue per task kind, each with a dead-letter queue, exponential retry,
// heartbeat and expiry from the kind's policy, and LISTEN/NOTIFY so a job starts within
// milliseconds of createTask committing. Each process registers itself in pg-boss's instance
// registry (the operations page lists the live ones) and keeps pg-boss's warnings for its dashboard.
import { PgBoss } from 'pg-boss';
import { isBatched, type AnyTaskKind, type QueuePolicy, type TaskServices } from './taskKind.ts';

export type Boss = PgBoss;

/** What the task service and the workers share: the services kinds use, the queue and the registry. */
export interface TaskEngine extends TaskServices {
  boss: Boss;
  kinds: readonly AnyTaskKind[];
}

export interface BossOptions {
  /** How often pg-boss looks for dead workers and expired jobs. (Default: 5) */
  monitorIntervalSeconds?: number;
  /** How this process appears in pg-boss's instance registry, e.g. "server" or "worker". */
  instanceName?: string;
  onError?: (error: Error) => void;
  /** pg-boss's own warnings: slow queries, queue backlogs, clock skew. */
  onWarning?: (warning: { message: string; data: object }) => void;
}

/** How often a process refreshes its registry row; it reads as gone after three missed beats. */
const INSTANCE_HEARTBEAT_SECONDS = 10;

export async function startBoss(url: string, options: BossOptions = {}): Promise<Boss> {
  const boss = new PgBoss({
    connectionString: url,
    useListenNotify: true,
    monitorIntervalSeconds: options.monitorIntervalSeconds ?? 5,
    superviseIntervalSeconds: options.monitorIntervalSeconds ?? 5,
    max: 5,
    instanceName: options.instanceName,
    instanceHeartbeatSeconds: INSTANCE_HEARTBEAT_SECONDS,
    persistWarnings: true,
  });
  boss.on('error', options.onError ?? (() => {}));
  boss.on('warning', options.onWarning ?? (() => {}));
  await boss.start();
  return boss;
}

export const deadLetterQueue = (queue: string) => `${queue}-dead-letter`;

/** The queue of a fanned-out kind's batch jobs. */
export const batchQueue = (kind: string) => `${kind}-batch`;

/** Every queue a kind uses, with its policy: the task's own, and its batches' for a batched kind. */
export function queuesOf(kind: AnyTaskKind): { name: string; policy: QueuePolicy }[] {
  const queues = [{ name: kind.name, policy: kind.queue }];
  if (isBatched(kind)) queues.push({ name: batchQueue(kind.name), policy: kind.batches.queue });
  return queues;
}

/** Idempotent: safe for several processes starting at once. */
export async function ensureQueues(boss: Boss, kinds: readonly AnyTaskKind[]): Promise<void> {
  for (const { name, policy } of kinds.flatMap(queuesOf)) {
    await createQueueOnce(boss, deadLetterQueue(name), {});
    const options = {
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.expireInSeconds,
      heartbeatSeconds: policy.heartbeatSeconds,
      deadLetter: deadLetterQueue(name),
      notify: true,
    };
    await createQueueOnce(boss, name, options);
    await boss.updateQueue(name, options);
  }
}

export async function createQueueOnce(boss: Boss, name: string, options: Parameters<Boss['createQueue']>[1]): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, options);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error; // lost a race with another process: fine
  }
}
