// One task as the operator sees it: kind, owner, attempts, timestamps, the error with the stack
// pg-boss kept, its job and dead-lettered copy, and the actions: retry a failed or cancelled
// task, cancel a queued or running one. It keeps refreshing until the task is finished.
import type { ReactNode } from 'react';
import type { RouterOutputs } from '@sift/api';
import { STATE_LABELS } from '../components/TaskCard.tsx';
import { formatAge, formatCount } from '../format.ts';
import { routeHash } from '../hooks/useHashRoute.ts';
import { isFinished, trpc } from '../trpc.ts';
import { QueryState } from './OpsPanel.tsx';

type JobView = NonNullable<RouterOutputs['ops']['task']['job']>;

export function OpsTaskPage({ taskId }: { taskId: string }) {
  const task = trpc.ops.task.useQuery({ id: taskId }, { refetchInterval: (query) => (query.state.data && isFinished(query.state.data.state) ? false : 1000) });
  const utils = trpc.useUtils();
  const refresh = () => utils.ops.invalidate();
  const retry = trpc.ops.retryTask.useMutation({ onSuccess: refresh });
  const cancel = trpc.ops.cancelTask.useMutation({ onSuccess: refresh });
  const detail = task.data;

  return (
    <section className="panel" aria-labelledby="ops-task-heading">
      <p className="breadcrumb">
        <a href={routeHash({ page: 'ops' })}>← Overview</a>
      </p>
      <QueryState query={task} what="the task" />
      {detail && (
        <>
          <header className="card-header">
            <h2 id="ops-task-heading" className="card-title">
              {detail.title}
            </h2>
            <span className={`badge badge-${detail.state}`}>{STATE_LABELS[detail.state]}</span>
            {detail.deadLettered && <span className="badge badge-error">dead-lettered</span>}
          </header>
          <dl className="ops-stats">
            <Fact term="Task id" value={<code>{detail.id}</code>} />
            <Fact term="Kind" value={detail.kind} />
            <Fact term="Owner (session id)" value={<code>{detail.ownerId}</code>} />
            <Fact term="Attempts" value={formatCount(detail.attempts)} />
            <Fact term="Stage" value={detail.stage} />
            <Fact term="Progress" value={`${formatCount(detail.processed)} of ${formatCount(detail.total)}`} />
            <Fact term="Created" value={<Time iso={detail.createdAt} />} />
            <Fact term="Started" value={detail.startedAt ? <Time iso={detail.startedAt} /> : '—'} />
            <Fact term="Finished" value={detail.finishedAt ? <Time iso={detail.finishedAt} /> : '—'} />
            <Fact term="Last change" value={<Time iso={detail.updatedAt} />} />
          </dl>

          <div className="ops-actions">
            {(detail.state === 'error' || detail.state === 'cancelled') && (
              <button type="button" className="button" disabled={retry.isPending} onClick={() => retry.mutate({ id: detail.id })}>
                {retry.isPending ? 'Queuing…' : 'Retry this task'}
              </button>
            )}
            {(detail.state === 'queued' || detail.state === 'running') && (
              <button type="button" className="button secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: detail.id })}>
                {cancel.isPending ? 'Cancelling…' : 'Cancel this task'}
              </button>
            )}
            {(retry.error ?? cancel.error) && (
              <p className="message error" role="alert">
                {(retry.error ?? cancel.error)?.message}
              </p>
            )}
          </div>

          {(detail.errorMessage || detail.thrown) && (
            <>
              <h3>Error</h3>
              {detail.errorMessage && (
                <p className="message error">
                  {detail.errorCode && <code>{detail.errorCode}</code>} {detail.errorMessage}
                </p>
              )}
              {detail.thrown && (
                <>
                  <p>Thrown by the handler, as pg-boss stored it:</p>
                  <pre className="stack">{detail.thrown.stack ?? detail.thrown.message}</pre>
                </>
              )}
            </>
          )}

          <h3>pg-boss jobs</h3>
          <ul className="project-list">
            <li>{detail.job ? <Job label="Last job" job={detail.job} /> : 'Its last job is no longer kept by pg-boss (past its retention).'}</li>
            {detail.deadLetter && (
              <li>
                <Job label="Dead-lettered copy" job={detail.deadLetter} />
              </li>
            )}
          </ul>
          <details>
            <summary>Input</summary>
            <pre className="stack">{JSON.stringify(detail.input, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso} title={iso}>{formatAge(iso)}</time>;
}

function Job({ label, job }: { label: string; job: JobView }) {
  return (
    <>
      {label}: <code>{job.id}</code> in <a href={`/ops/queues/queues/${encodeURIComponent(job.queue)}`}>{job.queue}</a>, {job.state}, retried {job.retryCount} of{' '}
      {job.retryLimit}, created <Time iso={job.createdAt} />
      {job.completedAt && (
        <>
          , ended <Time iso={job.completedAt} />
        </>
      )}
    </>
  );
}
