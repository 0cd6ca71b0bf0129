// Live status of one task, polled only while it can still change. The interval is a pure
// function of the last status so it can be unit-tested without React.
import { isFinished, trpc, type TaskStatus } from '../trpc.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const RECONNECT_MS = 3 * SECOND;

/** The part of a tRPC client error the polling rules look at. */
export interface PollError {
  data?: { code?: string } | null;
}

/**
 * How long to wait before asking for a task's status again, or false to stop.
 * Fast at first, when a researcher is watching closely; slower as a long task wears on, so
 * hours-long jobs do not cost a request every half second.
 */
export function taskStatusInterval(status: TaskStatus | undefined, error?: PollError | null): number | false {
  // The server or its database may be restarting: keep the last known progress and try again,
  // unless the task is gone for good.
  if (error) return error.data?.code === 'NOT_FOUND' ? false : RECONNECT_MS;
  if (!status) return SECOND;
  if (isFinished(status.state)) return false;
  if (status.state === 'queued') return SECOND;
  const elapsed = status.elapsedMs ?? 0;
  if (elapsed < 30 * SECOND) return 500;
  if (elapsed < 5 * MINUTE) return 2 * SECOND;
  return 5 * SECOND;
}

export function useTaskStatus(id: string, options: { enabled: boolean }) {
  return trpc.getTaskStatus.useQuery(
    { id },
    {
      enabled: options.enabled,
      refetchInterval: (query) => taskStatusInterval(query.state.data, query.state.error),
    },
  );
}
