// The researcher-facing shape of a task: percent, elapsed time and an ETA derived from the
// observed rate, computed from the stored row so every reader sees the same figures.
import type { Task } from '@sift/db';

export interface TaskStatus {
  id: string;
  kind: string;
  title: string;
  state: Task['state'];
  stage: string;
  processed: number;
  total: number;
  /** 0-100, null while the total is still unknown. */
  percent: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  elapsedMs: number | null;
  etaMs: number | null;
  error: { code: string; message: string } | null;
  result: unknown;
}

export function toTaskStatus(task: Task, now = new Date()): TaskStatus {
  const terminal = task.state === 'ready' || task.state === 'error' || task.state === 'cancelled';
  const percent = task.state === 'ready' ? 100 : task.total > 0 ? Math.min(100, (100 * task.processed) / task.total) : null;
  const elapsedMs = task.startedAt ? (task.finishedAt ?? now).getTime() - task.startedAt.getTime() : null;
  let etaMs: number | null = null;
  if (!terminal && task.state === 'running' && elapsedMs !== null && task.processed > 0 && task.total > task.processed) {
    etaMs = Math.round((elapsedMs * (task.total - task.processed)) / task.processed);
  }
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    state: task.state,
    stage: task.stage,
    processed: task.processed,
    total: task.total,
    percent: percent === null ? null : Math.round(percent * 10) / 10,
    createdAt: task.createdAt.toISOString(),
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    elapsedMs,
    etaMs,
    error: task.errorCode ? { code: task.errorCode, message: task.errorMessage ?? '' } : null,
    result: task.result,
  };
}
