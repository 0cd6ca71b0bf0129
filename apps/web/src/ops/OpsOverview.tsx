// The operations overview: every queue (task-table figures beside pg-boss's own job counts, and
// a redrive for its dead letters), the live processes, the failed tasks, the cache and the audit
// log. Each panel refreshes itself every few seconds.
import type { RouterOutputs } from '@sift/api';
import { formatAge, formatBytes, formatCount } from '../format.ts';
import { routeHash } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { CachePanel } from './CachePanel.tsx';

type QueueView = RouterOutputs['ops']['queues'][number];

const REFRESH_MS = 5000;

export function OpsOverview() {
  return (
    <>
      <QueuesPanel />
      <FailedTasksPanel />
      <ProcessesPanel />
      <CachePanel />
      <AuditPanel />
    </>
  );
}

/** A query's loading and error states, said the same way in every panel. */
function QueryState({ query, what }: { query: { isPending: boolean; isError: boolean; error: { message: string } | null }; what: string }) {
  if (query.isPending) return <p className="muted">Loading {what}…</p>;
  if (query.isError) {
    return (
      <p className="message error" role="alert">
        Could not load {what}: {query.error?.message}
      </p>
    );
  }
  return null;
}

function seconds(value: number): string {
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

function QueuesPanel() {
  const queues = trpc.ops.queues.useQuery(undefined, { refetchInterval: REFRESH_MS });
  return (
    <section className="panel" aria-labelledby="queues-heading">
      <h2 id="queues-heading">Queues</h2>
      <QueryState query={queues} what="the queues" />
      {queues.data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Waiting</th>
                <th scope="col">Retrying</th>
                <th scope="col">Running</th>
                <th scope="col">Failed</th>
                <th scope="col">Done (last hour)</th>
                <th scope="col">Per minute</th>
                <th scope="col">Oldest waiting</th>
                <th scope="col">Pickup (median / p95)</th>
                <th scope="col">pg-boss jobs</th>
                <th scope="col">Dead-lettered</th>
              </tr>
            </thead>
            <tbody>
              {queues.data.map((queue) => (
                <QueueRow key={queue.name} queue={queue} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Task figures come from Sift's task table (— for a queue that runs no tasks); the job counts are pg-boss's, from its last monitor pass. Charts, job lists and
        warnings are in the pg-boss dashboard.
      </p>
    </section>
  );
}

function QueueRow({ queue }: { queue: QueueView }) {
  const utils = trpc.useUtils();
  const redrive = trpc.ops.redrive.useMutation({ onSuccess: () => utils.ops.invalidate() });
  const tasks = queue.tasks;
  const dash = '—';
  return (
    <tr>
      <th scope="row">{queue.name}</th>
      <td>{tasks ? formatCount(tasks.waiting) : dash}</td>
      <td>{tasks ? formatCount(tasks.retrying) : dash}</td>
      <td>{tasks ? formatCount(tasks.running) : dash}</td>
      <td>{tasks ? formatCount(tasks.failed) : dash}</td>
      <td>{tasks ? `${formatCount(tasks.completedLastHour)} done, ${formatCount(tasks.failedLastHour)} failed` : dash}</td>
      <td>{tasks ? (tasks.completedLastHour / 60).toFixed(1) : dash}</td>
      <td>{tasks?.oldestWaitingSince ? formatAge(tasks.oldestWaitingSince) : dash}</td>
      <td>{tasks?.pickupSeconds ? `${seconds(tasks.pickupSeconds.median)} / ${seconds(tasks.pickupSeconds.p95)}` : dash}</td>
      <td>
        {queue.jobs.ready} ready · {queue.jobs.deferred} deferred · {queue.jobs.active} active · {queue.jobs.failed} failed
      </td>
      <td>
        {queue.deadLetterQueue ? formatCount(queue.deadLettered) : dash}
        {queue.deadLettered > 0 && (
          <button
            type="button"
            className="button secondary inline-action"
            disabled={redrive.isPending}
            onClick={() => redrive.mutate({ queue: queue.name })}
            aria-label={`Redrive the dead letters of ${queue.name}`}
          >
            {redrive.isPending ? 'Redriving…' : 'Redrive'}
          </button>
        )}
        {redrive.data && (
          <span role="status">
            {' '}
            Moved {formatCount(redrive.data.moved)} back
            {redrive.data.skipped > 0 && `; left ${formatCount(redrive.data.skipped)} whose task was retried or finished since`}.
          </span>
        )}
        {redrive.isError && (
          <span className="message error" role="alert">
            {redrive.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}

function FailedTasksPanel() {
  const failed = trpc.ops.failedTasks.useQuery({ limit: 50 }, { refetchInterval: REFRESH_MS });
  return (
    <section className="panel" aria-labelledby="failed-heading">
      <h2 id="failed-heading">Failed tasks{failed.data ? ` (${formatCount(failed.data.total)})` : ''}</h2>
      <QueryState query={failed} what="the failed tasks" />
      {failed.data?.tasks.length === 0 && <p className="muted">No task has failed.</p>}
      {failed.data && failed.data.tasks.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Failed tasks">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner</th>
                <th scope="col">Attempts</th>
                <th scope="col">Failed</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {failed.data.tasks.map((task) => (
                <tr key={task.id}>
                  <th scope="row">
                    <a href={routeHash({ page: 'opsTask', taskId: task.id })}>{task.title}</a>
                  </th>
                  <td>
                    {task.kind} {task.deadLettered && <span className="badge badge-error">dead-lettered</span>}
                  </td>
                  <td className="opaque-id">{task.ownerId}</td>
                  <td>{task.attempts}</td>
                  <td>{task.finishedAt ? formatAge(task.finishedAt) : '—'}</td>
                  <td className="wrap">
                    {task.errorCode && <code>{task.errorCode}</code>} {task.errorMessage}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ProcessesPanel() {
  const processes = trpc.ops.processes.useQuery(undefined, { refetchInterval: REFRESH_MS * 2 });
  return (
    <section className="panel" aria-labelledby="processes-heading">
      <h2 id="processes-heading">Processes</h2>
      <QueryState query={processes} what="the processes" />
      {processes.data?.length === 0 && <p className="muted">No process has registered with pg-boss.</p>}
      {processes.data && processes.data.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Process</th>
                <th scope="col">Host / pid</th>
                <th scope="col">State</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Started</th>
                <th scope="col">Jobs in hand</th>
                <th scope="col">Memory</th>
                <th scope="col">Works</th>
              </tr>
            </thead>
            <tbody>
              {processes.data.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.name ?? 'unnamed'}</th>
                  <td>
                    {entry.host} / {entry.pid}
                  </td>
                  <td>{entry.live ? <span className="badge badge-ready">alive</span> : <span className="badge badge-error">gone quiet</span>}</td>
                  <td>{formatAge(entry.heartbeatAt)}</td>
                  <td>{formatAge(entry.startedAt)}</td>
                  <td>{formatCount(entry.activeJobs)}</td>
                  <td>{entry.rssBytes === null ? '—' : formatBytes(entry.rssBytes)}</td>
                  <td className="wrap">{entry.queues.length ? entry.queues.join(', ') : 'no queues (API only)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">From pg-boss's instance registry: each process heartbeats every 10 s and reads as gone quiet after three missed beats.</p>
    </section>
  );
}

function AuditPanel() {
  const actions = trpc.ops.actions.useQuery({ limit: 50 }, { refetchInterval: REFRESH_MS * 2 });
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Operator actions</h2>
      <QueryState query={actions} what="the operator actions" />
      {actions.data?.length === 0 && <p className="muted">Nothing done here yet.</p>}
      {actions.data && actions.data.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Operator actions">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {actions.data.map((action) => (
                <tr key={action.id}>
                  <td title={action.at}>{formatAge(action.at)}</td>
                  <td>{action.operator}</td>
                  <td>{action.address}</td>
                  <td>{action.action}</td>
                  <td className="opaque-id">{action.target}</td>
                  <td>
                    <code>{JSON.stringify(action.outcome)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
