// One task of any kind: its state, live progress while it runs, the server's error text when it
// fails ("Try again" only where a retry can help: taskRetry.ts), and what it made once it is ready (each caller passes its own ready view and names what
// the task counts).
import type { ReactNode } from 'react';
import { formatCount, formatDuration, formatEta, formatPercent } from '../format.ts';
import { useTaskStatus } from '../hooks/useTaskStatus.ts';
import { isFinished, trpc, type TaskStatus } from '../trpc.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { canRetry, permanentFailureHint } from './taskRetry.ts';

export const STATE_LABELS: Record<TaskStatus['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  ready: 'Ready',
  error: 'Failed',
  cancelled: 'Cancelled',
};

interface TaskCardProps {
  listed: TaskStatus;
  /** What the task made, shown once it is ready. */
  renderReady: (task: TaskStatus) => ReactNode;
  /** What the researcher can still do with a failed task besides trying again (another sheet of a workbook). */
  renderFailed?: (task: TaskStatus) => ReactNode;
  /** What `processed` and `total` count, in the plural, e.g. "rows". */
  unit: string;
}

export function TaskCard({ listed, renderReady, renderFailed, unit }: TaskCardProps) {
  const live = useTaskStatus(listed.id, { enabled: !isFinished(listed.state) });
  // A finished state from the list is final; otherwise the per-task poll is the fresher view.
  const task = isFinished(listed.state) ? listed : (live.data ?? listed);
  const active = !isFinished(task.state);

  return (
    <article className={`card state-${task.state}`} aria-label={task.title}>
      <header className="card-header">
        <h3 className="card-title">{task.title}</h3>
        <span className={`badge badge-${task.state}`}>{STATE_LABELS[task.state]}</span>
      </header>
      {active && <ActiveTask task={task} unit={unit} />}
      {active && live.isError && (
        <p className="muted" role="status">
          Reconnecting… showing the last known progress. ({live.error.message})
        </p>
      )}
      {task.state === 'error' && (
        <p className="message error" role="alert">
          {task.error?.message || 'This file could not be processed. Upload it again, or try another copy.'}
        </p>
      )}
      {task.state === 'cancelled' && <p className="muted">Cancelled.</p>}
      {canRetry(task) ? (
        <RetryButton task={task} />
      ) : (
        task.state === 'error' && <p className="muted">{permanentFailureHint(task.kind)}</p>
      )}
      {task.state === 'error' && renderFailed?.(task)}
      {task.state === 'ready' && (
        <>
          {task.elapsedMs !== null && <p className="muted">Finished in {formatDuration(task.elapsedMs)}.</p>}
          {renderReady(task)}
        </>
      )}
    </article>
  );
}

/** Runs a failed or cancelled task again on the server; the lists refresh and the card follows it. */
function RetryButton({ task }: { task: TaskStatus }) {
  const utils = trpc.useUtils();
  const retry = trpc.retryTask.useMutation({
    onSuccess: (status) => {
      utils.getTaskStatus.setData({ id: status.id }, status);
      return Promise.all([utils.listTasks.invalidate(), utils.listImports.invalidate()]);
    },
  });
  return (
    <div>
      <button type="button" className="button secondary" onClick={() => retry.mutate({ id: task.id })} disabled={retry.isPending} aria-label={`Try ${task.title} again`}>
        {retry.isPending ? 'Starting…' : 'Try again'}
      </button>
      {retry.isError && (
        <p className="message error" role="alert">
          Could not start it again: {retry.error.message}
        </p>
      )}
    </div>
  );
}

function progressLabel(task: TaskStatus, unit: string): string {
  if (task.state === 'queued') return 'Waiting for a worker';
  if (task.percent === null) return capitalize(task.stage || 'starting');
  return `${formatCount(task.processed)} of ${formatCount(task.total)} ${unit} · ${formatPercent(task.percent)} · ${task.stage}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ActiveTask({ task, unit }: { task: TaskStatus; unit: string }) {
  const utils = trpc.useUtils();
  const cancel = trpc.cancelTask.useMutation({
    // A status poll already in flight would otherwise land after the answer and show "running" again.
    onMutate: ({ id }) => utils.getTaskStatus.cancel({ id }),
    onSuccess: (status) => {
      utils.getTaskStatus.setData({ id: status.id }, status);
      return Promise.all([utils.listTasks.invalidate(), utils.listImports.invalidate()]);
    },
  });

  return (
    <div className="card-body">
      <ProgressBar name={`Processing ${task.title}`} percent={task.state === 'queued' ? null : task.percent} label={progressLabel(task, unit)} />
      <p className="timing">
        {task.elapsedMs !== null && <span>Elapsed {formatDuration(task.elapsedMs)}</span>}
        {task.etaMs !== null && <span>{formatEta(task.etaMs)}</span>}
      </p>
      <button
        type="button"
        className="button secondary"
        onClick={() => cancel.mutate({ id: task.id })}
        disabled={cancel.isPending}
        aria-label={`Cancel processing ${task.title}`}
      >
        {cancel.isPending ? 'Cancelling…' : 'Cancel'}
      </button>
      {cancel.isError && (
        <p className="message error" role="alert">
          Could not cancel: {cancel.error.message}
        </p>
      )}
    </div>
  );
}
