// The operations overview: every queue (task-table figures beside pg-boss's own job counts, and
// a redrive for its dead letters), the live processes, the failed tasks, the cache and the audit
// log, and password reset links. Each panel refreshes itself every few seconds.
import type { RouterOutputs } from '@sift/api';
import { formatAge, formatBytes, formatCount } from '../format.ts';
import { routeHash } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { CachePanel } from './CachePanel.tsx';
import { OpsPanel, OpsTable } from './OpsPanel.tsx';
import { PasswordResetPanel } from './PasswordResetPanel.tsx';

type QueueView = RouterOutputs['ops']['queues'][number];

const REFRESH_MS = 5000;

export function OpsOverview() {
  return (
    <>
      <QueuesPanel />
      <FailedTasksPanel />
      <ProcessesPanel />
      <CachePanel />
      <PasswordResetPanel />
      <AuditPanel />
    </>
  );
}

function seconds(value: number): string {
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

function QueuesPanel() {
  const queues = trpc.ops.queues.useQuery(undefined, { refetchInterval: REFRESH_MS });
  return (
    <OpsPanel id="queues-heading" title="Queues" query={queues} what="the queues">
      {(rows) => (
        <>
          <OpsTable
            label="Queues"
            columns={['Queue', 'Waiting', 'Retrying', 'Running', 'Failed', 'Last hour', 'Per minute', 'Oldest waiting', 'Pickup (median / p95)', 'pg-boss jobs', 'Dead-lettered']}
          >
            {rows.map((queue) => (
              <QueueRow key={queue.name} queue={queue} />
            ))}
          </OpsTable>
          <p className="muted">
            Task figures come from Sift's task table (— for a queue that runs no tasks); the job counts are pg-boss's, from its last monitor pass. Job lists and
            warnings are in the pg-boss dashboard.
          </p>
        </>
      )}
    </OpsPanel>
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
  const title = `Failed tasks${failed.data ? ` (${formatCount(failed.data.total)})` : ''}`;
  return (
    <OpsPanel id="failed-heading" title={title} query={failed} what="the failed tasks" empty={{ when: (data) => data.tasks.length === 0, say: 'No task has failed.' }}>
      {(data) => (
        <OpsTable label="Failed tasks" columns={['Task', 'Kind', 'Owner', 'Attempts', 'Failed', 'Error']}>
          {data.tasks.map((task) => (
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
        </OpsTable>
      )}
    </OpsPanel>
  );
}

function ProcessesPanel() {
  const processes = trpc.ops.processes.useQuery(undefined, { refetchInterval: REFRESH_MS * 2 });
  return (
    <OpsPanel id="processes-heading" title="Processes" query={processes} what="the processes" empty={{ when: (rows) => rows.length === 0, say: 'No process has registered with pg-boss.' }}>
      {(rows) => (
        <>
          <OpsTable label="Processes" columns={['Process', 'Host / pid', 'State', 'Last heartbeat', 'Started', 'Jobs in hand', 'Memory', 'Works']}>
            {rows.map((entry) => (
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
          </OpsTable>
          <p className="muted">From pg-boss's instance registry: each process heartbeats every 10 s and reads as gone quiet after three missed beats.</p>
        </>
      )}
    </OpsPanel>
  );
}

function AuditPanel() {
  const actions = trpc.ops.actions.useQuery({ limit: 50 }, { refetchInterval: REFRESH_MS * 2 });
  return (
    <OpsPanel id="audit-heading" title="Operator actions" query={actions} what="the operator actions" empty={{ when: (rows) => rows.length === 0, say: 'Nothing done here yet.' }}>
      {(rows) => (
        <OpsTable label="Operator actions" columns={['When', 'Who', 'From', 'Action', 'Target', 'Outcome']}>
          {rows.map((action) => (
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
        </OpsTable>
      )}
    </OpsPanel>
  );
}
